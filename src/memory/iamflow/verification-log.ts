import type { QueuedResult, VerifyQueue } from '../../agents/vlm/verify-queue.js';
import { iamflowDefaults } from './iamflow-defaults.js';
import type { IamflowEvent } from './iamflow-events.js';
import type { VerificationRecord } from './memory-state.js';

/** The policy's record of verification results, and the bounded wait for one. */
export interface VerificationLog {
  /** Every recorded result, in the order recorded. */
  readonly records: VerificationRecord[];
  /** Records a finished result once (later calls return the first record). */
  record(chunk: number, segment: number, done: QueuedResult): VerificationRecord;
  /**
   * Waits for chunk `source`'s result at most `timeoutMs` (vlm_agent.py:215-244); on timeout records a
   * `verify-timeout` event at `chunk` and returns undefined, as for a chunk never verified.
   */
  await(chunk: number, source: number, segment: number): Promise<VerificationRecord | undefined>;
  /**
   * The results that came after the policy stopped waiting for them (`verify-timeout`): the chunk that needed
   * each, and its record once it arrived (undefined if it never did). Read at the end of the run.
   */
  late(): Array<{ chunk: number; sourceChunk: number; record: VerificationRecord | undefined }>;
  /** Milliseconds the verifier worked, summed over the recorded results (off the generation thread when async). */
  readonly busyMs: number;
}

/** Creates the log over a verify queue. */
export function createVerificationLog(options: {
  queue: VerifyQueue;
  timeoutMs: number;
  emit: (event: IamflowEvent) => void;
}): VerificationLog {
  const { queue, timeoutMs, emit } = options;
  const records: VerificationRecord[] = [];
  const timedOut: Array<{ chunk: number; sourceChunk: number }> = [];
  let busyMs = 0;
  const record = (chunk: number, segment: number, done: QueuedResult): VerificationRecord => {
    const existing = records.find((item) => item.chunk === chunk);
    if (existing) return existing;
    busyMs += done.verifyMs ?? 0;
    const { result } = done;
    const entry: VerificationRecord = {
      chunk,
      segment,
      scores: result.scores,
      provider: done.provider,
      waitMs: Math.round(done.waitMs * 1000) / 1000,
      warnings: (result.warnings ?? []).map((warning) =>
        warning.type === 'fallback'
          ? `fallback from ${warning.provider}: ${warning.reason}`
          : warning.message,
      ),
    };
    if (result.seen) entry.seen = result.seen;
    if (result.boxes) entry.boxes = result.boxes;
    if (result.corrections) entry.corrections = result.corrections;
    records.push(entry);
    emit({ type: 'verify-end', chunk, scores: entry.scores, waitMs: entry.waitMs, provider: entry.provider });
    return entry;
  };
  return {
    records,
    record,
    get busyMs() {
      return busyMs;
    },
    late() {
      return timedOut.map((item) => ({
        ...item,
        record: records.find((entry) => entry.chunk === item.sourceChunk),
      }));
    },
    async await(chunk, source, segment) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
        (timer as { unref?: () => void }).unref?.();
      });
      const done = await Promise.race([queue.result(source), timeout]);
      clearTimeout(timer);
      if (done === 'timeout') {
        emit({ type: 'verify-timeout', chunk, sourceChunk: source, timeoutMs });
        if (!timedOut.some((item) => item.sourceChunk === source))
          timedOut.push({ chunk, sourceChunk: source });
        return undefined;
      }
      return done ? record(source, segment, done) : undefined;
    },
  };
}

/** Visual score and sightings per latent frame of a chunk, from its sampled video frames. */
export function perLatentFrame(entry: VerificationRecord | undefined, videoFramesPerLatent: number) {
  const visual: Array<number | undefined> = [];
  const seen: Array<number[] | undefined> = [];
  if (!entry) return { visual, seen: undefined };
  iamflowDefaults.verifyFrameIndices.forEach((videoIndex, sample) => {
    const latent = Math.floor(videoIndex / videoFramesPerLatent);
    const score = entry.scores[sample];
    if (score !== undefined) visual[latent] = Math.min(1, Math.max(0, score));
    if (entry.seen?.[sample]) seen[latent] = entry.seen[sample];
  });
  return { visual, seen: entry.seen ? seen : undefined };
}
