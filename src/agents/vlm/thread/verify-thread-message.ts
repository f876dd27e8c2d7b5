import type { VerifyResult } from '../frame-verifier.js';
import type { VerifierSpec } from '../verifier-spec.js';
import type { VerifyJob } from '../verify-job.js';

/** What the verification thread starts with (`workerData`). */
export interface VerifyThreadData {
  /** The verifier the thread builds for itself. */
  spec: VerifierSpec;
}

/**
 * Generation thread to verification thread: verify one chunk, or put the verifier back into a state it reported (a
 * resumed run), both handled one at a time in the order sent; or ask for the verifier's state after the last
 * finished chunk (a checkpoint), answered as soon as the thread is between chunks.
 */
export type VerifyThreadRequest =
  | { chunk: number; job: VerifyJob }
  | { restore: unknown }
  | { snapshot: number };

/** Verification thread to generation thread: one chunk's result, or the state a `snapshot` request asked for. */
export type VerifyThreadReply = VerifyThreadResult | VerifyThreadState;

/** One chunk's result. */
export interface VerifyThreadResult {
  chunk: number;
  /** The verifier's result, or empty scores and a warning when it threw. */
  result: VerifyResult;
  /** Milliseconds the verification took on the thread (sampling included). */
  verifyMs: number;
}

/**
 * The verifier's `snapshot()` as it was after the last chunk the thread finished (every result of those chunks was
 * posted before this reply), or after the last restore when none finished since.
 */
export interface VerifyThreadState {
  /** The request's id. */
  snapshot: number;
  /** The state; undefined for a stateless verifier. */
  state: unknown;
}
