import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testServices, uniqueName, unreachable } from '../../../test/services.js';
import { writeReport } from '../report/write-report.js';
import { writeTinySuite } from '../runner/__fixtures__/tiny-suite.js';
import { runBench } from '../runner/run-bench.js';
import { runBenchStoreCases } from './bench-store.case.js';
import { createPostgresBenchStore } from './create-postgres-bench-store.js';
import { migrations, postgresMigration } from './migrations.js';

const skip = await unreachable('Postgres', testServices.postgres, 5432);
if (skip) console.warn(`skipping the PostgreSQL store tests: ${skip}`);
const schemas: string[] = [];
let count = 0;
const prefix = uniqueName('iamflow_test');

afterAll(async () => {
  if (skip || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: testServices.postgres });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

function schemaUrl(schema: string): string {
  const url = new URL(testServices.postgres);
  url.searchParams.set('schema', schema);
  return url.toString();
}

runBenchStoreCases({
  name: 'postgres',
  ...(skip ? { skip } : {}),
  open: async (again) => {
    if (!again) schemas.push(`${prefix}_${++count}`);
    return createPostgresBenchStore({ url: schemaUrl(schemas.at(-1)!) });
  },
});

describe.skipIf(skip !== undefined)('createPostgresBenchStore', () => {
  it('migrates a schema written before steps joined the key: rows and metrics kept, steps 4', async () => {
    const schema = `${prefix}_v2`;
    schemas.push(schema);
    const client = new pg.Client({ connectionString: testServices.postgres });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path TO ${schema}`);
    for (const migration of migrations.slice(0, 2)) await client.query(postgresMigration(migration));
    await client.query('CREATE TABLE iamflow_schema (version INTEGER NOT NULL)');
    await client.query('INSERT INTO iamflow_schema (version) VALUES (2)');
    await client.query(
      `INSERT INTO runs (id, script_id, dimension, policy, seed, width, height, status, wall_seconds, created)
       VALUES (7, 'reappearance-001', 'reappearance', 'memflow', 1, 240, 136, 'done', 3.5, '2026-01-01')`,
    );
    await client.query("INSERT INTO metrics (run_id, name, value) VALUES (7, 'identity.longRange', 61.5)");
    await client.end();

    const store = await createPostgresBenchStore({ url: schemaUrl(schema) });
    expect(await store.listRuns()).toMatchObject([
      { id: 7, steps: 4, metrics: { 'identity.longRange': 61.5 } },
    ]);
    const record = { ...(await store.listRuns())[0]!, steps: 2 };
    expect((await store.recordRun(record)).stored).toBe(true);
    expect((await store.doneKeys()).size).toBe(2);
    await store.close();
  });

  it('records its schema version and refuses a newer one; never prints a password', async () => {
    const schema = `${prefix}_version`;
    schemas.push(schema);
    const url = new URL(schemaUrl(schema));
    url.password = 'hunter2';
    const store = await createPostgresBenchStore({ url: url.toString() });
    expect(store.location).not.toContain('hunter2');
    await store.close();
    const client = new pg.Client({ connectionString: testServices.postgres });
    await client.connect();
    const { rows } = await client.query(`SELECT version FROM ${schema}.iamflow_schema`);
    expect(rows).toEqual([{ version: migrations.length }]);
    await client.query(`UPDATE ${schema}.iamflow_schema SET version = ${migrations.length + 1}`);
    await client.end();
    await expect(createPostgresBenchStore({ url: url.toString() })).rejects.toThrow(
      /newer than this iamflow/,
    );
  });
});

describe.skipIf(skip !== undefined)('iamflow bench --store postgres://', () => {
  it('runs a bench into PostgreSQL and resumes from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-pg-bench-'));
    const schema = `${prefix}_bench`;
    schemas.push(schema);
    const options = {
      suite: writeTinySuite(dir, 1, 2),
      out: join(dir, 'results'),
      store: schemaUrl(schema),
      policies: ['longlive'],
      workers: 0,
      width: 96,
      height: 64,
      keepVideo: false,
    };
    try {
      expect(await runBench(options)).toMatchObject({ done: 1, failed: 0 });
      expect(await runBench(options)).toMatchObject({ done: 0, skipped: 1 });
      const store = await createPostgresBenchStore({ url: schemaUrl(schema) });
      const [run] = await store.listRuns();
      await store.close();
      expect(run).toMatchObject({ scriptId: 'reappearance-001', policy: 'longlive', status: 'done' });
      expect(Object.keys(run!.metrics ?? {}).length).toBeGreaterThan(5);
      // `iamflow bench report DIR --store postgres://...`
      const report = await writeReport(join(dir, 'report'), { store: schemaUrl(schema) });
      expect(report.summary.byPolicy.map((row) => row.policy)).toEqual(['longlive']);
      expect(existsSync(report.html)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
