import type { Attribute, Character } from './create-character.js';
import type { Random } from './create-random.js';
import { joinList, withArticle } from './phrasing.js';

/** The attribute as written in a prompt ("a gray scarf", "round glasses"). */
export function attributeText(attribute: Attribute): string {
  return attribute.article ? withArticle(attribute.phrase) : attribute.phrase;
}

/** The bare noun phrase: "young woman", "old fisherman", "tall nurse". */
export function nounPhrase(character: Character, useRole = true): string {
  if (useRole && character.role !== undefined) {
    if (character.kind.startsWith('old')) return `old ${character.role}`;
    return character.descriptor === 'young' || character.descriptor === 'middle-aged'
      ? `${character.descriptor} ${character.role}`
      : character.role;
  }
  return character.descriptor === '' ? character.kind : `${character.descriptor} ${character.kind}`;
}

/**
 * A description of attributes after a noun: "in a navy coat with round glasses",
 * "with curly red hair, wearing a navy coat", "with a gray scarf and round glasses".
 */
export function describeAttributes(random: Random, attributes: readonly Attribute[]): string {
  const worn = attributes.filter((attribute) => attribute.worn).map(attributeText);
  const had = attributes.filter((attribute) => !attribute.worn).map(attributeText);
  if (had.length === 0) {
    return `${random.pick(['in', 'wearing', 'with'])} ${joinList(worn)}`;
  }
  if (worn.length === 0) return `with ${joinList(had)}`;
  switch (random.int(3)) {
    case 0:
      return `in ${joinList(worn)} with ${joinList(had)}`;
    case 1:
      return `with ${joinList(had)}, wearing ${joinList(worn)}`;
    default:
      return `with ${joinList([...had, ...worn])}`;
  }
}

/** A relative clause: "who wears a navy coat and has curly red hair". */
export function relativeClause(attributes: readonly Attribute[]): string {
  const worn = attributes.filter((attribute) => attribute.worn).map(attributeText);
  const had = attributes.filter((attribute) => !attribute.worn).map(attributeText);
  const parts: string[] = [];
  if (worn.length > 0) parts.push(`wears ${joinList(worn)}`);
  if (had.length > 0) parts.push(`has ${joinList(had)}`);
  return `who ${parts.join(' and ')}`;
}

/** "she" or "he". */
export function pronoun(character: Character): string {
  return character.gender === 'female' ? 'she' : 'he';
}
