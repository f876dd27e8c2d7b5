import { expect } from 'vitest';
import { type CaseSkip, describeCases } from '../../../test/case-suite.js';
import type { BenchStoreV1 } from './bench-store.js';
import { type RunRecord, runKeyString } from './run-record.js';

/** Options of {@link runBenchStoreCases}. */
export interface BenchStoreCaseOptions {
  /** Name shown in the test titles. */
  name: string;
  /** Opens a fresh, empty store for one case; `again` reopens the one made last (restart after a crash). */
  open: (again?: boolean) => Promise<BenchStoreV1>;
  /** Skips all cases with a reason (e.g. the server is not reachable), or some by name. */
  skip?: CaseSkip;
}

const costs = {
  generatedFrames: 240,
  denoisingPasses: 320,
  contextPasses: 80,
  recachedFrames: 0,
  attentionOps: 12345,
  decodedFrames: 960,
};

/** A full `done` record; overrides change any field. */
export function storeCaseRecord(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    scriptId: 'reappearance-001',
    policy: 'memflow',
    seed: 4_000_000_000,
    width: 240,
    height: 136,
    steps: 4,
    dimension: 'reappearance',
    status: 'done',
    wallSeconds: 3.5123456789,
    generateSeconds: 2.5,
    videoSeconds: 60,
    realtimeFactor: 24.000001,
    costs,
    scores: { total: 70.125, quality: 80, temporal: 60, instruction: 70.25 },
    metrics: { subjectConsistency: 81.5, entityGrounding: 55, 'oracle.identity': 90 },
    identity: [
      { segment: 0, character: 'nadia', present: true, consistency: 88.75 },
      { segment: 3, character: 'nadia', present: false, consistency: null },
    ],
    runDir: 'runs/reappearance-001/memflow',
    createdAt: '2025-01-01T00:00:00.000Z',
    jobId: 'reappearance-001.memflow.s4000000000.240x136.t4.0123abcd.v0.1.0',
    ...overrides,
  };
}

function failedRecord(overrides: Partial<RunRecord> = {}): RunRecord {
  const record = storeCaseRecord({ status: 'failed', error: 'engine exploded', ...overrides });
  delete record.scores;
  delete record.metrics;
  delete record.identity;
  delete record.runDir;
  return record;
}

/**
 * The behaviour every results store shows (hono's common case suite style): round trip, exactly-once, retry of a
 * failure, keys, resume after reopening.
 *
 * @example
 * runBenchStoreCases({ name: 'sqlite', open: async () => createSqliteBenchStore(path) });
 */
export function runBenchStoreCases(options: BenchStoreCaseOptions): void {
  describeCases(`results store cases: ${options.name}`, options.skip, (test) => {
    test('round-trips a run with its metrics, identity timeline and job id (64-bit seed, 8-byte reals)', async () => {
      const store = await options.open();
      const { id, stored } = await store.recordRun(storeCaseRecord());
      expect(stored).toBe(true);
      expect(await store.listRuns()).toEqual([{ id, ...storeCaseRecord() }]);
      await store.close();
    });

    test('stores a result delivered twice once, keeping the first', async () => {
      const store = await options.open();
      const first = await store.recordRun(storeCaseRecord());
      const again = await store.recordRun(
        storeCaseRecord({ wallSeconds: 99, createdAt: '2025-01-02T00:00:00.000Z' }),
      );
      expect(again).toEqual({ id: first.id, stored: false });
      // A late failure of the same job (a stalled attempt that died after another finished) changes nothing.
      expect((await store.recordRun(failedRecord())).stored).toBe(false);
      const runs = await store.listRuns();
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: 'done', wallSeconds: 3.5123456789 });
      expect(Object.keys(runs[0]!.metrics ?? {})).toHaveLength(3);
      await store.close();
    });

    test('replaces a failed record by the retry, and counts only done runs', async () => {
      const store = await options.open();
      await store.recordRun(failedRecord());
      await store.recordRun(storeCaseRecord({ policy: 'longlive' }));
      expect([...(await store.doneKeys())]).toEqual([runKeyString(storeCaseRecord({ policy: 'longlive' }))]);
      expect((await store.listRuns({ status: 'failed' })).map((run) => run.error)).toEqual([
        'engine exploded',
      ]);
      expect((await store.recordRun(storeCaseRecord())).stored).toBe(true);
      expect(await store.listRuns({ status: 'failed' })).toEqual([]);
      expect((await store.doneKeys()).size).toBe(2);
      await store.close();
    });

    test('keys runs by script, policy, seed, size and steps', async () => {
      const store = await options.open();
      await store.recordRun(storeCaseRecord());
      await store.recordRun(storeCaseRecord({ seed: 8 }));
      await store.recordRun(storeCaseRecord({ width: 320, height: 180 }));
      await store.recordRun(storeCaseRecord({ scriptId: 'newcomer-001' }));
      expect((await store.recordRun(storeCaseRecord({ steps: 2 }))).stored).toBe(true);
      expect((await store.doneKeys()).size).toBe(5);
      expect((await store.listRuns()).map((run) => run.steps).sort()).toEqual([2, 4, 4, 4, 4]);
      await store.close();
    });

    test('keeps what was written across a reopen (resume), migrating nothing twice', async () => {
      const store = await options.open();
      await store.recordRun(storeCaseRecord());
      await store.close();
      const reopened = await options.open(true);
      expect((await reopened.listRuns()).map((run) => run.scriptId)).toEqual(['reappearance-001']);
      await reopened.close();
    });
  });
}
