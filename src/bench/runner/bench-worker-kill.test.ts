import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openResultsStore } from '../store/results-store.js';
import { writeTinySuite } from './__fixtures__/tiny-suite.js';
import { runBench } from './run-bench.js';

// Every worker thread the runner starts, so the test can kill one mid-run.
const threads = vi.hoisted(() => [] as Worker[]);
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class TrackedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      threads.push(this);
    }
  }
  return { ...actual, Worker: TrackedWorker };
});

const dir = mkdtempSync(join(tmpdir(), 'iamflow-bench-worker-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench crash safety: a worker thread killed mid-run', () => {
  it('fails only the run it held, a fresh thread takes the rest, and a rerun completes it once', async () => {
    const suite = writeTinySuite(dir, 2, 4);
    const out = join(dir, 'out');
    const options = { suite, out, policies: ['longlive', 'memflow'], workers: 1, width: 64, height: 64 };
    let killed = false;
    const first = await runBench({
      ...options,
      onEvent: (event) => {
        if (event.type !== 'run-end' || killed) return;
        killed = true;
        // The thread has just been handed the next job: terminate it while it runs.
        setTimeout(() => void threads.at(-1)!.terminate(), 50);
      },
    });
    expect(killed).toBe(true);
    expect(threads.length).toBeGreaterThanOrEqual(2);
    expect(first).toMatchObject({ planned: 4, failed: 1, done: 3 });
    const second = await runBench(options);
    expect(second).toMatchObject({ planned: 4, skipped: 3, done: 1, failed: 0 });
    const store = openResultsStore(join(out, 'results.sqlite'));
    try {
      const rows = store.listRuns();
      expect(rows).toHaveLength(4);
      expect(new Set(rows.map((row) => `${row.scriptId}/${row.policy}`)).size).toBe(4);
      expect(rows.every((row) => row.status === 'done')).toBe(true);
    } finally {
      store.close();
    }
  }, 120_000);
});
