import type { MentionGroup } from './group-mentions.js';
import { DETERMINERS, GENERIC_HEADS, PERSON_NOUNS } from './lexicon.js';
import { NOT_DERIVED_ROLES, ROLE_CUES } from './role-lexicon.js';
import type { Token } from './tokenize.js';

/**
 * Roles a prompt implies for each group from what the person does, holds or wears ("a woman holds a brush":
 * painter; "a man at the wheel": driver; "strums a guitar": guitarist; "in a knight costume": knight). The words
 * looked at run from each of the group's mentions to the next mention of someone else in the same sentence.
 */
export function findImpliedRoles(
  tokens: readonly Token[],
  groups: readonly MentionGroup[],
): Map<MentionGroup, string[]> {
  const owner = new Map<number, MentionGroup>();
  for (const group of groups) {
    for (const mention of group.mentions) {
      for (let index = mention.first; index <= mention.last; index += 1) owner.set(index, group);
    }
  }
  const roles = new Map<MentionGroup, string[]>();
  for (const group of groups) {
    const found = new Set<string>();
    for (const mention of group.mentions) {
      // "the waiter brings her a latte": what follows an object is done to it, not by it.
      if (isObject(tokens, mention)) continue;
      const sentence = tokens[mention.first]!.sentence;
      for (let index = mention.last + 1; index < tokens.length; index += 1) {
        const token = tokens[index]!;
        const other = owner.get(index);
        if (token.sentence !== sentence || (other && other !== group) || CLAUSE_BREAKS.has(token.lower))
          break;
        // ", the camera slowly zooms in": a comma and a new noun phrase start a clause about something else.
        if (token.text === ',' && DETERMINERS.has(tokens[index + 1]?.lower ?? '')) break;
        if (other || token.punctuation) continue;
        for (const role of rolesOf(token)) found.add(role);
      }
    }
    for (const mention of group.mentions) found.delete(mention.head);
    if (found.size > 0) roles.set(group, [...found]);
  }
  return roles;
}

function isObject(tokens: readonly Token[], mention: { first: number; type: string; head: string }): boolean {
  if (mention.type === 'pronoun' && ['him', 'them'].includes(mention.head)) return true;
  const before = tokens[mention.first - 1];
  return (
    before !== undefined &&
    (before.tags.has('Verb') || before.tags.has('Preposition')) &&
    !CLAUSE_OPENERS.has(before.lower)
  );
}

/** Words after which a mention still starts its clause ("where a fisherman mends", "while she paints"). */
const CLAUSE_OPENERS: ReadonlySet<string> = new Set([
  'where',
  'while',
  'when',
  'as',
  'and',
  'then',
  'until',
  'after',
  'before',
]);

/** Words that open a clause about something else ("stops at a shop where a fisherman ..."). */
const CLAUSE_BREAKS: ReadonlySet<string> = new Set([
  'where',
  'while',
  'when',
  'whereas',
  'as',
  'because',
  'until',
  'but',
  'then',
]);

function rolesOf(token: Token): string[] {
  const word = token.lower;
  const roles = [...(ROLE_CUES.get(word) ?? [])];
  if (isRole(word)) roles.push(word);
  for (const candidate of derivedNouns(word, token.tags.has('Verb'))) {
    if (isRole(candidate) && !NOT_DERIVED_ROLES.has(candidate)) roles.push(candidate);
  }
  return roles;
}

function isRole(word: string): boolean {
  return PERSON_NOUNS.has(word) && !GENERIC_HEADS.has(word);
}

/**
 * Agent nouns a word may come from: paints -> painter, jogs -> jogger, sails -> sailor, guides -> guide; of a
 * thing only the -er and -ist nouns (guitar -> guitarist, piano -> pianist, garden -> gardener), so that an
 * office never makes an officer.
 */
function derivedNouns(word: string, verb: boolean): string[] {
  const stems = new Set<string>([word]);
  const add = (stem: string) => {
    if (stem.length >= 3) stems.add(stem);
  };
  if (word.endsWith('ies')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) add(word.slice(0, -2));
  if (word.endsWith('s')) add(word.slice(0, -1));
  for (const ending of ['ing', 'ed']) {
    if (!word.endsWith(ending)) continue;
    const stem = word.slice(0, -ending.length);
    add(stem);
    add(`${stem}e`);
    if (/(.)\1$/.test(stem)) add(stem.slice(0, -1));
  }
  const nouns: string[] = [];
  for (const stem of stems) {
    nouns.push(`${stem}ist`);
    if (/[aeiouy]$/.test(stem)) nouns.push(`${stem.slice(0, -1)}ist`);
    if (!verb) {
      if (/[^aeiouy]$/.test(stem) && stem.length >= 5) nouns.push(`${stem}er`);
      continue;
    }
    if (stem !== word) nouns.push(stem);
    nouns.push(`${stem}er`, `${stem}r`, `${stem}or`, `${stem}${stem.at(-1)}er`);
  }
  return nouns;
}
