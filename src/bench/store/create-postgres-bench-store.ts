import pg from 'pg';
import { StoreError } from '../../errors/index.js';
import { redactUrl } from '../redact-url.js';
import type { BenchStoreV1 } from './bench-store.js';
import { migrations, postgresMigration } from './migrations.js';
import type { RunRecord } from './run-record.js';
import {
  type IdentityRow,
  metricEntries,
  type RunKeyRow,
  type RunRow,
  runColumns,
  runKeyColumns,
  runKeyOfRow,
  runValues,
  toStoredRuns,
} from './run-row.js';

/** Settings of {@link createPostgresBenchStore}. */
export interface PostgresBenchStoreSettings {
  /** `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?schema=NAME]`; `schema` (default `public`) holds the tables. */
  url: string;
  /** Pool size. Default 2 (one writer and a reader is all the coordinator needs). */
  maxConnections?: number;
}

// BIGINT columns (seed, sizes, ids) come back as numbers: every value fits in 2^53.
const int8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === int8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const keyWhere = 'script_id = $1 AND policy = $2 AND seed = $3 AND width = $4 AND height = $5 AND steps = $6';

/**
 * The results store in a PostgreSQL database, for teams that share one: the SQLite store's tables and migrations
 * (in PostgreSQL's dialect) inside `schema`, its version in `<schema>.iamflow_schema`. Migrations run under an
 * advisory lock, so coordinators may start together.
 *
 * @example
 * const store = await createPostgresBenchStore({ url: 'postgres://bench@db.lan/results?schema=narrastream' });
 */
export async function createPostgresBenchStore(settings: PostgresBenchStoreSettings): Promise<BenchStoreV1> {
  const url = new URL(settings.url);
  const schema = url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreError({
      message: `invalid schema name '${schema}'`,
      issues: [
        {
          code: 'invalid-store',
          path: ['--store', 'schema'],
          message: `'${schema}' is not a plain lower-case identifier`,
          hint: 'use letters, digits and _ (e.g. ?schema=bench_2026)',
        },
      ],
      exitCode: 2,
    });
  }
  const location = redactUrl(settings.url);
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: settings.maxConnections ?? 2,
    types,
    options: `-c search_path=${schema}`,
  });
  // An idle client's error (the server going away) must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    await migrateSchema(pool, schema);
  } catch (error) {
    await pool.end();
    throw new StoreError({
      message: `cannot open the PostgreSQL results store ${location}: ${(error as Error).message}`,
      issues: [
        {
          code: 'store-unreachable',
          path: ['--store'],
          message: `${location}: ${(error as Error).message}`,
          hint: 'check the server is running and the URL (postgres://USER@HOST:PORT/DB)',
        },
      ],
      cause: error,
    });
  }

  return {
    specificationVersion: 'v1',
    provider: 'postgres',
    location,
    async doneKeys() {
      const { rows } = await pool.query<RunKeyRow>(`SELECT ${runKeyColumns} FROM runs WHERE status = 'done'`);
      return new Set(rows.map(runKeyOfRow));
    },
    recordRun: (record) => recordRun(pool, record),
    async listRuns(filter = {}) {
      const runs = filter.status
        ? await pool.query<RunRow>('SELECT * FROM runs WHERE status = $1 ORDER BY script_id, policy, id', [
            filter.status,
          ])
        : await pool.query<RunRow>('SELECT * FROM runs ORDER BY script_id, policy, id');
      const metrics = await pool.query<{ run_id: number; name: string; value: number }>(
        'SELECT run_id, name, value FROM metrics',
      );
      const identity = await pool.query<IdentityRow>(
        'SELECT * FROM identity ORDER BY run_id, character, segment',
      );
      return toStoredRuns(runs.rows, metrics.rows, identity.rows);
    },
    close: () => pool.end(),
  };
}

async function migrateSchema(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One coordinator migrates at a time (the lock ends with the transaction).
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`iamflow.${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS iamflow_schema (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM iamflow_schema');
    const before = rows[0]?.version ?? 0;
    if (before > migrations.length) {
      throw new Error(`schema version ${before} is newer than this iamflow knows (${migrations.length})`);
    }
    for (let version = before; version < migrations.length; version++) {
      await client.query(postgresMigration(migrations[version]!));
    }
    if (rows.length === 0)
      await client.query('INSERT INTO iamflow_schema (version) VALUES ($1)', [migrations.length]);
    else await client.query('UPDATE iamflow_schema SET version = $1', [migrations.length]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function recordRun(pool: pg.Pool, record: RunRecord): Promise<{ id: number; stored: boolean }> {
  const client = await pool.connect();
  const key = [record.scriptId, record.policy, record.seed, record.width, record.height, record.steps];
  try {
    await client.query('BEGIN');
    const existing = await client.query<{ id: number; status: string }>(
      `SELECT id, status FROM runs WHERE ${keyWhere} FOR UPDATE`,
      key,
    );
    const row = existing.rows[0];
    if (row?.status === 'done') {
      await client.query('COMMIT');
      return { id: row.id, stored: false };
    }
    if (row) await client.query('DELETE FROM runs WHERE id = $1', [row.id]);
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO runs (${runColumns.join(', ')}) VALUES (${runColumns.map((_, index) => `$${index + 1}`).join(', ')})
       ON CONFLICT (script_id, policy, seed, width, height, steps) DO NOTHING RETURNING id`,
      runValues(record),
    );
    const id = inserted.rows[0]?.id;
    if (id === undefined) {
      // Another writer stored the same key in between: that record stands.
      await client.query('ROLLBACK');
      const { rows } = await pool.query<{ id: number }>(`SELECT id FROM runs WHERE ${keyWhere}`, key);
      return { id: rows[0]!.id, stored: false };
    }
    const metrics = metricEntries(record);
    if (metrics.length > 0) {
      await client.query(
        'INSERT INTO metrics (run_id, name, value) SELECT $1, * FROM unnest($2::text[], $3::float8[])',
        [id, metrics.map(([name]) => name), metrics.map(([, value]) => value)],
      );
    }
    const identity = record.identity ?? [];
    if (identity.length > 0) {
      await client.query(
        `INSERT INTO identity (run_id, segment, character, present, consistency)
         SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::float8[])`,
        [
          id,
          identity.map((point) => point.segment),
          identity.map((point) => point.character),
          identity.map((point) => (point.present ? 1 : 0)),
          identity.map((point) => point.consistency),
        ],
      );
    }
    await client.query('COMMIT');
    return { id, stored: true };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
