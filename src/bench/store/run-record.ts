import type { EngineCosts } from '../../engine/engine.js';

/** What identifies one benchmark run: the same key is never run twice once it is `done`. */
export interface RunKey {
  /** The suite script's id, e.g. `reappearance-001`. */
  scriptId: string;
  /** Memory policy name, e.g. `memflow`. */
  policy: string;
  /** Engine seed (the same for every policy of a batch). */
  seed: number;
  /** Decoded frame width in pixels. */
  width: number;
  /** Decoded frame height in pixels. */
  height: number;
  /** Denoising steps of the engine (4 is the reference; stores from before steps were keyed hold 4). */
  steps: number;
}

/** One character in one segment of a run: is it on screen, and how well does it match itself elsewhere. */
export interface IdentityPoint {
  /** 0-based segment (prompt) index. */
  segment: number;
  /** The character's annotation key, e.g. `nadia`. */
  character: string;
  /** Whether the annotations put the character on screen in this segment. */
  present: boolean;
  /**
   * 0..100: how consistent the character's look in this segment is with its looks in the other segments where it
   * appears (unchanged attributes only); null when it was not matched or not on screen.
   */
  consistency: number | null;
}

/** The three NarraStream dimensions and their mean, each 0..100. */
export interface DimensionScores {
  total: number;
  quality: number;
  temporal: number;
  instruction: number;
}

/** One finished (or failed) run as stored. */
export interface RunRecord extends RunKey {
  /** Suite dimension of the script (`reappearance`, ...), or `unknown`. */
  dimension: string;
  /** `done` when generated and evaluated, `failed` otherwise (see `error`). */
  status: 'done' | 'failed';
  /** Why the run failed (`failed` only). */
  error?: string;
  /** Wall seconds of the whole run (generate + write + evaluate). */
  wallSeconds: number;
  /** Wall seconds of generation alone (the streaming loop). */
  generateSeconds?: number;
  /** Seconds of video produced. */
  videoSeconds?: number;
  /** Video seconds per wall second of generation: above 1 is faster than real time. */
  realtimeFactor?: number;
  /** Engine work counters of the run. */
  costs?: EngineCosts;
  /** Dimension scores (`done` only). */
  scores?: DimensionScores;
  /** Every metric the evaluation reported, 0..100 (prefix `oracle.` for render-record checks). */
  metrics?: Record<string, number>;
  /** Per-character identity timeline (`done` only, annotated scripts only). */
  identity?: IdentityPoint[];
  /** The run directory relative to the results directory, when kept. */
  runDir?: string;
  /** ISO time the record was written. */
  createdAt: string;
  /**
   * The queue job that produced it (`iamflow bench --queue`): the run's full identity, code version included.
   * Absent for in-process runs.
   */
  jobId?: string;
}

/** The canonical string of a run key, e.g. for maps. */
export function runKeyString(key: RunKey): string {
  return `${key.scriptId}|${key.policy}|${key.seed}|${key.width}x${key.height}|t${key.steps}`;
}
