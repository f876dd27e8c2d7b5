import type { RegistrySnapshot } from '../../../entities/registry.js';
import type { ExtractedCharacter, ExtractionSpan } from '../entity-extractor.js';
import { isPersonHead, natureOfHead, singularOf } from './creatures-and-groups.js';
import { natureOfEntity } from './resolve-ids.js';
import { sameRole } from './role-lexicon.js';
import type { Token } from './tokenize.js';

type Entity = RegistrySnapshot['entities'][number];

/**
 * A plural phrase that may stand for people met one by one: "they both", "them", "their", "all three", "the two of
 * them", "the couple", "both guards", "the three musicians", "the boys".
 */
export interface PluralPhrase {
  /** First and last token. */
  first: number;
  last: number;
  /** How many people the phrase counts ("both" 2, "the three musicians" 3); undefined when it does not say. */
  count?: number;
  /** Singular of the plural noun it names ("guard" for "both guards"); undefined for pronouns and bare counts. */
  head?: string;
  /**
   * "them", "their", "them both": the people meant are not those the prompt names (the uncle "swims out to them");
   * a subject ("they", "the two", "both guards") may include them.
   */
  excludesPrompt: boolean;
}

const COUNTS: ReadonlyMap<string, number> = new Map([
  ['both', 2],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['couple', 2],
  ['pair', 2],
  ['duo', 2],
  ['trio', 3],
]);
const OBJECT_PRONOUNS: ReadonlySet<string> = new Set(['them', 'their', 'themselves']);

/** Finds the plural phrases of a prompt, in text order. */
export function findPluralPhrases(tokens: readonly Token[]): PluralPhrase[] {
  const phrases: PluralPhrase[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const phrase = pluralPhraseAt(tokens, index);
    if (!phrase) continue;
    phrases.push(phrase);
    index = phrase.last;
  }
  return phrases;
}

function pluralPhraseAt(tokens: readonly Token[], index: number): PluralPhrase | undefined {
  const word = tokens[index]!.lower;
  const next = tokens[index + 1]?.lower ?? '';
  // "they", "them both", "they all", "their".
  if (word === 'they' || OBJECT_PRONOUNS.has(word)) {
    const extended = next === 'both' || next === 'all';
    const phrase: PluralPhrase = { first: index, last: extended ? index + 1 : index, excludesPrompt: OBJECT_PRONOUNS.has(word) }; // biome-ignore format: one record
    if (next === 'both') phrase.count = 2;
    return phrase;
  }
  // "both of them", "all three (of them)", "the two of them", "both guards", "the three musicians", "the couple".
  if (word !== 'both' && word !== 'all' && word !== 'the') return undefined;
  let last = index;
  let count = word === 'both' ? 2 : undefined;
  const counted = COUNTS.get(next);
  if (counted !== undefined && next !== 'both') {
    count = counted;
    last = index + 1;
  }
  if (word === 'all' && last === index) return undefined;
  const after = tokens[last + 1];
  if (after?.lower === 'of' && tokens[last + 2]?.lower === 'them') {
    if (word === 'the' && last === index) return undefined;
    return withCount({ first: index, last: last + 2, excludesPrompt: false }, count);
  }
  const singular = after && !after.punctuation ? singularOf(after.lower) : undefined;
  if (singular && singular !== after!.lower && isPersonNoun(singular)) {
    return withCount({ first: index, last: last + 1, head: singular, excludesPrompt: false }, count);
  }
  // "the two shake hands", "both laugh", "all three float": a count standing alone, never before a noun;
  // "the couple", "the pair" are nouns themselves.
  if (last === index && word !== 'both') return undefined;
  const noun = after && !after.punctuation && after.tags.has('Noun') && !after.tags.has('Verb');
  if (noun && !['couple', 'pair', 'duo', 'trio'].includes(next)) return undefined;
  return withCount({ first: index, last, excludesPrompt: false }, count);
}

function withCount(phrase: PluralPhrase, count: number | undefined): PluralPhrase {
  return count === undefined ? phrase : { ...phrase, count };
}

function isPersonNoun(singular: string): boolean {
  return natureOfHead(singular) === undefined && isPersonHead(singular);
}

/** A character the prompt already holds, with the first token of its mentions. */
export interface PromptCharacter {
  id: number;
  first: number;
  /** Not a person: an animal, a machine or a group. */
  nature?: string;
}

/**
 * The people a plural phrase means when no group fits: those of the prompt before it (for a subject), then the
 * people of the latest prompts (all of the latest prompt with people, at least two; for a count, that many,
 * people called by the phrase's noun first). Empty when fewer than two people can be meant.
 */
export function pluralMembers(
  phrase: PluralPhrase,
  inPrompt: readonly PromptCharacter[],
  registry: RegistrySnapshot,
): number[] {
  const people = inPrompt.filter((character) => character.nature === undefined);
  const before = people
    .filter((character) => character.first < phrase.first)
    .map((character) => character.id);
  // "A man and a woman walk their dog": two people of the prompt before the pronoun are the ones meant.
  if (phrase.count === undefined && phrase.head === undefined && before.length >= 2) return before;
  const excluded = new Set(phrase.excludesPrompt ? inPrompt.map((character) => character.id) : []);
  const chosen = phrase.excludesPrompt ? [] : [...before];
  const candidates = registry.entities
    .filter((entity) => isPerson(entity) && !excluded.has(entity.id) && !chosen.includes(entity.id))
    .sort(
      (first, second) => (second.prompts.at(-1) ?? 0) - (first.prompts.at(-1) ?? 0) || first.id - second.id,
    );
  const named = phrase.head ? candidates.filter((entity) => calledBy(entity, phrase.head!)) : [];
  if (phrase.count === undefined) {
    // "the boys": every boy met, when there are two or more; else a group of its own.
    if (phrase.head !== undefined) return named.length >= 2 ? named.map((entity) => entity.id) : [];
    let prompt = Number.POSITIVE_INFINITY;
    for (const entity of candidates) {
      const last = entity.prompts.at(-1) ?? 0;
      if (last < prompt && chosen.length >= 2) break;
      prompt = last;
      chosen.push(entity.id);
    }
    return chosen.length >= 2 ? chosen : [];
  }
  for (const entity of [...named, ...candidates.filter((item) => !named.includes(item))]) {
    if (chosen.length >= phrase.count) break;
    chosen.push(entity.id);
  }
  return chosen.length >= 2 ? chosen : [];
}

function isPerson(entity: Entity): boolean {
  const nature = natureOfEntity(entity);
  return nature === 'person' || nature === undefined;
}

function calledBy(entity: Entity, head: string): boolean {
  return entity.mentions.some((mention) => sameRole(mention.toLowerCase().split(/\s+/).at(-1) ?? '', head));
}

/** Adds each member to the prompt's characters (a span for those already there, a character for the others). */
export function addPluralReferences(
  prompt: string,
  tokens: readonly Token[],
  phrase: PluralPhrase,
  members: readonly number[],
  registry: RegistrySnapshot,
  characters: ExtractedCharacter[],
  spans: ExtractionSpan[],
): void {
  const start = tokens[phrase.first]!.start;
  const end = tokens[phrase.last]!.end;
  const text = prompt.slice(start, end);
  const pronoun = tokens[phrase.first]!;
  // In the order they were met: "the boys" are the first boy, then the other.
  for (const id of [...members].sort((first, second) => first - second)) {
    if (!characters.some((character) => character.id === id)) {
      const entity = registry.entities.find((item) => item.id === id)!;
      characters.push({ id, isNew: false, kind: entity.kind, mention: text, attrs: [] });
    }
    spans.push({ id, role: 'mention', start, end, text });
    // "they both": the pronoun alone is a mention too.
    if (phrase.last > phrase.first && (pronoun.lower === 'they' || OBJECT_PRONOUNS.has(pronoun.lower)))
      spans.push({ id, role: 'mention', start: pronoun.start, end: pronoun.end, text: pronoun.text });
  }
}
