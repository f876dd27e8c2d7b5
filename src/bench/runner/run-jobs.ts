import { Worker } from 'node:worker_threads';
import { IamflowError } from '../../errors/index.js';
import type { RunExecutor, RunJob, RunOutcome, WorkerMessage } from './run-job.js';
import { resolveWorkerEntry, type WorkerEntry } from './worker-entry-url.js';

/** Options of {@link runJobs}. */
export interface RunJobsOptions {
  /** Worker threads; 0 runs the jobs one by one in this thread with `executor`. */
  workers: number;
  /** The executor for in-thread runs (workers = 0). Workers always use the default executor. */
  executor: RunExecutor;
  /** Called once per job, in completion order; a failure is an outcome with status `failed`. */
  onOutcome: (job: RunJob, outcome: RunOutcome) => void;
  /** Stops handing out jobs; with workers, terminates them (the runs in flight are lost). */
  signal?: AbortSignal;
  /** Overrides the worker entry (tests). */
  workerEntry?: WorkerEntry;
}

/** A failed outcome for a job that threw. */
export function failedOutcome(message: string, wallSeconds: number): RunOutcome {
  return { status: 'failed', error: message, wallSeconds };
}

/**
 * Runs jobs, in this thread or on a pool of worker threads, and reports each outcome. A job that throws, or whose
 * worker dies, becomes a `failed` outcome and the rest go on; a dead worker is replaced.
 * Resolves to the number of jobs finished (less than `jobs.length` when aborted).
 */
export async function runJobs(jobs: readonly RunJob[], options: RunJobsOptions): Promise<number> {
  if (options.workers <= 0) return runInThread(jobs, options);
  return runOnWorkers(jobs, options);
}

async function runInThread(jobs: readonly RunJob[], options: RunJobsOptions): Promise<number> {
  let finished = 0;
  for (const job of jobs) {
    if (options.signal?.aborted) break;
    const started = performance.now();
    let outcome: RunOutcome;
    try {
      outcome = await options.executor(job);
    } catch (error) {
      outcome = failedOutcome(messageOf(error), (performance.now() - started) / 1000);
    }
    options.onOutcome(job, outcome);
    finished++;
  }
  return finished;
}

function runOnWorkers(jobs: readonly RunJob[], options: RunJobsOptions): Promise<number> {
  const entry = options.workerEntry ?? resolveWorkerEntry();
  const queue = [...jobs];
  const live = new Set<Worker>();
  let finished = 0;

  let startFailure: string | undefined;

  return new Promise<number>((resolve, reject) => {
    const settle = () => {
      if (live.size > 0) return;
      if (startFailure === undefined) resolve(finished);
      else reject(workerStartError(startFailure));
    };
    const stop = () => {
      queue.length = 0;
      for (const worker of live) void worker.terminate();
    };
    options.signal?.addEventListener('abort', stop, { once: true });

    const spawn = () => {
      const worker = new Worker(entry.source, entry.options);
      live.add(worker);
      let current: { job: RunJob; started: number } | undefined;
      let ready = false;
      const next = () => {
        const job = options.signal?.aborted ? undefined : queue.shift();
        if (!job) {
          current = undefined;
          void worker.terminate();
          return;
        }
        current = { job, started: performance.now() };
        worker.postMessage({ type: 'job', job });
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          ready = true;
          return next();
        }
        if (!current) return;
        const outcome =
          message.type === 'outcome' ? message.outcome : failedOutcome(message.message, message.wallSeconds);
        options.onOutcome(current.job, outcome);
        finished++;
        next();
      });
      worker.on('error', (error) => {
        // A worker that cannot even load would fail the same way again: stop the batch.
        if (!ready) {
          startFailure ??= messageOf(error);
          stop();
          return;
        }
        // An uncaught error kills the worker: its job fails, a fresh worker takes the rest.
        if (current) {
          options.onOutcome(
            current.job,
            failedOutcome(`worker died: ${messageOf(error)}`, (performance.now() - current.started) / 1000),
          );
          finished++;
          current = undefined;
        }
      });
      worker.on('exit', () => {
        live.delete(worker);
        if (current && !options.signal?.aborted) {
          options.onOutcome(
            current.job,
            failedOutcome('worker exited during the run', (performance.now() - current.started) / 1000),
          );
          finished++;
          current = undefined;
        }
        if (queue.length > 0 && !options.signal?.aborted) spawn();
        settle();
      });
    };

    const count = Math.min(options.workers, queue.length);
    for (let index = 0; index < count; index++) spawn();
    if (count === 0) resolve(0);
  });
}

function workerStartError(message: string): IamflowError {
  return new IamflowError({
    name: 'WorkerError',
    message: `a benchmark worker could not start: ${message}`,
    issues: [
      {
        code: 'worker-start-failed',
        path: ['--workers'],
        message: `a benchmark worker could not start: ${message}`,
        hint: 'run `npm run build` (workers load dist/), or use --workers 0 to run in the main thread',
      },
    ],
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
