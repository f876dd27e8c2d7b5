import type { FrameVerifierV1, VerifyResult } from './frame-verifier.js';
import { prepareVerifyInput, type VerifyJob } from './verify-job.js';

/** A finished verification and how long its reader waited for it. */
export interface QueuedResult {
  /** The verifier's result (empty scores and a warning when it threw). */
  result: VerifyResult;
  /** Milliseconds `result()` waited before the result was ready. */
  waitMs: number;
  /** Provider that answered. */
  provider: string;
  /** Milliseconds the verification itself took (where it ran: this thread or the verification thread). */
  verifyMs?: number;
}

/** Settings of `createVerifyQueue`. */
export interface VerifyQueueSettings {
  /** The verifier to run. */
  verifier: FrameVerifierV1;
  /** Chunks that may wait or run at once; `enqueue` holds back beyond this. Default 4. */
  capacity?: number;
  /** Clock in milliseconds (injectable for tests). Default `performance.now`. */
  now?: () => number;
}

/**
 * A bounded verification queue: one verification at a time, in chunk order, results awaited by chunk. Two
 * implementations: `createVerifyQueue` (on the generation thread; it overlaps waiting for an HTTP verifier, not CPU
 * work) and `createThreadVerifyQueue` (a worker thread: sampling and verifying overlap generation).
 */
export interface VerifyQueue {
  /** Queues a chunk; resolves once there is room (back-pressure), with the milliseconds it was held. */
  enqueue(chunk: number, job: VerifyJob): Promise<number>;
  /** The chunk's result, waiting for it when needed; undefined for a chunk never queued. */
  result(chunk: number): Promise<QueuedResult | undefined>;
  /** The chunk's result if it is already done, without waiting. */
  peek(chunk: number): QueuedResult | undefined;
  /** Waits for every queued verification. */
  drain(): Promise<void>;
  /** Chunks queued or running now. */
  readonly pending: number;
  /** Releases what the queue holds (its thread); later results are not awaited. Safe to call more than once. */
  close(): Promise<void>;
}

/** The result that stands for a verification that threw: no scores, the failure as a warning. */
export function failedVerification(error: unknown): VerifyResult {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { scores: [], warnings: [{ type: 'other', message: `verification failed: ${reason}` }] };
}

/**
 * Runs verifications one at a time (concurrency 1) on the calling thread behind the generation loop, holding at
 * most `capacity`; `--sync-verify` and verifiers given as objects use it.
 *
 * @example
 * const queue = createVerifyQueue({ verifier: createPixelVerifier() });
 * await queue.enqueue(0, input);
 * const { result, waitMs } = (await queue.result(0))!;
 */
export function createVerifyQueue(settings: VerifyQueueSettings): VerifyQueue {
  const { verifier } = settings;
  const capacity = Math.max(1, settings.capacity ?? 4);
  const now = settings.now ?? (() => performance.now());
  const tasks = new Map<number, Promise<VerifyResult>>();
  const done = new Map<number, VerifyResult>();
  const took = new Map<number, number>();
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  const waiting: Array<() => void> = [];

  const run = async (chunk: number, job: VerifyJob): Promise<VerifyResult> => {
    const started = now();
    try {
      return await verifier.verify(prepareVerifyInput(job));
    } catch (error) {
      return failedVerification(error);
    } finally {
      took.set(chunk, now() - started);
    }
  };

  const answer = (chunk: number, result: VerifyResult): QueuedResult => {
    const verifyMs = took.get(chunk);
    return {
      result,
      waitMs: 0,
      provider: verifier.provider,
      ...(verifyMs === undefined ? {} : { verifyMs }),
    };
  };

  return {
    get pending() {
      return pending;
    },
    async enqueue(chunk, job) {
      const start = now();
      while (pending >= capacity) await new Promise<void>((resolve) => waiting.push(resolve));
      pending += 1;
      const task = tail.then(() => run(chunk, job));
      tail = task;
      tasks.set(chunk, task);
      void task.then((result) => {
        done.set(chunk, result);
        pending -= 1;
        waiting.shift()?.();
      });
      return now() - start;
    },
    async result(chunk) {
      const task = tasks.get(chunk);
      if (!task) return undefined;
      const start = now();
      const ready = done.get(chunk);
      const result = ready ?? (await task);
      return { ...answer(chunk, result), waitMs: ready ? 0 : now() - start };
    },
    peek(chunk) {
      const ready = done.get(chunk);
      return ready ? answer(chunk, ready) : undefined;
    },
    async drain() {
      await tail;
      await Promise.resolve();
    },
    async close() {},
  };
}
