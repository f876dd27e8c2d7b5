import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';
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
  type StoredRun,
  toStoredRuns,
} from './run-row.js';

export type { StoredRun } from './run-row.js';

/** File name of the store inside a results directory. */
export const resultsFileName = 'results.sqlite';

/** What writing a record did. */
export interface StoreResult {
  /** Row id of the key's record. */
  id: number;
  /** False when the key was already `done`: the record was a duplicate delivery and nothing changed. */
  stored: boolean;
}

/** The results of a benchmark: one SQLite file, one writer (the runner's main thread). */
export interface ResultsStore {
  /** Path of the SQLite file. */
  readonly path: string;
  /** Keys (`runKeyString`) of the runs finished with status `done`: the runner skips them. */
  doneKeys(): Set<string>;
  /**
   * Writes a run atomically, replacing an earlier `failed` record of the same key (a retry). A key already `done`
   * is kept as it is (a result delivered twice is stored once). Returns the row id.
   */
  recordRun(record: RunRecord): number;
  /** {@link recordRun}, also saying whether the record was stored or a duplicate. */
  storeRun(record: RunRecord): StoreResult;
  /** Every stored run (metrics and identity included), ordered by script, policy. */
  listRuns(filter?: { status?: RunRecord['status'] }): StoredRun[];
  /** Closes the database. */
  close(): void;
}

const keyWhere = 'script_id = ? AND policy = ? AND seed = ? AND width = ? AND height = ? AND steps = ?';

/**
 * Opens (creating and migrating as needed) the results store at `path`, usually `<results dir>/results.sqlite`.
 * WAL mode, so a crash loses at most the record being written.
 *
 * @example
 * const store = openResultsStore('bench/results/default/results.sqlite');
 * if (!store.doneKeys().has(runKeyString(key))) store.recordRun(record);
 */
export function openResultsStore(path: string): ResultsStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  migrate(database);

  const findRun = database.prepare(`SELECT id, status FROM runs WHERE ${keyWhere}`);
  const deleteRun = database.prepare(`DELETE FROM runs WHERE id = ?`);
  const insertRun = database.prepare(
    `INSERT INTO runs (${runColumns.join(', ')}) VALUES (${runColumns.map(() => '?').join(', ')})`,
  );
  const insertMetric = database.prepare('INSERT INTO metrics (run_id, name, value) VALUES (?, ?, ?)');
  const insertIdentity = database.prepare(
    'INSERT INTO identity (run_id, segment, character, present, consistency) VALUES (?, ?, ?, ?, ?)',
  );

  const storeRun = database.transaction((record: RunRecord): StoreResult => {
    const key = [record.scriptId, record.policy, record.seed, record.width, record.height, record.steps];
    const existing = findRun.get(...key) as { id: number; status: string } | undefined;
    if (existing?.status === 'done') return { id: existing.id, stored: false };
    if (existing) deleteRun.run(existing.id);
    const id = Number(insertRun.run(...runValues(record)).lastInsertRowid);
    for (const [name, value] of metricEntries(record)) insertMetric.run(id, name, value);
    for (const point of record.identity ?? []) {
      insertIdentity.run(id, point.segment, point.character, point.present ? 1 : 0, point.consistency);
    }
    return { id, stored: true };
  });

  return {
    path,
    doneKeys() {
      const rows = database
        .prepare(`SELECT ${runKeyColumns} FROM runs WHERE status = 'done'`)
        .all() as RunKeyRow[];
      return new Set(rows.map(runKeyOfRow));
    },
    recordRun: (record) => storeRun(record).id,
    storeRun: (record) => storeRun(record),
    listRuns(filter = {}) {
      const rows = (
        filter.status
          ? database
              .prepare('SELECT * FROM runs WHERE status = ? ORDER BY script_id, policy, id')
              .all(filter.status)
          : database.prepare('SELECT * FROM runs ORDER BY script_id, policy, id').all()
      ) as RunRow[];
      const metrics = database.prepare('SELECT run_id, name, value FROM metrics').all() as {
        run_id: number;
        name: string;
        value: number;
      }[];
      const identity = database
        .prepare('SELECT * FROM identity ORDER BY run_id, character, segment')
        .all() as IdentityRow[];
      return toStoredRuns(rows, metrics, identity);
    },
    close: () => database.close(),
  };
}
