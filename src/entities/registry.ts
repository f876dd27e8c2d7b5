import { RegistryUpdateError } from '../errors/registry-update-error.js';
import { mergeAttributes, normalizeAttribute } from './registry-vocabulary.js';

/** What kind of person an entity is; also the stem of its type name (`woman_1`). */
export type EntityKind = 'woman' | 'man' | 'girl' | 'boy' | 'person';

/** Every entity kind, in the order type names are documented. */
export const ENTITY_KINDS: readonly EntityKind[] = ['woman', 'man', 'girl', 'boy', 'person'];

/** How an entity appeared in one prompt. */
export interface RegistryInstance {
  /** 1-based index of the prompt in the script. */
  promptIndex: number;
  /** The text span that named the entity in that prompt, as written ("the short man", "Ravi"). */
  mention: string;
  /** Visual attributes the prompt gave it, normalised ("gray scarf"); empty when it gave none. */
  attrs: string[];
}

/** One character with a global identity across the whole script. */
export interface RegistryEntity {
  /** Global numeric ID, 1-based, stable for the whole run. */
  id: number;
  /** Type name: kind plus a per-kind counter in order of creation (`woman_1`, `man_2`, `person_3`). */
  name: string;
  /** Kind inferred from its mentions; a `person` may later be refined to a gendered kind (the name stays). */
  kind: EntityKind;
  /** Proper name when a prompt gave one ("Ravi"); absent otherwise. */
  properName?: string;
  /** Every distinct mention, as written, in order of first use. */
  mentions: string[];
  /** Current attributes: a later attribute replaces an earlier one of the same slot (a new coat, new hair). */
  attrs: string[];
  /** Per-prompt appearances, in prompt order. */
  instances: RegistryInstance[];
  /** 1-based indices of the prompts where it appears, ascending. */
  prompts: number[];
}

/** The identity registry: plain data, serialisable to JSON (see `registryToJSON`). */
export interface Registry {
  /** Format version of the serialised registry. */
  version: 1;
  /** The ID the next new entity receives. */
  nextId: number;
  /** Entities by ascending ID. */
  entities: RegistryEntity[];
}

/** Read-only view of a registry handed to extractors. */
export type RegistrySnapshot = DeepReadonly<Registry>;

/** Recursively read-only. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** One character of a prompt as an extractor resolved it; the extraction result's characters satisfy this. */
export interface RegistryCharacterUpdate {
  /** Existing entity ID, or the new ID (`nextId`, `nextId + 1`, ... in order) when `isNew`. */
  id: number;
  /** True when the character is not yet in the registry. */
  isNew: boolean;
  /** Kind of person the prompt describes. */
  kind: EntityKind;
  /** The text span used for it in the prompt. */
  mention: string;
  /** Visual attribute phrases for it in this prompt. */
  attrs: readonly string[];
  /** Proper name when the prompt gives one. */
  properName?: string;
  /** Other names and descriptions of it in this prompt ("a photographer" beside "Lucas"), kept as mentions. */
  aliases?: readonly string[];
}

/** A prompt's resolved characters, ready to apply. */
export interface RegistryPromptUpdate {
  /** 1-based prompt index. */
  promptIndex: number;
  /** Characters of the prompt, each at most once. */
  characters: readonly RegistryCharacterUpdate[];
}

/** Attributes that replace an entity's attributes (the VLM's corrections). */
export interface RegistryCorrection {
  /** Entity to correct. */
  id: number;
  /** Attributes that replace those of the same slot (and are added when the slot is new). */
  attrs: readonly string[];
}

/** An empty registry whose first entity will get ID 1. */
export function createRegistry(): Registry {
  return { version: 1, nextId: 1, entities: [] };
}

/** The entity with this ID, if any. */
export function findEntity<R extends RegistrySnapshot | Registry>(
  registry: R,
  id: number,
): R['entities'][number] | undefined {
  return registry.entities.find((entity) => entity.id === id);
}

/**
 * Applies one prompt's extraction: creates new entities, appends mentions, instances and prompt indices, and
 * merges attributes slot by slot. Returns a new registry; the input is not changed.
 *
 * @example
 * const next = applyExtraction(createRegistry(), {
 *   promptIndex: 1,
 *   characters: [{ id: 1, isNew: true, kind: 'man', mention: 'Ravi', attrs: ['gray scarf'], properName: 'Ravi' }],
 * });
 */
export function applyExtraction(registry: RegistrySnapshot, update: RegistryPromptUpdate): Registry {
  const next = cloneRegistry(registry);
  for (const character of update.characters) {
    const attrs = character.attrs.map(normalizeAttribute);
    let entity = findEntity(next, character.id);
    if (character.isNew) {
      if (entity) throw invalidUpdate(`entity ${character.id} already exists but is marked new`);
      if (character.id < next.nextId)
        throw invalidUpdate(`new entity ID ${character.id} is below ${next.nextId}`);
      const count = next.entities.filter((existing) => existing.name.startsWith(`${character.kind}_`)).length;
      entity = {
        id: character.id,
        name: `${character.kind}_${count + 1}`,
        kind: character.kind,
        mentions: [],
        attrs: [],
        instances: [],
        prompts: [],
      };
      next.entities.push(entity);
      next.entities.sort((first, second) => first.id - second.id);
      next.nextId = Math.max(next.nextId, character.id + 1);
    } else if (!entity) {
      throw invalidUpdate(`entity ${character.id} does not exist`);
    }
    if (entity.kind === 'person' && character.kind !== 'person') entity.kind = character.kind;
    if (character.properName && !entity.properName) entity.properName = character.properName;
    for (const mention of [character.mention, ...(character.aliases ?? [])])
      if (!entity.mentions.includes(mention)) entity.mentions.push(mention);
    entity.attrs = mergeAttributes(entity.attrs, attrs);
    entity.instances = entity.instances.filter((instance) => instance.promptIndex !== update.promptIndex);
    entity.instances.push({ promptIndex: update.promptIndex, mention: character.mention, attrs });
    entity.instances.sort((first, second) => first.promptIndex - second.promptIndex);
    if (!entity.prompts.includes(update.promptIndex)) {
      entity.prompts.push(update.promptIndex);
      entity.prompts.sort((first, second) => first - second);
    }
  }
  return next;
}

/** Replaces an entity's attributes slot by slot with corrected ones. Returns a new registry. */
export function applyCorrection(registry: RegistrySnapshot, correction: RegistryCorrection): Registry {
  const next = cloneRegistry(registry);
  const entity = findEntity(next, correction.id);
  if (!entity) throw invalidUpdate(`entity ${correction.id} does not exist`);
  entity.attrs = mergeAttributes(entity.attrs, correction.attrs);
  return next;
}

/** A deep, mutable copy. */
function cloneRegistry(registry: RegistrySnapshot): Registry {
  return structuredClone(registry) as Registry;
}

function invalidUpdate(message: string): RegistryUpdateError {
  return new RegistryUpdateError({
    message,
    issues: [{ code: 'invalid-registry-update', path: ['registry'], message }],
  });
}
