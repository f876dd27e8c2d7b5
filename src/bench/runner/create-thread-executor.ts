import { Worker } from 'node:worker_threads';
import type { RunJob, RunOutcome, WorkerMessage } from './run-job.js';
import { failedOutcome } from './run-jobs.js';
import { resolveWorkerEntry, type WorkerEntry } from './worker-entry-url.js';

/** A run executor on its own worker thread, one job at a time; the calling thread stays free (e.g. for locks). */
export interface ThreadExecutor {
  /** Runs one job on the thread (the default executor); a run that throws resolves `failed`, a dead thread rejects. */
  execute(job: RunJob): Promise<RunOutcome>;
  /** Starts the thread (module loading takes a second or more) before the first job; rejects if it cannot. */
  warm(): Promise<void>;
  /** Ends the thread. */
  close(): Promise<void>;
}

/**
 * Starts a worker thread running the runner's default executor (the same `worker-entry` that `runJobs` uses);
 * a thread that dies is started again for the next job.
 *
 * @example
 * const executor = createThreadExecutor();
 * const outcome = await executor.execute(job);
 */
export function createThreadExecutor(entry: WorkerEntry = resolveWorkerEntry()): ThreadExecutor {
  let worker: Worker | undefined;
  let ready: Promise<Worker> | undefined;
  const start = (): Promise<Worker> => {
    ready ??= new Promise<Worker>((resolve, reject) => {
      const thread = new Worker(entry.source, entry.options);
      const fail = (error: unknown) => {
        ready = undefined;
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      thread.once('message', (message: WorkerMessage) => {
        if (message.type !== 'ready') return fail(new Error(`unexpected message ${message.type}`));
        thread.off('error', fail);
        worker = thread;
        resolve(thread);
      });
      thread.once('error', fail);
      thread.once('exit', () => {
        if (worker === thread) worker = undefined;
        ready = undefined;
      });
    });
    return ready;
  };
  return {
    warm: async () => {
      await start();
    },
    async execute(job) {
      const thread = await start();
      const started = performance.now();
      return new Promise<RunOutcome>((resolve, reject) => {
        const cleanup = () => {
          thread.off('message', onMessage);
          thread.off('error', onError);
          thread.off('exit', onExit);
        };
        const onMessage = (message: WorkerMessage) => {
          cleanup();
          if (message.type === 'outcome') resolve(message.outcome);
          else if (message.type === 'error') resolve(failedOutcome(message.message, message.wallSeconds));
        };
        const onError = (error: Error) => {
          cleanup();
          reject(new Error(`worker thread died: ${error.message}`, { cause: error }));
        };
        const onExit = (code: number) => {
          cleanup();
          reject(
            new Error(
              `worker thread exited (code ${code}) after ${((performance.now() - started) / 1000).toFixed(1)} s`,
            ),
          );
        };
        thread.on('message', onMessage);
        thread.once('error', onError);
        thread.once('exit', onExit);
        thread.postMessage({ type: 'job', job });
      });
    },
    async close() {
      const thread = worker ?? (ready ? await ready.catch(() => undefined) : undefined);
      await thread?.terminate();
    },
  };
}
