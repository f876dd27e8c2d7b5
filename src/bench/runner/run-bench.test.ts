import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openResultsStore } from '../store/results-store.js';
import { runBench } from './run-bench.js';
import type { RunExecutor, RunJob } from './run-job.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-bench-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const line = (id: string, dimension: string) =>
  JSON.stringify({
    id,
    dimension,
    prompts: ['Ravi, a short man in a gray scarf, walks in a park.', 'Ravi sits on a bench.'],
    characters: { ravi: { aliases: ['Ravi', 'a short man'], attrs: ['gray scarf'] } },
    present: [['ravi'], ['ravi']],
  });

function writeSuite(dir: string, lines: string[]): string {
  const path = join(dir, 'suite.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** A fake executor: deterministic scores from the job, optional failure. */
function fakeExecutor(calls: RunJob[], failOn?: string): RunExecutor {
  return async (job) => {
    calls.push(job);
    if (job.policy === failOn) throw new Error(`boom in ${job.policy}`);
    const base = job.policy === 'memflow' ? 70 : 60;
    return {
      status: 'done',
      wallSeconds: 0.01,
      generateSeconds: 0.005,
      videoSeconds: 20,
      realtimeFactor: 4000,
      scores: { total: base, quality: base + 10, temporal: base, instruction: base - 10 },
      metrics: { subjectConsistency: base + 5 },
      identity: [{ segment: 0, character: 'ravi', present: true, consistency: base }],
    };
  };
}

describe('runBench', () => {
  it('runs scripts x policies, stores them, reports bad lines, and skips finished runs on resume', async () => {
    const dir = tempDir();
    const suite = writeSuite(dir, [
      line('reappearance-001', 'reappearance'),
      '{"id": broken',
      line('newcomer-001', 'newcomer'),
    ]);
    const out = join(dir, 'results');
    const calls: RunJob[] = [];
    const first = await runBench({
      suite,
      out,
      policies: ['self-forcing', 'memflow'],
      workers: 0,
      width: 64,
      height: 36,
      executor: fakeExecutor(calls, 'memflow'),
    });
    expect(first).toMatchObject({ planned: 4, skipped: 0, done: 2, failed: 2, remaining: 0 });
    expect(first.issues.map((issue) => issue.path.slice(0, 2))).toEqual([[suite, 'line 2']]);
    expect(
      calls.map((job) => `${job.scriptId}/${job.policy}/${job.seed}/${job.width}x${job.height}`),
    ).toEqual([
      'reappearance-001/self-forcing/1/64x36',
      'reappearance-001/memflow/1/64x36',
      'newcomer-001/self-forcing/1/64x36',
      'newcomer-001/memflow/1/64x36',
    ]);

    // Resume: the done runs are skipped, the failed ones are retried (and now succeed).
    calls.length = 0;
    const second = await runBench({
      suite,
      out,
      policies: ['self-forcing', 'memflow'],
      workers: 0,
      width: 64,
      height: 36,
      executor: fakeExecutor(calls),
    });
    expect(second).toMatchObject({ skipped: 2, done: 2, failed: 0 });
    expect(calls.map((job) => job.policy)).toEqual(['memflow', 'memflow']);

    const store = openResultsStore(join(out, 'results.sqlite'));
    const runs = store.listRuns();
    store.close();
    expect(
      runs.map((run) => [run.scriptId, run.policy, run.status, run.dimension, run.scores?.total]),
    ).toEqual([
      ['newcomer-001', 'memflow', 'done', 'newcomer', 70],
      ['newcomer-001', 'self-forcing', 'done', 'newcomer', 60],
      ['reappearance-001', 'memflow', 'done', 'reappearance', 70],
      ['reappearance-001', 'self-forcing', 'done', 'reappearance', 60],
    ]);
    expect(runs[0]?.identity).toEqual([{ segment: 0, character: 'ravi', present: true, consistency: 70 }]);
  });

  it('stops handing out runs when aborted, keeping what finished', async () => {
    const dir = tempDir();
    const suite = writeSuite(dir, [
      line('reappearance-001', 'reappearance'),
      line('newcomer-001', 'newcomer'),
    ]);
    const controller = new AbortController();
    const calls: RunJob[] = [];
    const executor: RunExecutor = async (job) => {
      const outcome = await fakeExecutor(calls)(job);
      controller.abort();
      return outcome;
    };
    const summary = await runBench({
      suite,
      out: join(dir, 'results'),
      policies: ['longlive'],
      workers: 0,
      executor,
      signal: controller.signal,
    });
    expect(summary).toMatchObject({ done: 1, remaining: 1 });
  });

  it('runs policy variants as policies of their own: own rows, own folders, settings in the job, resumed', async () => {
    const dir = tempDir();
    const suite = writeSuite(dir, [
      line('reappearance-001', 'reappearance'),
      line('newcomer-001', 'newcomer'),
    ]);
    const out = join(dir, 'results');
    const calls: RunJob[] = [];
    const options = {
      suite,
      out,
      policies: ['iamflow', 'iamflow/recache', 'iamflow/bank-recover'],
      workers: 0,
      width: 64,
      height: 36,
    };
    // The variant fails on the second script: the rerun must retry only that one.
    const failing: RunExecutor = async (job) => {
      if (job.policy === 'iamflow/recache' && job.scriptId === 'newcomer-001') throw new Error('boom');
      return fakeExecutor(calls)(job);
    };
    expect(await runBench({ ...options, executor: failing })).toMatchObject({
      planned: 6,
      done: 5,
      failed: 1,
    });
    expect(calls.map((job) => [job.policy, job.variant, job.runDir.slice(out.length)])).toEqual([
      ['iamflow', undefined, '/runs/reappearance-001/iamflow-s1-64x36'],
      [
        'iamflow/recache',
        { policy: 'iamflow', settings: { transition: 'recache' } },
        '/runs/reappearance-001/iamflow+recache-s1-64x36',
      ],
      [
        'iamflow/bank-recover',
        { policy: 'iamflow', settings: { bankUpdate: 'recover-every-chunk' } },
        '/runs/reappearance-001/iamflow+bank-recover-s1-64x36',
      ],
      ['iamflow', undefined, '/runs/newcomer-001/iamflow-s1-64x36'],
      [
        'iamflow/bank-recover',
        { policy: 'iamflow', settings: { bankUpdate: 'recover-every-chunk' } },
        '/runs/newcomer-001/iamflow+bank-recover-s1-64x36',
      ],
    ]);
    calls.length = 0;
    expect(await runBench({ ...options, executor: fakeExecutor(calls) })).toMatchObject({
      skipped: 5,
      done: 1,
      failed: 0,
    });
    expect(calls.map((job) => `${job.scriptId} ${job.policy}`)).toEqual(['newcomer-001 iamflow/recache']);
    const store = openResultsStore(join(out, 'results.sqlite'));
    const runs = store.listRuns();
    store.close();
    expect(runs.map((run) => `${run.scriptId} ${run.policy} ${run.status} ${run.runDir}`)).toEqual([
      'newcomer-001 iamflow done runs/newcomer-001/iamflow-s1-64x36',
      'newcomer-001 iamflow/bank-recover done runs/newcomer-001/iamflow+bank-recover-s1-64x36',
      'newcomer-001 iamflow/recache done runs/newcomer-001/iamflow+recache-s1-64x36',
      'reappearance-001 iamflow done runs/reappearance-001/iamflow-s1-64x36',
      'reappearance-001 iamflow/bank-recover done runs/reappearance-001/iamflow+bank-recover-s1-64x36',
      'reappearance-001 iamflow/recache done runs/reappearance-001/iamflow+recache-s1-64x36',
    ]);
  });

  it('rejects unknown policies and empty selections with hints', async () => {
    const dir = tempDir();
    const suite = writeSuite(dir, [line('reappearance-001', 'reappearance')]);
    await expect(runBench({ suite, out: dir, policies: ['nope'], workers: 0 })).rejects.toMatchObject({
      issues: [{ code: 'unknown-policy' }],
    });
    await expect(runBench({ suite, out: dir, dimension: 'newcomer', workers: 0 })).rejects.toMatchObject({
      issues: [{ code: 'no-scripts', hint: 'dimensions in this suite: reappearance' }],
    });
  });

  it('limits scripts per suite dimension', async () => {
    const dir = tempDir();
    const suite = writeSuite(dir, [
      line('reappearance-001', 'reappearance'),
      line('reappearance-002', 'reappearance'),
      line('newcomer-001', 'newcomer'),
    ]);
    const calls: RunJob[] = [];
    await runBench({
      suite,
      out: join(dir, 'r'),
      policies: ['longlive'],
      limit: 1,
      workers: 0,
      executor: fakeExecutor(calls),
    });
    expect(calls.map((job) => job.scriptId)).toEqual(['reappearance-001', 'newcomer-001']);
  });
});

describe('runBench --steps', () => {
  it('passes the steps to the engine, keys the runs by them and keeps their folders apart', async () => {
    const dir = tempDir();
    const suite = writeSuite(dir, [line('reappearance-001', 'reappearance')]);
    const options = { suite, out: dir, policies: ['longlive'], workers: 0, width: 64, height: 36 };
    const two = await runBench({ ...options, steps: 2 });
    const four = await runBench(options);
    expect([two.done, four.done]).toEqual([1, 1]);
    const runJson = (name: string) =>
      JSON.parse(readFileSync(join(dir, 'runs', 'reappearance-001', name, 'run.json'), 'utf8'));
    expect(runJson('longlive-s1-64x36-t2').engine.config.steps).toBe(2);
    expect(runJson('longlive-s1-64x36').engine.config.steps).toBe(4);
    const store = openResultsStore(join(dir, 'results.sqlite'));
    const runs = store.listRuns();
    store.close();
    expect(runs.map((run) => run.steps).sort()).toEqual([2, 4]);
    // Fewer steps leave more noise: the two runs are different videos with different scores.
    expect(runs[0]!.metrics).not.toEqual(runs[1]!.metrics);
    expect((await runBench({ ...options, steps: 2 })).skipped).toBe(1);
  }, 120_000);
});
