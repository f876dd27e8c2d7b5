import { buildAttributeChange } from './build-attribute-change.js';
import { buildMultiCharacter } from './build-multi-character.js';
import { buildNewcomer } from './build-newcomer.js';
import { buildReappearance } from './build-reappearance.js';
import { buildReferenceShift } from './build-reference-shift.js';
import { buildSceneChange } from './build-scene-change.js';
import { createRandom } from './create-random.js';
import type { DimensionBuilder } from './dimension-builder.js';
import { SUITE_DIMENSIONS, type SuiteDimension, type SuiteScript } from './suite-script.js';

/** Scripts per dimension in the full suite (6 x 54 = 324). */
const SCRIPTS_PER_DIMENSION = 54;

/** The seed of the committed suite. */
export const DEFAULT_SUITE_SEED = 20260;

const BUILDERS: Record<SuiteDimension, DimensionBuilder> = {
  reappearance: buildReappearance,
  'reference-shift': buildReferenceShift,
  'multi-character': buildMultiCharacter,
  'scene-change': buildSceneChange,
  'attribute-change': buildAttributeChange,
  newcomer: buildNewcomer,
};

/** Options for {@link generateSuite}. */
export interface GenerateSuiteOptions {
  seed: number;
  /** Scripts per dimension (default 54). */
  perDimension?: number;
}

/**
 * Generates the NarraStream-style suite: the same seed always gives the same scripts, dimension by dimension.
 * Each script gets its own random stream, so changing one dimension's builder leaves the others untouched.
 * @example
 * const scripts = generateSuite({ seed: DEFAULT_SUITE_SEED });
 */
export function generateSuite(options: GenerateSuiteOptions): SuiteScript[] {
  const perDimension = options.perDimension ?? SCRIPTS_PER_DIMENSION;
  const scripts: SuiteScript[] = [];
  const seen = new Set<string>();
  SUITE_DIMENSIONS.forEach((dimension, dimensionIndex) => {
    let attempt = 0;
    for (let number = 1; number <= perDimension; attempt++) {
      const random = createRandom(mixSeed(options.seed, dimensionIndex, attempt));
      const id = `${dimension}-${String(number).padStart(3, '0')}`;
      const script = BUILDERS[dimension](random).build(id, dimension);
      // Redraw the rare script whose prompts repeat an earlier one.
      const fingerprint = script.prompts.join('\n');
      if (seen.has(fingerprint)) continue;
      seen.add(fingerprint);
      scripts.push(script);
      number++;
    }
  });
  return scripts;
}

/** Formats scripts as JSONL, one script per line, with a final newline. */
export function formatSuite(scripts: readonly SuiteScript[]): string {
  return scripts
    .map((script) => JSON.stringify(script))
    .join('\n')
    .concat('\n');
}

/** The smoke subset: the first `count` scripts of each dimension. */
export function selectSmoke(scripts: readonly SuiteScript[], count = 2): SuiteScript[] {
  return SUITE_DIMENSIONS.flatMap((dimension) =>
    scripts.filter((script) => script.dimension === dimension).slice(0, count),
  );
}

function mixSeed(seed: number, dimensionIndex: number, attempt: number): number {
  let hash = (seed ^ Math.imul(dimensionIndex + 1, 0x9e3779b1)) >>> 0;
  hash = Math.imul(hash ^ (attempt + 1), 0x85ebca6b) >>> 0;
  return (hash ^ (hash >>> 13)) >>> 0;
}
