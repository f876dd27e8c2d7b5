import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations.js';
import { openResultsStore } from './results-store.js';
import { type RunRecord, runKeyString } from './run-record.js';

const costs = {
  generatedFrames: 240,
  denoisingPasses: 320,
  contextPasses: 80,
  recachedFrames: 0,
  attentionOps: 12345,
  decodedFrames: 960,
};

function record(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    scriptId: 'reappearance-001',
    policy: 'memflow',
    seed: 7,
    width: 240,
    height: 136,
    steps: 4,
    dimension: 'reappearance',
    status: 'done',
    wallSeconds: 3.5,
    generateSeconds: 2.5,
    videoSeconds: 60,
    realtimeFactor: 24,
    costs,
    scores: { total: 70, quality: 80, temporal: 60, instruction: 70 },
    metrics: { subjectConsistency: 81.5, entityGrounding: 55, 'oracle.identity': 90 },
    identity: [
      { segment: 0, character: 'nadia', present: true, consistency: 88 },
      { segment: 3, character: 'nadia', present: false, consistency: null },
    ],
    runDir: 'runs/reappearance-001/memflow',
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const dirs: string[] = [];
function tempStorePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-store-'));
  dirs.push(dir);
  return join(dir, 'results.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openResultsStore', () => {
  it('round-trips a run with its metrics and identity timeline', () => {
    const store = openResultsStore(tempStorePath());
    const id = store.recordRun(record());
    const [run] = store.listRuns();
    expect(run).toEqual({ id, ...record() });
    store.close();
  });

  it('counts only done runs as finished, and a rerun replaces the failed record', () => {
    const path = tempStorePath();
    const store = openResultsStore(path);
    const failed = record({ policy: 'longlive', status: 'failed', error: 'engine exploded' });
    delete failed.scores;
    delete failed.metrics;
    delete failed.identity;
    store.recordRun(record());
    store.recordRun(failed);
    expect([...store.doneKeys()]).toEqual([runKeyString(record())]);
    store.close();

    // Reopening keeps what was written (resume after a crash).
    const reopened = openResultsStore(path);
    expect(reopened.listRuns({ status: 'failed' }).map((run) => run.error)).toEqual(['engine exploded']);
    reopened.recordRun(record({ policy: 'longlive' }));
    expect(reopened.doneKeys().size).toBe(2);
    expect(reopened.listRuns()).toHaveLength(2);
    reopened.close();
  });

  it('keys runs by seed and size too', () => {
    const store = openResultsStore(tempStorePath());
    store.recordRun(record());
    store.recordRun(record({ seed: 8 }));
    store.recordRun(record({ width: 320, height: 180 }));
    expect(store.doneKeys().size).toBe(3);
    store.close();
  });

  it('migrates a store written before steps joined the key: rows, ids and metrics kept, steps 4', () => {
    const path = tempStorePath();
    const old = new Database(path);
    old.pragma('foreign_keys = ON');
    for (const migration of migrations.slice(0, 2)) old.exec(migration as string);
    old.pragma('user_version = 2');
    old
      .prepare(
        `INSERT INTO runs (id, script_id, dimension, policy, seed, width, height, status, wall_seconds, created)
         VALUES (7, 'reappearance-001', 'reappearance', 'memflow', 7, 240, 136, 'done', 3.5, '2026-01-01')`,
      )
      .run();
    old.prepare("INSERT INTO metrics (run_id, name, value) VALUES (7, 'identity.longRange', 61.5)").run();
    old.close();

    const store = openResultsStore(path);
    const [run] = store.listRuns();
    expect(run).toMatchObject({ id: 7, steps: 4, metrics: { 'identity.longRange': 61.5 } });
    expect([...store.doneKeys()]).toEqual([runKeyString(record())]);
    // The same run at 2 steps is a new row, not a duplicate of the migrated one.
    expect(store.storeRun(record({ steps: 2 })).stored).toBe(true);
    expect(store.listRuns()).toHaveLength(2);
    store.close();
  });

  it('migrates by user_version and refuses a newer schema', () => {
    const path = tempStorePath();
    openResultsStore(path).close();
    const database = new Database(path);
    expect(database.pragma('user_version', { simple: true })).toBe(migrations.length);
    database.pragma(`user_version = ${migrations.length + 1}`);
    database.close();
    expect(() => openResultsStore(path)).toThrow(/newer than this iamflow/);
  });
});
