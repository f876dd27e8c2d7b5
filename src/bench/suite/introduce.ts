import type { Character } from './create-character.js';
import type { Random } from './create-random.js';
import { describeAttributes, nounPhrase, pronoun, relativeClause } from './describe-character.js';
import { withArticle } from './phrasing.js';
import type { ScriptBuilder } from './script-builder.js';

/** How a character's first mention is phrased. */
export type IntroShape = 'appositive' | 'named' | 'relative' | 'unnamed';

/** How a later mention refers to a character. */
export type ReferenceMode = 'name' | 'role' | 'description' | 'pronoun';

/**
 * The subject phrase that introduces a character with its attributes, recording aliases:
 * "Ravi, a short man with a gray scarf and round glasses," / "A woman in a yellow raincoat".
 * `determiner` replaces the article ("another", "a second").
 */
export function introduce(
  builder: ScriptBuilder,
  random: Random,
  character: Character,
  options: { shape?: IntroShape; determiner?: string } = {},
): string {
  const shape = options.shape ?? (character.name === undefined ? 'unnamed' : pickNamedShape(random));
  const noun = nounPhrase(character);
  // "another guard", "a second woman": the determiner carries the contrast, so no build word.
  const head =
    options.determiner === undefined
      ? withArticle(noun)
      : `${options.determiner} ${character.role ?? character.kind}`;
  const attributes = random.shuffle(character.attrs);
  if (shape === 'unnamed' || character.name === undefined) {
    const description = describeAttributes(random, attributes);
    // "A woman with red hair, wearing a coat," needs its closing comma before the verb.
    return `${builder.alias(character, head)} ${description}${description.includes(', wearing') ? ',' : ''}`;
  }
  const name = builder.alias(character, character.name);
  switch (shape) {
    case 'named':
      return `${builder.alias(character, head)} named ${name}, ${describeAttributes(random, attributes)},`;
    case 'relative':
      return `${name}, ${builder.alias(character, head)} ${relativeClause(attributes)},`;
    default:
      return `${name}, ${builder.alias(character, head)} ${describeAttributes(random, attributes)},`;
  }
}

/** A later mention of a character, recorded as an alias. */
export function refer(builder: ScriptBuilder, character: Character, mode: ReferenceMode): string {
  switch (mode) {
    case 'name':
      if (character.name !== undefined) return builder.alias(character, character.name);
      return builder.alias(character, `the ${nounPhrase(character)}`);
    case 'role':
      if (character.role !== undefined) return builder.alias(character, `the ${character.role}`);
      return builder.alias(character, `the ${nounPhrase(character, false)}`);
    case 'description':
      return builder.alias(character, `the ${nounPhrase(character, false)}`);
    case 'pronoun':
      return builder.alias(character, pronoun(character));
  }
}

/**
 * Whether a pronoun in prompt `index` can only mean this character, as a reader resolves it: nobody else on
 * screen in this prompt could be called the same, and the latest earlier prompt with anyone who could shows
 * this character and no one else who could. People whose gender the text never shows (an unnamed "chef") could.
 */
export function pronounIsClear(
  builder: ScriptBuilder,
  character: Character,
  index: number,
  onScreen: readonly Character[],
): boolean {
  const rivals = (people: readonly Character[]) =>
    people.filter(
      (other) => other.key !== character.key && (other.gender === character.gender || !genderShown(other)),
    );
  if (rivals(onScreen).length > 0) return false;
  for (let earlier = index - 1; earlier >= 0; earlier--) {
    const people = builder.presentAt(earlier);
    const seen = people.some((other) => other.key === character.key);
    if (rivals(people).length > 0) return false;
    if (seen) return true;
  }
  return false;
}

/** Whether the prompts show a character's gender: a name, a kind noun ("woman") or a gendered role. */
export function genderShown(character: Character): boolean {
  if (character.name !== undefined || character.role === undefined) return true;
  return /(woman|man|waitress|waiter)$/.test(character.role);
}

function pickNamedShape(random: Random): IntroShape {
  return random.pick(['appositive', 'appositive', 'named', 'relative'] as const);
}
