import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runJsonSchema } from '../../pipeline/run-json.js';
import { openResultsStore } from '../store/results-store.js';
import { runBench } from './run-bench.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Two tiny annotated scripts: 2 prompts of 2 s each (24 latent frames). */
function writeTinySuite(dir: string): string {
  const script = (id: string, dimension: string, name: string) =>
    JSON.stringify({
      id,
      dimension,
      prompts: [
        `In a park, ${name}, a tall man with a red coat, walks.`,
        `${name} sits on a bench in the park.`,
      ],
      seconds: [2, 2],
      characters: { a: { aliases: [name, 'a tall man'], attrs: ['red coat'] } },
      present: [['a'], ['a']],
    });
  const path = join(dir, 'tiny.jsonl');
  writeFileSync(
    path,
    `${script('reappearance-001', 'reappearance', 'Ravi')}\n${script('newcomer-001', 'newcomer', 'Omar')}\n`,
  );
  return path;
}

describe('runBench with the miniature engine', () => {
  it('generates, evaluates and stores 2 tiny scripts x 2 policies in this thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-bench-real-'));
    dirs.push(dir);
    const out = join(dir, 'results');
    const summary = await runBench({
      suite: writeTinySuite(dir),
      out,
      policies: ['self-forcing', 'memflow'],
      workers: 0,
      width: 96,
      height: 54,
    });
    expect(summary).toMatchObject({ planned: 4, done: 4, failed: 0 });
    const store = openResultsStore(join(out, 'results.sqlite'));
    const runs = store.listRuns();
    store.close();
    for (const run of runs) {
      expect(run.status).toBe('done');
      // 2 x 2 s = 16 latent frames, rounded to whole chunks: 15 latent frames = 60 video frames.
      expect(run.videoSeconds).toBe(3.75);
      for (const value of Object.values(run.scores ?? {})) expect(value).toBeGreaterThanOrEqual(0);
      for (const value of Object.values(run.metrics ?? {})) expect(value).toBeLessThanOrEqual(100);
      expect(run.identity?.map((point) => point.segment)).toEqual([0, 1]);
      expect(existsSync(join(out, run.runDir!, 'run.json'))).toBe(true);
      expect(existsSync(join(out, run.runDir!, 'video.mp4'))).toBe(true);
    }
    expect(new Set(runs.map((run) => run.seed))).toEqual(new Set([1]));
  });

  it('runs on a worker thread too, and --no-video leaves no run folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-bench-worker-'));
    dirs.push(dir);
    const out = join(dir, 'results');
    const summary = await runBench({
      suite: writeTinySuite(dir),
      out,
      policies: ['longlive'],
      limit: 1,
      dimension: 'newcomer',
      workers: 1,
      width: 96,
      height: 54,
      keepVideo: false,
    });
    expect(summary).toMatchObject({ planned: 1, done: 1, failed: 0 });
    expect(existsSync(join(out, 'runs'))).toBe(false);
  });

  it('passes agent settings through a worker thread to the policies that take them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-bench-agents-'));
    dirs.push(dir);
    const out = join(dir, 'results');
    const summary = await runBench({
      suite: writeTinySuite(dir),
      out,
      policies: ['iamflow', 'longlive'],
      limit: 1,
      dimension: 'newcomer',
      workers: 1,
      width: 96,
      height: 54,
      agents: { syncVerify: true },
    });
    expect(summary).toMatchObject({ planned: 2, done: 2, failed: 0 });
    const settings = (policy: string) =>
      runJsonSchema.parse(
        JSON.parse(readFileSync(join(out, 'runs', 'newcomer-001', `${policy}-s1-96x54`, 'run.json'), 'utf8')),
      ).policy.settings;
    expect(settings('iamflow')).toMatchObject({ llm: { provider: 'rules' }, syncVerify: true });
    expect(settings('longlive')).toEqual({});
  });

  it('runs a policy variant on a worker thread with its settings, stored beside its policy, and resumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-bench-variant-'));
    dirs.push(dir);
    const out = join(dir, 'results');
    const options = {
      suite: writeTinySuite(dir),
      out,
      policies: ['iamflow', 'iamflow/recache'],
      workers: 1,
      width: 96,
      height: 54,
    };
    expect(await runBench(options)).toMatchObject({ planned: 4, done: 4, failed: 0 });
    const runJson = (policy: string) =>
      runJsonSchema.parse(
        JSON.parse(
          readFileSync(join(out, 'runs', 'reappearance-001', `${policy}-s1-96x54`, 'run.json'), 'utf8'),
        ),
      );
    expect(runJson('iamflow').policy).toMatchObject({ name: 'iamflow', settings: { syncVerify: false } });
    expect(runJson('iamflow').policy.settings).not.toHaveProperty('transition');
    expect(runJson('iamflow+recache').policy).toMatchObject({
      name: 'iamflow',
      settings: { transition: 'recache' },
    });
    const store = openResultsStore(join(out, 'results.sqlite'));
    const runs = store.listRuns();
    store.close();
    expect(runs.map((run) => `${run.scriptId} ${run.policy} ${run.status}`)).toEqual([
      'newcomer-001 iamflow done',
      'newcomer-001 iamflow/recache done',
      'reappearance-001 iamflow done',
      'reappearance-001 iamflow/recache done',
    ]);
    // The recache at the switch makes another video.
    expect(runs[2]!.metrics).not.toEqual(runs[3]!.metrics);
    expect(await runBench(options)).toMatchObject({ planned: 4, skipped: 4, done: 0 });
  }, 240_000);
});
