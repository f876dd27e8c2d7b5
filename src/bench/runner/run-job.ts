import type { AgentSettings, MiniEngineSpec, RemoteEngineSpec } from '../../run/run-spec.js';
import type { Script } from '../../script/script.js';
import type { RunKey, RunRecord } from '../store/run-record.js';

/**
 * One script x policy run of a batch, as sent to a worker (structured-clone safe). Its `policy` is the label the store
 * keys it by: a registered name, or a variant's (`iamflow/recache`, then `variant` says what runs).
 */
export interface RunJob extends RunKey {
  /** The script, annotations included (only the evaluator reads them). */
  script: Script;
  /** Suite dimension of the script, or `unknown`. */
  dimension: string;
  /** Absolute folder the run writes (video.mp4, run.json, render.jsonl, keyframes/). */
  runDir: string;
  /** Keep the run folder after evaluation; false deletes it once the metrics are read (`--no-video`). */
  keepVideo: boolean;
  /** Agent settings, passed to the policies that take agents (plain data: jobs cross worker threads). */
  agents?: AgentSettings;
  /** A remote engine instead of the miniature one (plain data). */
  engine?: RemoteEngineSpec | MiniEngineSpec;
  /**
   * For a policy variant: the registered policy that runs and the settings it overrides (plain data, part of the job
   * identity). Absent for a policy as registered.
   */
  variant?: { policy: string; settings: Record<string, unknown> };
}

/** What a run measured; the runner adds the key, dimension and time and stores it. */
export type RunOutcome = Omit<RunRecord, keyof RunKey | 'dimension' | 'createdAt' | 'runDir'>;

/**
 * Runs one job end to end: generate, write the run folder, evaluate. Throws (or resolves `failed`) on failure; the
 * runner records a thrown error as a failed run with its message and goes on.
 */
export type RunExecutor = (job: RunJob) => Promise<RunOutcome>;

/** Message from the main thread to a worker. */
export interface JobMessage {
  type: 'job';
  job: RunJob;
}

/** Message from a worker to the main thread. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'outcome'; outcome: RunOutcome }
  | { type: 'error'; message: string; wallSeconds: number };
