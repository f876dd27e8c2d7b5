import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { testServices, uniqueName, unreachable } from '../../../test/services.js';
import type { Script } from '../../script/script.js';
import { createSqliteBenchStore } from '../store/create-sqlite-bench-store.js';
import { runKeyString } from '../store/run-record.js';
import { writeTinySuite } from './__fixtures__/tiny-suite.js';
import { queuePrefix } from './queue-connection.js';
import { readQueueCounts } from './read-queue-counts.js';
import { runBench } from './run-bench.js';
import type { RunJob } from './run-job.js';
import { runJobsOnQueue } from './run-jobs-on-queue.js';
import { startQueueWorker } from './start-queue-worker.js';

const skip = await unreachable('Redis', testServices.redis, 6379);
if (skip) console.warn(`skipping the queue integration tests: ${skip}`);

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
const queues: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  if (skip) return;
  const connection = new Redis(testServices.redis, { maxRetriesPerRequest: null });
  for (const name of queues) {
    const queue = new Queue(name, { connection, prefix: queuePrefix });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  connection.disconnect();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-queue-'));
  dirs.push(dir);
  return dir;
}

function queueName(): string {
  const name = uniqueName('test');
  queues.push(name);
  return name;
}

/** `iamflow worker` as a child process; resolves once it listens, with its log so far. */
function spawnWorker(
  name: string,
): Promise<{ child: ChildProcess; log: () => string; started: Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'worker',
      '--queue',
      testServices.redis,
      '--queue-name',
      name,
      '--lock-seconds',
      '2',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.push(child);
  let text = '';
  let onStart: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    onStart = resolve;
  });
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('worker: taking runs')) resolve({ child, log: () => text, started });
      if (/^start /m.test(text)) onStart();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${text}`)));
  });
}

describe.skipIf(skip !== undefined)('the benchmark on a BullMQ queue (real Redis)', () => {
  it('two worker processes, one killed with kill -9 mid-run: every result stored exactly once', async () => {
    const dir = tempDir();
    const name = queueName();
    const suite = writeTinySuite(dir, 3);
    const [first, second] = await Promise.all([spawnWorker(name), spawnWorker(name)]);
    const bench = runBench({
      suite,
      out: join(dir, 'results'),
      policies: ['self-forcing', 'memflow'],
      width: 96,
      height: 64,
      steps: 4,
      keepVideo: false,
      queue: { url: testServices.redis, name },
    });
    // The first worker to start a run dies in it; BullMQ's stall check hands the run to the other.
    const victim = await Promise.race([
      first!.started.then(() => first!),
      second!.started.then(() => second!),
    ]);
    victim.child.kill('SIGKILL');
    const summary = await bench;
    expect(summary).toMatchObject({ planned: 6, done: 6, failed: 0, remaining: 0 });
    const store = createSqliteBenchStore(join(dir, 'results', 'results.sqlite'));
    const runs = await store.listRuns();
    await store.close();
    expect(runs).toHaveLength(6);
    expect(new Set(runs.map((run) => runKeyString(run))).size).toBe(6);
    expect(runs.every((run) => run.status === 'done' && run.scores !== undefined)).toBe(true);
    // The run the victim died in was finished by the survivor.
    const killedRun = /^start (\S+ \S+)/m.exec(victim.log())![1]!;
    const survivor = victim === first ? second! : first!;
    expect(survivor.log()).toContain(`done ${killedRun} `);
    expect(summary.queue?.waitSeconds).toBeGreaterThanOrEqual(0);

    // Rerunning the same command resumes: nothing left to do, nothing enqueued.
    const again = await runBench({
      suite,
      out: join(dir, 'results'),
      policies: ['self-forcing', 'memflow'],
      width: 96,
      height: 64,
      steps: 4,
      keepVideo: false,
      queue: { url: testServices.redis, name },
    });
    expect(again).toMatchObject({ skipped: 6, done: 0, remaining: 0 });
  }, 240_000);

  it('a policy variant travels in its job: the worker runs its settings, the store keeps it apart, resume skips it', async () => {
    const dir = tempDir();
    const name = queueName();
    const options = {
      suite: writeTinySuite(dir, 1, 2),
      out: join(dir, 'results'),
      policies: ['iamflow', 'iamflow/recache'],
      width: 96,
      height: 64,
      queue: { url: testServices.redis, name },
    };
    const worker = await startQueueWorker({ url: testServices.redis, name, runsOut: join(dir, 'worker') });
    try {
      expect(await runBench(options)).toMatchObject({ planned: 2, done: 2, failed: 0 });
      const store = createSqliteBenchStore(join(dir, 'results', 'results.sqlite'));
      const runs = await store.listRuns();
      await store.close();
      expect(runs.map((run) => [run.policy, run.status, run.jobId?.split('.')[1]])).toEqual([
        ['iamflow', 'done', 'iamflow'],
        ['iamflow/recache', 'done', 'iamflow+recache'],
      ]);
      const policyOf = (folder: string) =>
        JSON.parse(readFileSync(join(dir, 'worker', 'runs', 'reappearance-001', folder, 'run.json'), 'utf8'))
          .policy;
      expect(policyOf('iamflow+recache-s1-96x64')).toMatchObject({
        name: 'iamflow',
        settings: { transition: 'recache' },
      });
      expect(policyOf('iamflow-s1-96x64').settings).not.toHaveProperty('transition');
      expect(await runBench(options)).toMatchObject({ skipped: 2, done: 0 });
    } finally {
      await worker.close();
    }
  }, 240_000);

  it('a poison run (a script the engine refuses) fails with its error after bounded retries; the rest complete', async () => {
    const dir = tempDir();
    const name = queueName();
    const good = (index: number): RunJob => {
      const script: Script = {
        id: `good-${index}`,
        fps: 16,
        prompts: ['A tall man with a red coat walks in a park.'],
        seconds: [2],
        source: { path: 'inline' },
      };
      return {
        scriptId: script.id,
        policy: 'longlive',
        seed: 1,
        width: 96,
        height: 64,
        steps: 4,
        script,
        dimension: 'test',
        runDir: join(dir, 'runs', script.id),
        keepVideo: false,
      };
    };
    const poison: RunJob = {
      ...good(0),
      scriptId: 'poison',
      script: { ...good(0).script, id: 'poison', fps: 0 },
    };
    const worker = await startQueueWorker({ url: testServices.redis, name, concurrency: 2, lockSeconds: 5 });
    const store = createSqliteBenchStore(join(dir, 'results.sqlite'));
    const stored: boolean[] = [];
    try {
      await runJobsOnQueue([good(1), poison, good(2)], {
        url: testServices.redis,
        name,
        attempts: 2,
        onOutcome: async (job, outcome) => {
          const result = await store.recordRun({ ...outcome, ...job, createdAt: new Date().toISOString() });
          stored.push(result.stored);
        },
      });
      const runs = await store.listRuns();
      expect(runs.map((run) => [run.scriptId, run.status])).toEqual([
        ['good-1', 'done'],
        ['good-2', 'done'],
        ['poison', 'failed'],
      ]);
      expect(runs[2]!.error).toMatch(/fps must be an integer/);
      expect(stored).toEqual([true, true, true]);
    } finally {
      await worker.close();
      await store.close();
    }
    // The failed job keeps its error in the queue, and --status counts it.
    const connection = new Redis(testServices.redis, { maxRetriesPerRequest: null });
    const queue = new Queue(name, { connection, prefix: queuePrefix });
    const [failed] = await queue.getFailed();
    expect(failed?.failedReason).toMatch(/fps must be an integer/);
    expect(failed?.attemptsMade).toBe(2);
    await queue.close();
    connection.disconnect();
    // What `iamflow bench --queue URL --status` prints.
    expect(await readQueueCounts({ url: testServices.redis, name })).toMatchObject({
      failed: 1,
      completed: 0,
      waiting: 0,
      active: 0,
    });
  }, 180_000);

  it('two coordinators collecting the same jobs store each result once', async () => {
    const dir = tempDir();
    const name = queueName();
    const jobs: RunJob[] = [1, 2, 3].map((index) => ({
      scriptId: `s-${index}`,
      policy: 'longlive',
      seed: 1,
      width: 96,
      height: 64,
      steps: 4,
      script: {
        id: `s-${index}`,
        fps: 16,
        prompts: ['A man walks.'],
        seconds: [2],
        source: { path: 'inline' },
      },
      dimension: 'test',
      runDir: join(dir, 'runs', `s-${index}`),
      keepVideo: false,
    }));
    const store = createSqliteBenchStore(join(dir, 'results.sqlite'));
    const stored: boolean[] = [];
    const coordinate = () =>
      runJobsOnQueue(jobs, {
        url: testServices.redis,
        name,
        pollMs: 50,
        onOutcome: async (job, outcome) => {
          stored.push(
            (await store.recordRun({ ...outcome, ...job, createdAt: new Date().toISOString() })).stored,
          );
        },
      });
    // Both coordinators enqueue the same identities: BullMQ keeps one job each.
    const both = Promise.all([coordinate(), coordinate()]);
    const worker = await startQueueWorker({ url: testServices.redis, name, concurrency: 1 });
    try {
      const [a, b] = await Promise.race([
        both,
        // A job removed by one coordinator before the other saw it leaves the other waiting: stop it then.
        new Promise<number[]>((resolve) => setTimeout(() => resolve([-1, -1]), 60_000)),
      ]);
      expect(a + b).toBeGreaterThanOrEqual(3);
    } finally {
      await worker.close();
    }
    expect((await store.listRuns()).length).toBe(3);
    expect(stored.filter(Boolean)).toHaveLength(3);
    await store.close();
  }, 120_000);
});
