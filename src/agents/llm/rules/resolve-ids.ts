import type { EntityKind, RegistrySnapshot } from '../../../entities/registry.js';
import {
  attributeColors,
  attributeSlot,
  attributesConflict,
  attributeWords,
} from '../../../entities/registry-vocabulary.js';
import { genderFits, type MentionGroup } from './group-mentions.js';
import { GENERIC_HEADS, PROTAGONIST_HEADS } from './lexicon.js';

/** A group with the global identity it was given. */
export interface ResolvedGroup {
  /** The prompt's group. */
  group: MentionGroup;
  /** Matched entity ID, or undefined for a new entity (IDs are numbered later in text order). */
  id: number | undefined;
  /** Final kind: the group's kind, else the entity's, else `person`. */
  kind: EntityKind;
}

type Entity = RegistrySnapshot['entities'][number];

/** What the resolver needs to know about the prompt besides its groups. */
export interface ResolveContext {
  /** Registry before this prompt. */
  registry: RegistrySnapshot;
  /** The prompt describes a change of appearance ("now wears"): conflicting attributes do not split identities. */
  change: boolean;
}

/**
 * Assigns registry IDs: names first, then definite descriptions, indefinite ones and bare pronouns, so that a
 * description never takes an ID a name in the same prompt already holds.
 */
export function resolveIds(groups: readonly MentionGroup[], context: ResolveContext): ResolvedGroup[] {
  const used = new Set<number>();
  const order = [...groups].sort((first, second) => rank(first) - rank(second));
  const ids = new Map<MentionGroup, number | undefined>();
  for (const group of order) {
    const id = matchGroup(group, context, used);
    if (id !== undefined) used.add(id);
    ids.set(group, id);
  }
  return groups.map((group) => {
    const id = ids.get(group);
    const entity = id === undefined ? undefined : context.registry.entities.find((item) => item.id === id);
    const kind =
      group.kind && group.kind !== 'person' ? group.kind : (entity?.kind ?? group.kind ?? 'person');
    return { group, id, kind };
  });
}

function rank(group: MentionGroup): number {
  if (group.properName) return 0;
  const noun = group.mentions.find((mention) => mention.type === 'noun');
  if (!noun) return 3;
  return noun.definite ? 1 : 2;
}

function matchGroup(
  group: MentionGroup,
  context: ResolveContext,
  used: ReadonlySet<number>,
): number | undefined {
  const entities = context.registry.entities.filter((entity) => !used.has(entity.id));
  if (group.mentions.some((mention) => mention.newcomer)) return undefined;
  const noun = group.mentions.find((mention) => mention.type === 'noun');
  if (group.properName) {
    const name = group.properName.toLowerCase();
    const named = entities.find(
      (entity) =>
        entity.properName?.toLowerCase() === name ||
        entity.mentions.some((mention) => mention.toLowerCase() === name),
    );
    // A name met for the first time may still name someone described before ("the woman, Nora, ...").
    if (named || !noun?.definite) return named?.id;
  }
  if (!noun) {
    const gender = group.mentions[0]?.gender;
    return mostRecent(entities.filter((entity) => genderFits(entity.kind, gender)))?.id;
  }
  const compatible = entities.filter(
    (entity) => kindsCompatible(group.kind, entity.kind) && !(group.properName && entity.properName),
  );
  if (PROTAGONIST_HEADS.has(noun.head)) {
    return [...compatible].sort((first, second) => second.prompts.length - first.prompts.length)[0]?.id;
  }
  const generic = GENERIC_HEADS.has(noun.head);
  if (noun.ordinal !== undefined) {
    // "the second vet": the n-th entity, in order of introduction, that this description fits.
    const fitting = context.registry.entities.filter(
      (entity) =>
        kindsCompatible(group.kind, entity.kind) &&
        (entity.mentions.some((mention) => headOf(mention) === noun.head) ||
          (generic && !(entity.kind === 'person' && group.kind && group.kind !== 'person'))),
    );
    const target = fitting[noun.ordinal - 1];
    if (target && !used.has(target.id)) return target.id;
  }
  const attrs = group.attrs.map((attribute) => attribute.text);
  let best: { id: number; score: number } | undefined;
  for (const entity of compatible) {
    const heads = new Set(entity.mentions.map(headOf));
    const headMatch = heads.has(noun.head);
    if (!generic && !headMatch) continue;
    // A gendered description ("a girl") does not take an entity known only as a neutral role ("the guard").
    if (!headMatch && entity.kind === 'person' && group.kind && group.kind !== 'person') continue;
    const conflicts = attrs.filter((attribute) =>
      entity.attrs.some((old) => attributesConflict(attribute, old)),
    );
    if (conflicts.length > 0 && !context.change) continue;
    const agreements = attrs.filter((attribute) =>
      entity.attrs.some((old) => attributesAgree(attribute, old)),
    );
    const score =
      (headMatch ? 3 : 0) + (entity.kind === group.kind ? 1 : 0) + 2 * agreements.length + recency(entity);
    if (!best || score > best.score) best = { id: entity.id, score };
  }
  return best?.id;
}

function kindsCompatible(group: EntityKind | undefined, entity: EntityKind): boolean {
  return !group || group === 'person' || entity === 'person' || group === entity;
}

function mostRecent(entities: readonly Entity[]): Entity | undefined {
  return [...entities].sort((first, second) => recency(second) - recency(first) || first.id - second.id)[0];
}

/** A tie-breaker in (0, 1): later last appearance scores higher. */
function recency(entity: Entity): number {
  const last = entity.prompts.at(-1) ?? 0;
  return 1 - 1 / (2 + last);
}

function headOf(mention: string): string {
  return mention.toLowerCase().split(/\s+/).at(-1) ?? '';
}

/** Same slot and compatible words: equal colours, or one phrase's words inside the other's. */
function attributesAgree(first: string, second: string): boolean {
  if (attributeSlot(first) !== attributeSlot(second)) return false;
  const firstColors = attributeColors(first);
  const secondColors = attributeColors(second);
  if (firstColors.length > 0 && secondColors.length > 0)
    return firstColors.some((color) => secondColors.includes(color));
  const firstWords = attributeWords(first);
  const secondWords = attributeWords(second);
  return (
    firstWords.every((word) => secondWords.includes(word)) ||
    secondWords.every((word) => firstWords.includes(word))
  );
}
