import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { EngineCosts } from '../../engine/engine.js';
import { migrate } from './migrations.js';
import { type IdentityPoint, type RunKey, type RunRecord, runKeyString } from './run-record.js';

/** File name of the store inside a results directory. */
export const resultsFileName = 'results.sqlite';

/** A stored run with its row id. */
export interface StoredRun extends RunRecord {
  /** Row id in `runs`. */
  id: number;
}

/** The results of a benchmark: one SQLite file, one writer (the runner's main thread). */
export interface ResultsStore {
  /** Path of the SQLite file. */
  readonly path: string;
  /** Keys (`runKeyString`) of the runs finished with status `done`: the runner skips them. */
  doneKeys(): Set<string>;
  /** Writes a run, replacing any earlier record of the same key (a retried failure), atomically. */
  recordRun(record: RunRecord): number;
  /** Every stored run (metrics and identity included), ordered by script, policy. */
  listRuns(filter?: { status?: RunRecord['status'] }): StoredRun[];
  /** Closes the database. */
  close(): void;
}

interface RunRow {
  id: number;
  script_id: string;
  dimension: string;
  policy: string;
  seed: number;
  width: number;
  height: number;
  status: 'done' | 'failed';
  error: string | null;
  wall_seconds: number;
  generate_seconds: number | null;
  video_seconds: number | null;
  realtime_factor: number | null;
  costs: string | null;
  total: number | null;
  quality: number | null;
  temporal: number | null;
  instruction: number | null;
  run_dir: string | null;
  created: string;
}

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

  const deleteRun = database.prepare(
    'DELETE FROM runs WHERE script_id = ? AND policy = ? AND seed = ? AND width = ? AND height = ?',
  );
  const insertRun = database.prepare(
    `INSERT INTO runs (script_id, dimension, policy, seed, width, height, status, error, wall_seconds,
       generate_seconds, video_seconds, realtime_factor, costs, total, quality, temporal, instruction, run_dir, created)
     VALUES (@scriptId, @dimension, @policy, @seed, @width, @height, @status, @error, @wallSeconds,
       @generateSeconds, @videoSeconds, @realtimeFactor, @costs, @total, @quality, @temporal, @instruction, @runDir,
       @createdAt)`,
  );
  const insertMetric = database.prepare('INSERT INTO metrics (run_id, name, value) VALUES (?, ?, ?)');
  const insertIdentity = database.prepare(
    'INSERT INTO identity (run_id, segment, character, present, consistency) VALUES (?, ?, ?, ?, ?)',
  );

  const recordRun = database.transaction((record: RunRecord): number => {
    deleteRun.run(record.scriptId, record.policy, record.seed, record.width, record.height);
    const { lastInsertRowid } = insertRun.run({
      scriptId: record.scriptId,
      dimension: record.dimension,
      policy: record.policy,
      seed: record.seed,
      width: record.width,
      height: record.height,
      status: record.status,
      error: record.error ?? null,
      wallSeconds: record.wallSeconds,
      generateSeconds: record.generateSeconds ?? null,
      videoSeconds: record.videoSeconds ?? null,
      realtimeFactor: record.realtimeFactor ?? null,
      costs: record.costs ? JSON.stringify(record.costs) : null,
      total: record.scores?.total ?? null,
      quality: record.scores?.quality ?? null,
      temporal: record.scores?.temporal ?? null,
      instruction: record.scores?.instruction ?? null,
      runDir: record.runDir ?? null,
      createdAt: record.createdAt,
    });
    const id = Number(lastInsertRowid);
    for (const [name, value] of Object.entries(record.metrics ?? {})) {
      if (Number.isFinite(value)) insertMetric.run(id, name, value);
    }
    for (const point of record.identity ?? []) {
      insertIdentity.run(id, point.segment, point.character, point.present ? 1 : 0, point.consistency);
    }
    return id;
  });

  return {
    path,
    doneKeys() {
      const rows = database
        .prepare("SELECT script_id, policy, seed, width, height FROM runs WHERE status = 'done'")
        .all() as Pick<RunRow, 'script_id' | 'policy' | 'seed' | 'width' | 'height'>[];
      return new Set(
        rows.map((row) =>
          runKeyString({
            scriptId: row.script_id,
            policy: row.policy,
            seed: row.seed,
            width: row.width,
            height: row.height,
          }),
        ),
      );
    },
    recordRun: (record) => recordRun(record),
    listRuns(filter = {}) {
      const rows = (
        filter.status
          ? database
              .prepare('SELECT * FROM runs WHERE status = ? ORDER BY script_id, policy, id')
              .all(filter.status)
          : database.prepare('SELECT * FROM runs ORDER BY script_id, policy, id').all()
      ) as RunRow[];
      const metrics = groupBy(
        database.prepare('SELECT run_id, name, value FROM metrics').all() as {
          run_id: number;
          name: string;
          value: number;
        }[],
      );
      const identity = groupBy(
        database.prepare('SELECT * FROM identity ORDER BY run_id, character, segment').all() as {
          run_id: number;
          segment: number;
          character: string;
          present: number;
          consistency: number | null;
        }[],
      );
      return rows.map((row) => {
        const run = fromRow(row);
        const runMetrics = metrics.get(row.id);
        if (runMetrics) run.metrics = Object.fromEntries(runMetrics.map((item) => [item.name, item.value]));
        const points = identity.get(row.id);
        if (points) {
          run.identity = points.map(
            (point): IdentityPoint => ({
              segment: point.segment,
              character: point.character,
              present: point.present === 1,
              consistency: point.consistency,
            }),
          );
        }
        return run;
      });
    },
    close: () => database.close(),
  };
}

function groupBy<T extends { run_id: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const list = groups.get(row.run_id) ?? [];
    list.push(row);
    groups.set(row.run_id, list);
  }
  return groups;
}

function fromRow(row: RunRow): StoredRun {
  const key: RunKey = {
    scriptId: row.script_id,
    policy: row.policy,
    seed: row.seed,
    width: row.width,
    height: row.height,
  };
  const run: StoredRun = {
    id: row.id,
    ...key,
    dimension: row.dimension,
    status: row.status,
    wallSeconds: row.wall_seconds,
    createdAt: row.created,
  };
  if (row.error !== null) run.error = row.error;
  if (row.generate_seconds !== null) run.generateSeconds = row.generate_seconds;
  if (row.video_seconds !== null) run.videoSeconds = row.video_seconds;
  if (row.realtime_factor !== null) run.realtimeFactor = row.realtime_factor;
  if (row.costs !== null) run.costs = JSON.parse(row.costs) as EngineCosts;
  if (row.total !== null && row.quality !== null && row.temporal !== null && row.instruction !== null) {
    run.scores = {
      total: row.total,
      quality: row.quality,
      temporal: row.temporal,
      instruction: row.instruction,
    };
  }
  if (row.run_dir !== null) run.runDir = row.run_dir;
  return run;
}
