import type { VerifyResult } from '../frame-verifier.js';
import type { VerifierSpec } from '../verifier-spec.js';
import type { VerifyJob } from '../verify-job.js';

/** What the verification thread starts with (`workerData`). */
export interface VerifyThreadData {
  /** The verifier the thread builds for itself. */
  spec: VerifierSpec;
}

/**
 * Generation thread to verification thread, handled one at a time in the order sent: verify one chunk, or put the
 * verifier back into a state it reported (a resumed run).
 */
export type VerifyThreadRequest = { chunk: number; job: VerifyJob } | { restore: unknown };

/** Verification thread to generation thread: one chunk's result. */
export interface VerifyThreadReply {
  chunk: number;
  /** The verifier's result, or empty scores and a warning when it threw. */
  result: VerifyResult;
  /** Milliseconds the verification took on the thread (sampling included). */
  verifyMs: number;
  /** The verifier's `snapshot()` right after this chunk (stateful verifiers, for checkpoints). */
  state?: unknown;
}
