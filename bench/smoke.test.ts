import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench } from '../src/bench/runner/run-bench.js';
import { openResultsStore } from '../src/bench/store/results-store.js';
import { policyNames } from '../src/memory/policy-registry.js';

// The 12-script smoke suite under every registered policy at the benchmark size. About 2 minutes on one worker of
// a 2-core machine; set IAMFLOW_SKIP_SMOKE=1 to leave it out of a quick local run.
const skip = process.env.IAMFLOW_SKIP_SMOKE === '1';
const dir = mkdtempSync(join(tmpdir(), 'iamflow-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip)('smoke benchmark (bench/suite/smoke-12.jsonl)', () => {
  it('finishes every script under every policy with scores in range', { timeout: 900_000 }, async () => {
    const summary = await runBench({ suite: 'bench/suite/smoke-12.jsonl', out: dir, keepVideo: false });
    const policies = policyNames();
    expect(summary).toMatchObject({
      planned: 12 * policies.length,
      done: 12 * policies.length,
      failed: 0,
      issues: [],
    });

    const store = openResultsStore(join(dir, 'results.sqlite'));
    const runs = store.listRuns();
    store.close();
    expect(runs).toHaveLength(12 * policies.length);
    expect(new Set(runs.map((run) => run.dimension)).size).toBe(6);
    for (const run of runs) {
      expect(run.status).toBe('done');
      expect(run.videoSeconds).toBe(60);
      expect(run.realtimeFactor).toBeGreaterThan(0);
      for (const value of [...Object.values(run.scores ?? {}), ...Object.values(run.metrics ?? {})]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(100);
      }
      // A quality dimension near zero would mean blank or broken frames.
      expect(run.scores?.quality).toBeGreaterThan(50);
      expect(run.identity?.length).toBeGreaterThan(0);
    }
  });
});
