import type { EngineCosts } from '../../engine/engine.js';
import { type IdentityPoint, type RunKey, type RunRecord, runKeyString } from './run-record.js';

/** A stored run with its row id. */
export interface StoredRun extends RunRecord {
  /** Row id in `runs`. */
  id: number;
}

/** A `runs` row as both stores return it. */
export interface RunRow {
  id: number;
  script_id: string;
  dimension: string;
  policy: string;
  seed: number;
  width: number;
  height: number;
  steps: number;
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
  job_id: string | null;
}

/** An `identity` row. */
export interface IdentityRow {
  run_id: number;
  segment: number;
  character: string;
  present: number;
  consistency: number | null;
}

/** The `runs` columns written for a record, in insert order. */
export const runColumns = [
  'script_id',
  'dimension',
  'policy',
  'seed',
  'width',
  'height',
  'status',
  'error',
  'wall_seconds',
  'generate_seconds',
  'video_seconds',
  'realtime_factor',
  'costs',
  'total',
  'quality',
  'temporal',
  'instruction',
  'run_dir',
  'created',
  'job_id',
  'steps',
] as const;

/** A record's values for {@link runColumns}, in the same order. */
export function runValues(record: RunRecord): (string | number | null)[] {
  return [
    record.scriptId,
    record.dimension,
    record.policy,
    record.seed,
    record.width,
    record.height,
    record.status,
    record.error ?? null,
    record.wallSeconds,
    record.generateSeconds ?? null,
    record.videoSeconds ?? null,
    record.realtimeFactor ?? null,
    record.costs ? JSON.stringify(record.costs) : null,
    record.scores?.total ?? null,
    record.scores?.quality ?? null,
    record.scores?.temporal ?? null,
    record.scores?.instruction ?? null,
    record.runDir ?? null,
    record.createdAt,
    record.jobId ?? null,
    record.steps,
  ];
}

/** A record's finite metrics, as name/value pairs. */
export function metricEntries(record: RunRecord): [string, number][] {
  return Object.entries(record.metrics ?? {}).filter(([, value]) => Number.isFinite(value));
}

/** Rebuilds stored runs from rows of the three tables. */
export function toStoredRuns(
  rows: readonly RunRow[],
  metrics: readonly { run_id: number; name: string; value: number }[],
  identity: readonly IdentityRow[],
): StoredRun[] {
  const metricsByRun = groupBy(metrics);
  const identityByRun = groupBy(identity);
  return rows.map((row) => {
    const run = fromRow(row);
    const runMetrics = metricsByRun.get(row.id);
    if (runMetrics) run.metrics = Object.fromEntries(runMetrics.map((item) => [item.name, item.value]));
    const points = identityByRun.get(row.id);
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
}

function groupBy<T extends { run_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const list = groups.get(row.run_id) ?? [];
    list.push(row);
    groups.set(row.run_id, list);
  }
  return groups;
}

function fromRow(row: RunRow): StoredRun {
  const run: StoredRun = {
    id: row.id,
    ...keyOfRow(row),
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
  if (row.job_id !== null) run.jobId = row.job_id;
  return run;
}

/** A row holding just the key columns. */
export type RunKeyRow = Pick<RunRow, 'script_id' | 'policy' | 'seed' | 'width' | 'height' | 'steps'>;

/** The columns of a run's key, as `doneKeys` selects them. */
export const runKeyColumns = 'script_id, policy, seed, width, height, steps';

/** The run key a row holds. */
function keyOfRow(row: RunKeyRow): RunKey {
  return {
    scriptId: row.script_id,
    policy: row.policy,
    seed: row.seed,
    width: row.width,
    height: row.height,
    steps: row.steps,
  };
}

/** The key string (`runKeyString`) of a row holding the key columns. */
export function runKeyOfRow(row: RunKeyRow): string {
  return runKeyString(keyOfRow(row));
}
