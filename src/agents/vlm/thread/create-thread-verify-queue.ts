import { Worker } from 'node:worker_threads';
import type { VideoFrame } from '../../../frame/video-frame.js';
import type { VerifyResult } from '../frame-verifier.js';
import { createVerifierFromSpec, type VerifierSpec } from '../verifier-spec.js';
import type { VerifyJob } from '../verify-job.js';
import { failedVerification, type QueuedResult, type VerifyQueue } from '../verify-queue.js';
import { resolveVerifyThreadEntry } from './resolve-verify-thread-entry.js';
import type { VerifyThreadData, VerifyThreadReply, VerifyThreadRequest } from './verify-thread-message.js';

/** Settings of `createThreadVerifyQueue`. */
export interface ThreadVerifyQueueSettings {
  /** The verifier the thread builds (plain data: a verifier object cannot cross threads). */
  spec: VerifierSpec;
  /** Chunks that may wait or run at once; `enqueue` holds back beyond this. Default 4. */
  capacity?: number;
  /** Clock in milliseconds (injectable for tests). Default `performance.now`. */
  now?: () => number;
  /**
   * Called as each chunk's result arrives, before anyone awaiting it resumes (for checkpoints: which chunks are
   * finished when `verifierState` answers).
   */
  onSettled?: (chunk: number) => void;
}

/** A verification queue on a worker thread, which can also restore its verifier's state (a resumed run). */
export interface ThreadVerifyQueue extends VerifyQueue {
  /** Puts the thread's verifier back into a state from `verifierState`, ahead of the jobs queued after this call. */
  restoreVerifier(state: unknown): void;
  /**
   * The thread's verifier state after the chunks it has finished, for a checkpoint: asked only now (the thread
   * holds its state after every job without copying it) and answered between jobs, without waiting for the queue.
   * Every finished chunk's `onSettled` has run when it resolves, so the state matches exactly the chunks settled.
   * Undefined when no thread ever started (the state is then the one last restored, or the initial one); a
   * failed or closed thread answers `{ state: undefined }`.
   */
  verifierState(): Promise<{ state: unknown } | undefined>;
}

/**
 * A verification queue whose verifier runs on its own worker thread: frame sampling and verification overlap
 * generation on another core. Jobs run one at a time in the order queued (the pixel verifier is stateful), so its
 * results equal `createVerifyQueue`'s for the same verifier. Only the sampled frames are copied to the thread;
 * at most `capacity` chunks are in flight. The thread starts on the first job and ends with `close()`; it never
 * keeps the process alive while idle.
 *
 * @example
 * const queue = createThreadVerifyQueue({ spec: { provider: 'pixel' } });
 * await queue.enqueue(0, { frames, entities, firstChunkOfSegment: true, sample: { indices: [0, 4, 8], size: 256, fit: 'squash' } });
 * const { result } = (await queue.result(0))!;
 * await queue.close();
 */
export function createThreadVerifyQueue(settings: ThreadVerifyQueueSettings): ThreadVerifyQueue {
  const capacity = Math.max(1, settings.capacity ?? 4);
  const now = settings.now ?? (() => performance.now());
  const provider = createVerifierFromSpec(settings.spec).provider;
  const tasks = new Map<number, Promise<VerifyResult>>();
  const resolvers = new Map<number, (result: VerifyResult) => void>();
  const done = new Map<number, { result: VerifyResult; verifyMs: number }>();
  const waiting: Array<() => void> = [];
  /** `verifierState` calls awaiting the thread's answer, by request id. */
  const stateRequests = new Map<number, (state: { state: unknown }) => void>();
  let nextStateRequest = 0;
  let pending = 0;
  let worker: Worker | undefined;
  let broken: unknown;
  let closed = false;

  const settle = (chunk: number, result: VerifyResult, verifyMs: number) => {
    const resolve = resolvers.get(chunk);
    if (!resolve) return;
    resolvers.delete(chunk);
    settings.onSettled?.(chunk);
    done.set(chunk, { result, verifyMs });
    pending -= 1;
    // An idle thread must not keep the process alive; a busy one must (someone awaits its answer).
    if (pending === 0 && stateRequests.size === 0) worker?.unref();
    resolve(result);
    waiting.shift()?.();
  };

  const fail = (error: unknown) => {
    broken ??= error;
    for (const chunk of [...resolvers.keys()]) settle(chunk, failedVerification(broken), 0);
    for (const [id, resolve] of [...stateRequests]) {
      stateRequests.delete(id);
      resolve({ state: undefined });
    }
  };

  const start = (): Worker => {
    const entry = resolveVerifyThreadEntry();
    const data: VerifyThreadData = { spec: settings.spec };
    const thread = new Worker(entry.source, { ...entry.options, workerData: data });
    thread.on('message', (reply: VerifyThreadReply) => {
      if ('snapshot' in reply) {
        const resolve = stateRequests.get(reply.snapshot);
        stateRequests.delete(reply.snapshot);
        if (pending === 0 && stateRequests.size === 0) thread.unref();
        resolve?.({ state: reply.state });
        return;
      }
      settle(reply.chunk, reply.result, reply.verifyMs);
    });
    thread.on('error', fail);
    thread.on('exit', (code) => {
      if (!closed) fail(new Error(`the verification thread exited with code ${code}`));
    });
    return thread;
  };

  const answer = (chunk: number, waitMs: number): QueuedResult | undefined => {
    const ready = done.get(chunk);
    return ready && { result: ready.result, waitMs, provider, verifyMs: ready.verifyMs };
  };

  return {
    get pending() {
      return pending;
    },
    async enqueue(chunk, job) {
      const start0 = now();
      while (pending >= capacity) await new Promise<void>((resolve) => waiting.push(resolve));
      pending += 1;
      tasks.set(chunk, new Promise<VerifyResult>((resolve) => resolvers.set(chunk, resolve)));
      if (broken !== undefined || closed) {
        settle(chunk, failedVerification(broken ?? new Error('the verification queue is closed')), 0);
        return now() - start0;
      }
      worker ??= start();
      worker.ref();
      const request: VerifyThreadRequest = { chunk, job: threadJob(job) };
      worker.postMessage(
        request,
        request.job.frames.map((frame) => frame.data.buffer as ArrayBuffer),
      );
      return now() - start0;
    },
    async result(chunk) {
      const task = tasks.get(chunk);
      if (!task) return undefined;
      const start0 = now();
      const ready = done.has(chunk);
      await task;
      return answer(chunk, ready ? 0 : now() - start0);
    },
    peek(chunk) {
      return answer(chunk, 0);
    },
    restoreVerifier(state) {
      if (closed) return;
      worker ??= start();
      worker.unref();
      const request: VerifyThreadRequest = { restore: state };
      worker.postMessage(request);
    },
    async verifierState() {
      if (closed || broken !== undefined) return { state: undefined };
      if (worker === undefined) return undefined;
      const id = nextStateRequest++;
      const answered = new Promise<{ state: unknown }>((resolve) => stateRequests.set(id, resolve));
      worker.ref();
      const request: VerifyThreadRequest = { snapshot: id };
      worker.postMessage(request);
      return answered;
    },
    async drain() {
      await Promise.all(tasks.values());
    },
    async close() {
      closed = true;
      const thread = worker;
      worker = undefined;
      fail(new Error('the verification queue was closed before the result arrived'));
      await thread?.terminate();
    },
  };
}

/**
 * The job as sent to the thread: only the frames sampling will read, copied (the caller keeps using its frames;
 * the copies are transferred, not cloned again).
 */
function threadJob(job: VerifyJob): VerifyJob {
  const copy = (frame: VideoFrame): VideoFrame => ({ ...frame, data: frame.data.slice() });
  if (job.sample === undefined) return { ...job, frames: job.frames.map(copy) };
  const kept = job.sample.indices.filter((index) => index < job.frames.length);
  return {
    ...job,
    frames: kept.map((index) => copy(job.frames[index]!)),
    sample: { ...job.sample, indices: kept.map((_, position) => position) },
  };
}
