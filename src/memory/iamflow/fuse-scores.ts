import { iamflowDefaults, type ScoreMode } from './iamflow-defaults.js';

/** Options of `fuseScores`; defaults are the reference values. */
export interface FuseOptions {
  /** Ranking mode (ablation). Default `fused`. */
  mode?: ScoreMode;
  /** Weight of the normalised text score. Reference: 0.7. */
  textWeight?: number;
  /** Weight of the visual score. Reference: 0.3. */
  visualWeight?: number;
  /** Visual score standing in for a missing one. Reference: 0.5. */
  missingVisual?: number;
  /** Source of uniform numbers in [0, 1) for `random` mode (seeded by the caller). */
  random?: () => number;
}

/** Min-max normalises to [0, 1]; all values become 0.5 when they span less than 1e-8. */
export function minMax(values: readonly number[]): number[] {
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (!(high - low > 1e-8)) return values.map(() => 0.5);
  return values.map((value) => (value - low) / (high - low));
}

/**
 * Fuses text and visual scores of a chunk's candidate frames:
 * `fused = 0.7 * minmax(text) + 0.3 * (visual ?? 0.5)`; `semantic_only` uses minmax(text), `visual_only` the
 * visual score, `random` a seeded draw.
 *
 * @example
 * fuseScores([1, 2, 3], [0.2, undefined, 0]) // [0.06, 0.5, 0.7]
 */
export function fuseScores(
  text: readonly number[],
  visual: readonly (number | undefined)[],
  options: FuseOptions = {},
): number[] {
  const mode = options.mode ?? 'fused';
  const textWeight = options.textWeight ?? iamflowDefaults.textWeight;
  const visualWeight = options.visualWeight ?? iamflowDefaults.visualWeight;
  const missing = options.missingVisual ?? iamflowDefaults.missingVisualScore;
  const normalized = minMax(text);
  const seen = text.map((_, index) => visual[index] ?? missing);
  switch (mode) {
    case 'semantic_only':
      return normalized;
    case 'visual_only':
      return seen;
    case 'random': {
      const random = options.random ?? Math.random;
      return text.map(() => random());
    }
    default:
      return normalized.map((value, index) => textWeight * value + visualWeight * seen[index]!);
  }
}

/** Index of the highest value; the earliest wins ties. */
export function argMax(values: readonly number[]): number {
  let best = 0;
  values.forEach((value, index) => {
    if (value > values[best]!) best = index;
  });
  return best;
}

/** A small seeded generator (mulberry32) for the `random` ablation; pure given its seed. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
