import { rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError, Worker } from 'bullmq';
import { IamflowError } from '../../errors/index.js';
import type { RemoteEngineSpec } from '../../run/run-spec.js';
import { createThreadExecutor, type ThreadExecutor } from './create-thread-executor.js';
import { codeVersion } from './job-identity.js';
import { connectQueue, defaultQueueName, type QueueSettings, queuePrefix } from './queue-connection.js';
import type { QueueJobData, QueueJobResult } from './queue-job.js';
import type { RunOutcome } from './run-job.js';
import type { WorkerEntry } from './worker-entry-url.js';

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions extends QueueSettings {
  /** Jobs at once, each on its own thread. Default 1. */
  concurrency?: number;
  /**
   * A folder shared with the coordinator (usually its `--out`): run folders are written to
   * `<runsOut>/runs/<script>/<policy>-...`. Without it run folders are written to a temporary folder and deleted.
   */
  runsOut?: string;
  /**
   * Seconds a job's lock lasts without renewal; a worker that dies (kill -9) has its job taken back by another
   * worker's stall check within about twice this. Default 30 (BullMQ's).
   */
  lockSeconds?: number;
  /** Stalls (the worker died) a job survives before it fails. Default 2. */
  maxStalls?: number;
  /** What the worker does, for the log. */
  onEvent?: (event: QueueWorkerEvent) => void;
  /** Overrides the worker thread entry (tests). */
  workerEntry?: WorkerEntry;
  /** A remote engine this worker runs every job on (the worker's `--engine URL`), instead of the job's own. */
  engine?: RemoteEngineSpec;
  /** Code version this worker runs. Default this package's version. */
  codeVersion?: string;
}

/** What a queue worker reports. */
export type QueueWorkerEvent =
  | { type: 'job-start'; id: string; scriptId: string; policy: string; attempt: number }
  | {
      type: 'job-end';
      id: string;
      scriptId: string;
      policy: string;
      status: 'done' | 'failed';
      seconds: number;
      error?: string;
    };

/** A running queue worker. */
export interface QueueWorker {
  /** Finishes the jobs in flight, then disconnects. */
  close(): Promise<void>;
}

/**
 * Starts a BullMQ worker for the benchmark queue: each job runs through the runner's default executor (the run
 * layer's `runScript`, then the evaluation) on a worker thread, so the main thread keeps renewing the job's lock.
 * A run that fails throws, so BullMQ keeps its error and retries it a bounded number of times.
 *
 * @example
 * const worker = await startQueueWorker({ url: 'redis://127.0.0.1:6379', concurrency: 2 });
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const connection = await connectQueue(options);
  const version = options.codeVersion ?? codeVersion();
  const concurrency = options.concurrency ?? 1;
  const idle: ThreadExecutor[] = Array.from({ length: concurrency }, () =>
    createThreadExecutor(options.workerEntry),
  );
  const all = [...idle];
  // Load the runner on every thread now, so the first job's time is its own (and a broken build fails here).
  try {
    await Promise.all(idle.map((executor) => executor.warm()));
  } catch (error) {
    connection.disconnect();
    await Promise.all(idle.map((executor) => executor.close()));
    throw new IamflowError({
      name: 'WorkerError',
      message: `a run thread could not start: ${(error as Error).message}`,
      issues: [
        {
          code: 'worker-start-failed',
          path: ['worker'],
          message: `a run thread could not start: ${(error as Error).message}`,
          hint: 'run `npm run build` (run threads load dist/)',
        },
      ],
      cause: error,
    });
  }
  const me = `${hostname()}:${process.pid}`;
  const lockDuration = (options.lockSeconds ?? 30) * 1000;
  const worker = new Worker<QueueJobData, QueueJobResult>(
    options.name ?? defaultQueueName,
    async (bullJob) => {
      const { job, codeVersion: needed } = bullJob.data;
      if (needed !== version) {
        throw new UnrecoverableError(`job needs iamflow ${needed}, this worker runs ${version}`);
      }
      const id = bullJob.id ?? '?';
      options.onEvent?.({
        type: 'job-start',
        id,
        scriptId: job.scriptId,
        policy: job.policy,
        attempt: bullJob.attemptsMade + 1,
      });
      // One idle thread per slot; BullMQ never runs more than `concurrency` jobs at once.
      const executor = idle.pop()!;
      const keep = options.runsOut !== undefined && job.keepVideo;
      const runDir = keep
        ? join(options.runsOut!, job.runDir)
        : join(tmpdir(), `iamflow-worker-${process.pid}`, id.replace(/[^\w.-]/g, '_'));
      const started = performance.now();
      const end = (status: 'done' | 'failed', error?: string) =>
        options.onEvent?.({
          type: 'job-end',
          id,
          scriptId: job.scriptId,
          policy: job.policy,
          status,
          seconds: (performance.now() - started) / 1000,
          ...(error === undefined ? {} : { error }),
        });
      let outcome: RunOutcome;
      try {
        outcome = await executor.execute({
          ...job,
          runDir,
          keepVideo: keep,
          ...(options.engine ? { engine: options.engine } : {}),
        });
      } catch (error) {
        // The thread died (it is started again for the next job): the attempt fails and BullMQ retries it.
        end('failed', (error as Error).message);
        if (!keep) await rm(runDir, { recursive: true, force: true });
        throw error;
      } finally {
        idle.push(executor);
      }
      end(outcome.status, outcome.error);
      if (outcome.status === 'failed') throw new Error(outcome.error ?? 'the run failed');
      return { outcome, ...(keep ? { runDir: job.runDir } : {}), worker: me };
    },
    {
      connection,
      prefix: queuePrefix,
      concurrency,
      lockDuration,
      stalledInterval: lockDuration,
      maxStalledCount: options.maxStalls ?? 2,
    },
  );
  // Errors of the connection are retried by ioredis; a job's failure is the job's.
  worker.on('error', () => {});
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      await Promise.all(all.map((item) => item.close()));
      connection.disconnect();
    },
  };
}
