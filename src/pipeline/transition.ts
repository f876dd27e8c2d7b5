import { reference } from '../reference/index.js';
/** Ramp shapes of a soft prompt transition. */
export type TransitionCurve = 'cosine' | 'linear' | 'sigmoid' | 'step';

export const transitionCurves: readonly TransitionCurve[] = ['cosine', 'linear', 'sigmoid', 'step'];

/** Soft prompt transition (SPT) parameters; every field has the reference default of DESIGN.md. */
export interface SoftTransitionOptions {
  /** Ramp shape. Default `cosine`. */
  curve?: TransitionCurve;
  /** Latent frames after a switch during which alpha stays 0 (old prompt only). Default 3. */
  delayFrames?: number;
  /** Fixed ramp window in latent frames; omitted means adaptive (from the prompts' distance). */
  windowFrames?: number;
  /** Shortest adaptive window in latent frames. Default 3. */
  minWindowFrames?: number;
  /** Longest adaptive window in latent frames. Default 15. */
  maxWindowFrames?: number;
  /** Steepness of the `sigmoid` curve. Default 6. */
  steepness?: number;
  /** Latent frames per chunk: windows are rounded down to its multiples, and `step` jumps once per chunk. Default 3. */
  chunkFrames?: number;
}

/** A resolved schedule for one switch. */
export interface SoftTransitionSchedule {
  curve: TransitionCurve;
  /** Latent frames with alpha 0 after the switch. */
  delayFrames: number;
  /** Latent frames of the ramp. */
  windowFrames: number;
  /** Sigmoid steepness. */
  steepness: number;
  /** Latent frames per chunk. */
  chunkFrames: number;
}

export const softTransitionDefaults = {
  curve: 'cosine',
  delayFrames: reference.softTransition.delayFrames,
  minWindowFrames: reference.softTransition.minWindowFrames,
  maxWindowFrames: reference.softTransition.maxWindowFrames,
  steepness: reference.softTransition.steepness,
  chunkFrames: reference.video.chunkFrames,
} as const;

/** Cosine similarity of two vectors (0 when either is all zeros). */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * Adaptive ramp window: `min + d * (max - min)` with d = 1 - cosine(old, new) clamped to 0..1, truncated, rounded
 * down to a multiple of `chunkFrames`, at least `chunkFrames`. Far-apart prompts get a longer ramp.
 *
 * @example
 * adaptiveWindowFrames(0.5) // 3 + 0.5 * 12 = 9
 */
export function adaptiveWindowFrames(distance: number, options: SoftTransitionOptions = {}): number {
  const min = options.minWindowFrames ?? softTransitionDefaults.minWindowFrames;
  const max = options.maxWindowFrames ?? softTransitionDefaults.maxWindowFrames;
  const chunk = options.chunkFrames ?? softTransitionDefaults.chunkFrames;
  const d = Math.min(1, Math.max(0, distance));
  const window = Math.floor(min + d * (max - min));
  return Math.max(chunk, Math.floor(window / chunk) * chunk);
}

/** Resolves the schedule of one switch from the two prompts' mean embeddings. */
export function resolveSoftTransition(
  from: Float32Array,
  to: Float32Array,
  options: SoftTransitionOptions = {},
): SoftTransitionSchedule {
  const chunkFrames = options.chunkFrames ?? softTransitionDefaults.chunkFrames;
  const windowFrames = options.windowFrames ?? adaptiveWindowFrames(1 - cosineSimilarity(from, to), options);
  return {
    curve: options.curve ?? softTransitionDefaults.curve,
    delayFrames: options.delayFrames ?? softTransitionDefaults.delayFrames,
    windowFrames: Math.max(1, windowFrames),
    steepness: options.steepness ?? softTransitionDefaults.steepness,
    chunkFrames,
  };
}

/** The curve's value at normalised ramp time t in [0, 1]. */
function curveValue(schedule: SoftTransitionSchedule, t: number): number {
  const p = Math.min(1, Math.max(0, t));
  switch (schedule.curve) {
    case 'linear':
      return p;
    case 'cosine':
      return 0.5 * (1 - Math.cos(Math.PI * p));
    case 'sigmoid': {
      const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
      const low = sigmoid(-0.5 * schedule.steepness);
      const high = sigmoid(0.5 * schedule.steepness);
      return (sigmoid(schedule.steepness * (p - 0.5)) - low) / (high - low);
    }
    case 'step': {
      // One jump per chunk of the window, the first already at the ramp's start.
      const steps = Math.max(1, Math.floor(schedule.windowFrames / schedule.chunkFrames));
      return (Math.min(Math.floor(p * steps), steps - 1) + 1) / steps;
    }
  }
}

/**
 * Blend weight of the new prompt for a chunk starting `framesSinceSwitch` latent frames after the switch:
 * 0 during the delay, the curve over the window, then null (transition over: condition on the new prompt alone).
 *
 * @example
 * transitionAlpha(schedule, 6) // cosine, delay 3, window 6: 0.5 * (1 - cos(pi * 0.5)) = 0.5
 */
export function transitionAlpha(schedule: SoftTransitionSchedule, framesSinceSwitch: number): number | null {
  if (framesSinceSwitch >= schedule.delayFrames + schedule.windowFrames) return null;
  if (framesSinceSwitch < schedule.delayFrames) return 0;
  return curveValue(schedule, (framesSinceSwitch - schedule.delayFrames) / schedule.windowFrames);
}
