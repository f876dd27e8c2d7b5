import type {
  EntityExtractorV1,
  ExtractedCharacter,
  ExtractionInput,
  ExtractionResult,
  ExtractionSpan,
} from '../entity-extractor.js';
import { isPluralBeing } from './creatures-and-groups.js';
import { findLooseAttributes } from './find-loose-attributes.js';
import { findAttributes, findMentions, type Mention } from './find-mentions.js';
import { groupMentions, natureOf } from './group-mentions.js';
import { findImpliedRoles } from './implied-roles.js';
import { CHANGE_PATTERN, PLURAL_GROUPS, PLURAL_PRONOUNS, PRONOUNS } from './lexicon.js';
import {
  addPluralReferences,
  findPluralPhrases,
  type PluralPhrase,
  type PromptCharacter,
  pluralMembers,
} from './plural-references.js';
import { natureOfEntity, resolveIds } from './resolve-ids.js';
import { type Token, tokenize } from './tokenize.js';

/** Settings of the rules extractor. */
export interface RulesExtractorSettings {
  /** Model identifier recorded in run.json. Default `rules-v1`. */
  modelId?: string;
}

/**
 * The embedded, offline extractor: compromise tags plus a lexicon of person nouns, colours, clothing and
 * accessories, with rule-based coreference and registry matching. Deterministic.
 *
 * @example
 * const extractor = createRulesExtractor();
 * const result = await extractor.extract({ prompt: 'A woman in a yellow raincoat waits.', promptIndex: 1, registry: createRegistry() });
 */
export function createRulesExtractor(settings: RulesExtractorSettings = {}): EntityExtractorV1 {
  return {
    specificationVersion: 'v1',
    provider: 'rules',
    modelId: settings.modelId ?? 'rules-v1',
    extract: async (input) => extractWithRules(input),
  };
}

/** The rules extractor as a synchronous pure function. */
export function extractWithRules(input: ExtractionInput): ExtractionResult {
  const { prompt, registry } = input;
  const tokens = tokenize(prompt);
  const knownNames = new Set(
    registry.entities.flatMap((entity) =>
      entity.properName
        ? [entity.properName.toLowerCase(), ...entity.properName.toLowerCase().split(/\s+/)]
        : [],
    ),
  );
  // Lower-case heads people were called by ("weaver" for "an old weaver"); not those of animals or groups.
  const knownHeads = new Set(
    registry.entities
      .filter((entity) => {
        const nature = natureOfEntity(entity);
        return nature === 'person' || nature === undefined;
      })
      .flatMap((entity) => entity.mentions.map((mention) => mention.split(/\s+/).at(-1) ?? ''))
      .filter((head) => /^[a-z]{3,}$/.test(head) && !PLURAL_PRONOUNS.has(head) && !PRONOUNS.has(head)),
  );
  const mentions = findMentions(tokens, knownNames, knownHeads);
  const attributes = [...findAttributes(tokens), ...findLooseAttributes(tokens)].sort(
    (first, second) => first.first - second.first,
  );
  const groups = groupMentions(tokens, mentions, attributes);
  const resolved = resolveIds(groups, { registry, change: CHANGE_PATTERN.test(prompt) });
  const impliedRoles = findImpliedRoles(tokens, groups);
  // "swims out to them", "the three musicians", "both guards": a plural phrase no group entity takes stands for
  // the people it counts or the latest ones met; a group of its own only when no two people can be meant.
  const phrases = findPluralPhrases(tokens);
  const inPrompt: PromptCharacter[] = resolved.map(({ group, id }) => {
    const entity = id === undefined ? undefined : registry.entities.find((item) => item.id === id);
    const nature = natureOf(group) ?? (entity ? natureOfEntity(entity) : undefined);
    const character: PromptCharacter = { id: id ?? -1, first: Math.min(...group.mentions.map((mention) => mention.first)) }; // biome-ignore format: one record
    if (nature && nature !== 'person') character.nature = nature;
    return character;
  });
  const plural = new Map<PluralPhrase, number[]>();
  const skipped = new Set<number>();
  for (const phrase of phrases) {
    const inside = resolved.flatMap((item, index) =>
      item.group.mentions.every((mention) => mention.first >= phrase.first && mention.last <= phrase.last)
        ? [index]
        : [],
    );
    // A group entity met before ("the scouts", "they" for the crew) keeps the phrase.
    if (inside.some((index) => resolved[index]!.id !== undefined && inPrompt[index]!.nature === 'group'))
      continue;
    const others = inPrompt.filter((_, index) => !inside.includes(index) && inPrompt[index]!.id !== -1);
    const members = pluralMembers(phrase, others, registry);
    if (members.length < 2) continue;
    plural.set(phrase, members);
    for (const index of inside) skipped.add(index);
  }
  let nextId = registry.nextId;
  const characters: ExtractedCharacter[] = [];
  const spans: ExtractionSpan[] = [];
  for (const [index, { group, id, kind }] of resolved.entries()) {
    if (skipped.has(index)) continue;
    const isNew = id === undefined;
    const best = bestMention(group.mentions);
    const character: ExtractedCharacter = {
      id: id ?? nextId++,
      isNew,
      kind,
      mention: text(prompt, tokens, best),
      attrs: [...new Set(group.attrs.map((attribute) => attribute.text))],
    };
    if (group.properName) character.properName = group.properName;
    const aliases = group.mentions
      .filter((mention) => mention !== best && mention.type !== 'pronoun')
      .map((mention) => text(prompt, tokens, mention))
      .filter((alias) => alias !== character.mention)
      // A role is implied for people only: the dog that runs is no runner.
      .concat(natureOf(group) ? [] : (impliedRoles.get(group) ?? []));
    if (aliases.length > 0) character.aliases = [...new Set(aliases)];
    characters.push(character);
    for (const mention of group.mentions) spans.push(span(prompt, tokens, character.id, 'mention', mention));
    for (const attribute of group.attrs)
      spans.push(span(prompt, tokens, character.id, 'attribute', attribute));
  }
  for (const [phrase, members] of plural)
    addPluralReferences(prompt, tokens, phrase, members, registry, characters, spans);
  if (characters.length === 0) pluralReferences(input, tokens, characters, spans);
  spans.sort((first, second) => first.start - second.start || first.end - second.end);
  return { promptIndex: input.promptIndex, characters, spans };
}

/** "They walk on": with nobody named, a plural pronoun means everyone of the last prompt that had people. */
function pluralReferences(
  input: ExtractionInput,
  tokens: readonly Token[],
  characters: ExtractedCharacter[],
  spans: ExtractionSpan[],
): void {
  const plural = tokens.flatMap((token, index) => {
    if (PLURAL_PRONOUNS.has(token.lower)) return [{ start: token.start, end: token.end }];
    // "the couple", "the pair", "the two friends", "the newlyweds": a definite group noun.
    if (tokens[index - 1]?.lower !== 'the') return [];
    if (isPluralBeing(token.lower) && !PLURAL_GROUPS.has(token.lower))
      return [{ start: tokens[index - 1]!.start, end: token.end }];
    if (!PLURAL_GROUPS.has(token.lower)) return [];
    const next = tokens[index + 1];
    const end = next?.tags.has('Plural') && !next.tags.has('Verb') ? next.end : token.end;
    return [{ start: token.start, end }];
  });
  const last = Math.max(0, ...input.registry.entities.map((entity) => entity.prompts.at(-1) ?? 0));
  if (plural.length === 0 || last === 0) return;
  const first = input.prompt.slice(plural[0]!.start, plural[0]!.end);
  for (const entity of input.registry.entities.filter((item) => item.prompts.includes(last))) {
    characters.push({ id: entity.id, isNew: false, kind: entity.kind, mention: first, attrs: [] });
    for (const { start, end } of plural) {
      spans.push({ id: entity.id, role: 'mention', start, end, text: input.prompt.slice(start, end) });
    }
  }
}

function bestMention(mentions: readonly Mention[]): Mention {
  return (
    mentions.find((mention) => mention.type === 'name') ??
    mentions.find((mention) => mention.type === 'noun') ??
    mentions[0]!
  );
}

function text(prompt: string, tokens: readonly Token[], range: { first: number; last: number }): string {
  return prompt.slice(tokens[range.first]!.start, tokens[range.last]!.end);
}

function span(
  prompt: string,
  tokens: readonly Token[],
  id: number,
  role: ExtractionSpan['role'],
  range: { first: number; last: number },
): ExtractionSpan {
  const start = tokens[range.first]!.start;
  const end = tokens[range.last]!.end;
  return { id, role, start, end, text: prompt.slice(start, end) };
}
