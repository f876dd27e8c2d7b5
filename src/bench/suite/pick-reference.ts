import type { Character } from './create-character.js';
import type { Random } from './create-random.js';
import { pronounIsClear, type ReferenceMode, refer } from './introduce.js';
import type { ScriptBuilder } from './script-builder.js';

/** Relative weights of the ways a later prompt may name a character; a missing mode is never chosen. */
export type ReferenceWeights = Partial<Record<ReferenceMode, number>>;

/**
 * A later mention of a character in prompt `index`, drawn from the modes a reader can resolve there: the name
 * (named characters), the role (characters with one), a pronoun (when {@link pronounIsClear}) and the
 * description ("the tall woman"). Falls back to the name, then the description.
 */
export function mentionLater(
  builder: ScriptBuilder,
  random: Random,
  character: Character,
  where: { index: number; onScreen: readonly Character[] },
  weights: ReferenceWeights,
): string {
  const allowed: Record<ReferenceMode, boolean> = {
    name: character.name !== undefined,
    role: character.role !== undefined,
    pronoun: pronounIsClear(builder, character, where.index, where.onScreen),
    description: true,
  };
  const options = (Object.entries(weights) as [ReferenceMode, number][]).filter(
    ([mode, weight]) => allowed[mode] && weight > 0,
  );
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = random.next() * total;
  let chosen: ReferenceMode | undefined;
  for (const [mode, weight] of options) {
    draw -= weight;
    if (draw < 0) {
      chosen = mode;
      break;
    }
  }
  return refer(builder, character, chosen ?? (allowed.name ? 'name' : 'description'));
}
