import type { EntityKind, RegistrySnapshot } from '../../../entities/registry.js';
import {
  attributeColors,
  attributeSlot,
  attributesConflict,
  attributeWords,
  COLOR_WORDS,
} from '../../../entities/registry-vocabulary.js';
import { isPersonHead, type Nature, natureOfHead } from './creatures-and-groups.js';
import { genderFits, type MentionGroup, natureOf } from './group-mentions.js';
import { GENERIC_HEADS, PROTAGONIST_HEADS, personNounKind, TITLES } from './lexicon.js';
import { sameRole } from './role-lexicon.js';

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
  const assign = (group: MentionGroup, id: number | undefined) => {
    if (id !== undefined) used.add(id);
    ids.set(group, id);
  };
  for (const group of order.filter((item) => rank(item) < 3))
    assign(group, matchGroup(group, context, used) ?? matchWithoutPronouns(group, context, used));
  // "the painter", "the stranger": a bare definite role met for the first time is someone already on screen.
  const pronouns = order.filter((item) => rank(item) === 3);
  for (const group of order.filter((item) => rank(item) < 3 && ids.get(item) === undefined)) {
    if (!refersBack(group)) continue;
    // "The bookseller lets her in": the one person "her" can be is not the bookseller.
    const reserved = new Set([...used, ...pronouns.flatMap((pronoun) => onlyFit(pronoun, context, used))]);
    assign(group, matchOnScreen(group, context, reserved));
  }
  const all = [...groups, ...splitPronouns(groups, ids, context)];
  for (const group of all.filter((item) => rank(item) === 3 && !ids.has(item)))
    assign(group, matchGroup(group, context, used));
  // "it" with no animal to mean, "they" or "the two friends" with no group met: not a character of their own.
  const kept = all.filter((group) => ids.get(group) !== undefined || !onlyPointsBack(group));
  return kept.map((group) => {
    const id = ids.get(group);
    const entity = id === undefined ? undefined : context.registry.entities.find((item) => item.id === id);
    const kind =
      group.kind && group.kind !== 'person' ? group.kind : (entity?.kind ?? group.kind ?? 'person');
    return { group, id, kind };
  });
}

/**
 * "The driver waits until he is seated": a pronoun the prompt tied to a role noun can be someone else. When the
 * gender the pronouns gave keeps the description from everyone, the description is matched on its nouns alone.
 */
function matchWithoutPronouns(
  group: MentionGroup,
  context: ResolveContext,
  used: ReadonlySet<number>,
): number | undefined {
  const kind = nounKind(group);
  if (kind === group.kind) return undefined;
  return matchGroup({ ...group, kind }, context, used);
}

/** The kind the group's names and nouns give, without its pronouns. */
function nounKind(group: MentionGroup): EntityKind | undefined {
  let kind: EntityKind | undefined;
  for (const mention of group.mentions) {
    if (mention.type === 'pronoun' || !mention.kind) continue;
    if (mention.type === 'noun' || !kind || kind === 'person') kind = mention.kind;
  }
  return kind;
}

/**
 * Takes out of each matched group the pronouns whose gender the matched entity cannot have ("the photographer
 * raises his lens and takes her picture": "her" is someone else); each becomes a group of its own.
 */
function splitPronouns(
  groups: readonly MentionGroup[],
  ids: ReadonlyMap<MentionGroup, number | undefined>,
  context: ResolveContext,
): MentionGroup[] {
  const split: MentionGroup[] = [];
  for (const group of groups) {
    const id = ids.get(group);
    const entity = context.registry.entities.find((item) => item.id === id);
    if (!entity || rank(group) === 3) continue;
    const kind = entity.kind !== 'person' ? entity.kind : nounKind(group);
    const misfits = group.mentions.filter(
      (mention) => mention.type === 'pronoun' && !genderFits(kind, mention.gender),
    );
    if (misfits.length === 0) continue;
    group.mentions = group.mentions.filter((mention) => !misfits.includes(mention));
    group.kind = nounKind(group);
    for (const mention of misfits) split.push({ mentions: [mention], attrs: [], kind: mention.kind });
  }
  return split;
}

/** A group made only of "it"/"they" pronouns or of definite group nouns ("the newlyweds"): it cannot be new. */
function onlyPointsBack(group: MentionGroup): boolean {
  return group.mentions.every(
    (mention) =>
      (mention.type === 'pronoun' && mention.nature !== undefined) ||
      (mention.type === 'noun' && mention.nature === 'group' && mention.definite),
  );
}

/**
 * What an entity is, from the first of its written mentions that says so: an animal ("a scruffy dog"), a group
 * ("three scouts"), a person ("the guard"); undefined when only names and pronouns were written.
 */
export function natureOfEntity(entity: Entity): Nature | 'person' | undefined {
  for (const mention of entity.mentions) {
    // "Carmen", "Grandpa Joe": a name says nothing of what someone is.
    if (/^[A-Z]/.test(mention.split(/\s+/).at(-1) ?? '')) continue;
    // "they", "the three musicians" said later of people met one by one (plural-references.ts) says nothing either.
    if (PLURAL_REFERENCE.test(mention) && mention !== entity.mentions[0]) continue;
    const head = headOf(mention);
    const nature = natureOfHead(head);
    if (nature) return nature;
    if (!isImplied(mention) && isPersonHead(head)) return 'person';
  }
  return undefined;
}

/** A plural phrase that may stand for people met one by one: "they", "them both", "the two cooks", "all three". */
const PLURAL_REFERENCE =
  /^(they|them|their|themselves|both|(all|the) (two|three|four|five)|the (couple|pair|duo|trio))\b/i;

/** Whether a group may be this entity: an animal only an animal, a group only a group, a description a person. */
function naturesMatch(group: MentionGroup, entity: Entity): boolean {
  const nature = natureOf(group);
  const other = natureOfEntity(entity);
  if (nature) return nature === other;
  const nouns = group.mentions.filter((mention) => mention.type === 'noun');
  // "the one with the torn ear" may be a cat as well as a person.
  if (nouns.length > 0 && nouns.every((mention) => mention.head === 'one')) return other !== 'group';
  return nouns.length > 0 ? other === 'person' || other === undefined : other !== 'group';
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
  const entities = context.registry.entities.filter(
    (entity) => !used.has(entity.id) && naturesMatch(group, entity) && !calledOpposite(group, entity),
  );
  if (group.mentions.some((mention) => mention.newcomer)) return undefined;
  const noun = group.mentions.find((mention) => mention.type === 'noun');
  if (group.properName) {
    const name = group.properName.toLowerCase();
    const named =
      entities.find(
        (entity) =>
          entity.properName?.toLowerCase() === name ||
          entity.mentions.some((mention) => mention.toLowerCase() === name),
      ) ?? entities.find((entity) => sharesNamePart(entity.properName, name));
    // A name met for the first time may still name someone described before ("the woman, Nora, ...") or
    // someone a pronoun points at ("her name is Nora").
    if (named || (!noun?.definite && !group.namedLater)) return named?.id;
  }
  if (!noun) {
    const gender = group.mentions[0]?.gender;
    // Seen last first; on a tie, someone known to be of the pronoun's gender before someone of unknown gender.
    const fitting = entities.filter((entity) => genderFits(entity.kind, gender));
    const explicit = (entity: Entity) => (gender && entity.kind !== 'person' ? 1 : 0);
    // "she" means a woman of the story before the dog or the robot called "she".
    const animal = (entity: Entity) => (gender && natureOfEntity(entity) === 'animal' ? 1 : 0);
    return [...fitting].sort(
      (first, second) =>
        recency(second) - recency(first) ||
        animal(first) - animal(second) ||
        explicit(second) - explicit(first) ||
        first.id - second.id,
    )[0]?.id;
  }
  // "the bird" for the parrot, "the men" for the soldiers: among animals or groups, any definite head may point back.
  const generic =
    GENERIC_HEADS.has(noun.head) || noun.head === 'one' || (natureOf(group) !== undefined && noun.definite);
  const compatible = entities.filter(
    (entity) =>
      (kindsCompatible(group.kind, entity.kind) ||
        youngerWord(group, noun.head, entity) ||
        ((!generic || !wordsGiveKind(group)) && gendersCompatible(group.kind, entity.kind))) &&
      !(group.properName && entity.properName),
  );
  if (PROTAGONIST_HEADS.has(noun.head)) {
    return [...compatible].sort((first, second) => second.prompts.length - first.prompts.length)[0]?.id;
  }
  if (noun.ordinal !== undefined) {
    // "the second vet": the n-th entity, in order of introduction, that this description fits.
    const fitting = context.registry.entities.filter(
      (entity) =>
        kindsCompatible(group.kind, entity.kind) &&
        (entity.mentions.some((mention) => headOf(mention) === noun.head) ||
          (generic && !(entity.kind === 'person' && group.kind && group.kind !== 'person'))),
    );
    // "the first skier" when nobody was called a skier: the n-th person of the story it may be.
    const anyone = context.registry.entities.filter(
      (entity) => kindsCompatible(group.kind, entity.kind) && naturesMatch(group, entity),
    );
    const target = (fitting.length > 0 ? fitting : anyone)[noun.ordinal - 1];
    if (target && !used.has(target.id)) return target.id;
  }
  const attrs = group.attrs.map((attribute) => attribute.text);
  let best: { id: number; score: number } | undefined;
  for (const entity of compatible) {
    // A role the rules implied ("painter" for the woman with a brush) answers "the painter", not "a painter".
    const written = entity.mentions.filter((mention) => !isImplied(mention)).map(headOf);
    const implied = entity.mentions.filter(isImplied);
    // A written head beats a synonym ("the cook" is the new cook, not the chef) and a role the rules implied.
    // "a young cook" beside "a chef": an indefinite role is someone new unless it repeats the written head.
    const headScore = written.includes(noun.head)
      ? 3
      : (noun.definite && written.some((head) => sameRole(head, noun.head))) ||
          (noun.definite && implied.some((role) => sameRole(role, noun.head)))
        ? 2.5
        : 0;
    const conflicts = attrs.filter((attribute) =>
      entity.attrs.some((old) => attributesClash(attribute, old)),
    );
    if (conflicts.length > 0 && !context.change) continue;
    const agreements = attrs.filter((attribute) =>
      entity.attrs.some((old) => attributesAgree(attribute, old)),
    );
    // "the young cook" for the young woman nobody has given a role yet, rather than for the chef.
    const unroled =
      headScore === 0 &&
      noun.definite &&
      // "her younger sister" is someone beside her, not a restatement.
      !['his', 'her', 'their'].includes(noun.determiner ?? '') &&
      agreements.length > 0 &&
      !written.some((head) => !GENERIC_HEADS.has(head));
    const headMatch = headScore > 0 || unroled;
    if (!generic && !headMatch) continue;
    // A gendered description ("a girl") does not take an entity known only as a neutral role ("the guard"),
    // unless it points back and agrees with it ("the young doctor" ... "the young woman").
    const revealsGender = (noun.definite && agreements.length > 0) || youngerWord(group, noun.head, entity);
    if (!headMatch && entity.kind === 'person' && group.kind && group.kind !== 'person' && !revealsGender)
      continue;
    if (CHILD_HEADS.has(noun.head) && (entity.kind === 'man' || entity.kind === 'woman')) continue;
    // "an old woman with a cane" when a tall woman in a parka is known: a fresh description is someone new.
    if (!noun.definite && generic && attrs.length > 0 && agreements.length === 0) continue;
    const child =
      (CHILD_HEADS.has(noun.head) || TEEN_HEADS.has(noun.head)) &&
      (entity.kind === 'girl' || entity.kind === 'boy' || entity.attrs.some((old) => YOUTH_WORDS.has(old)))
        ? 2
        : 0;
    if (TEEN_HEADS.has(noun.head) && entity.attrs.some((old) => OLD_WORDS.has(old))) continue;
    // Among people a role was only implied for (two touch the piano), the one it was implied for first.
    const impliedOnly = headScore === 2.5 && !written.some((head) => sameRole(head, noun.head));
    const order = impliedOnly ? 1 - recency(entity) : recency(entity);
    const score =
      headScore +
      (unroled ? 1.5 : 0) +
      child +
      (entity.kind === group.kind ? 1 : 0) +
      2 * agreements.length +
      order;
    if (!best || score > best.score) best = { id: entity.id, score };
  }
  return best?.id;
}

/** "the girl" for the young woman, "the boy" for the teenage son: a youth word said of someone of that gender. */
function youngerWord(group: MentionGroup, head: string, entity: Entity): boolean {
  if (head !== 'girl' && head !== 'boy') return false;
  const young =
    entity.attrs.some((attribute) => YOUTH_WORDS.has(attribute)) ||
    entity.mentions.some((mention) => TEEN_HEADS.has(headOf(mention)) || CHILD_HEADS.has(headOf(mention)));
  return gendersCompatible(group.kind, entity.kind) && noun(group)?.definite === true && young;
}

function noun(group: MentionGroup) {
  return group.mentions.find((mention) => mention.type === 'noun');
}

/** Roles a child can have. */
const CHILD_ROLES: ReadonlySet<string> = new Set(
  'student pupil scout player reader rider runner swimmer skater dancer singer winner kid child visitor newcomer stranger customer passenger drummer guitarist pianist violinist artist painter'.split(
    ' ',
  ),
);

/** "the shorter one" is not "the taller twin": a description never takes someone called by its opposite. */
function calledOpposite(group: MentionGroup, entity: Entity): boolean {
  const opposites = group.mentions.flatMap((mention) =>
    (mention.words ?? []).flatMap((word) => OPPOSITES.get(word) ?? []),
  );
  if (opposites.length === 0) return false;
  return entity.mentions.some((mention) =>
    mention
      .toLowerCase()
      .split(/\s+/)
      .some((word) => opposites.includes(word)),
  );
}

/** Comparatives and their opposites ("the taller twin", "the shorter one"). */
const OPPOSITES: ReadonlyMap<string, string> = new Map(
  [
    ['taller', 'shorter'],
    ['older', 'younger'],
    ['bigger', 'smaller'],
    ['fatter', 'thinner'],
    ['heavier', 'lighter'],
    ['elder', 'younger'],
  ].flatMap(([first, second]) => [
    [first!, second!],
    [second!, first!],
  ]),
);

/** Heads that say "a child": they never take a man or a woman, and prefer a girl or a boy. */
const CHILD_HEADS: ReadonlySet<string> = new Set(['child', 'kid', 'toddler', 'youngster']);

/** The entity a pronoun must mean when only one recent, unused entity has its gender. */
function onlyFit(pronoun: MentionGroup, context: ResolveContext, used: ReadonlySet<number>): number[] {
  const gender = pronoun.mentions[0]?.gender;
  if (!gender) return [];
  const last = Math.max(0, ...context.registry.entities.map((entity) => entity.prompts.at(-1) ?? 0));
  const fits = context.registry.entities.filter(
    (entity) =>
      !used.has(entity.id) &&
      (entity.prompts.at(-1) ?? 0) >= last - 2 &&
      genderFits(entity.kind, gender) &&
      natureOfEntity(entity) !== 'animal' &&
      natureOfEntity(entity) !== 'group',
  );
  return fits.length === 1 ? [fits[0]!.id] : [];
}

/** Heads that say "a teenager": they prefer someone young or teenage, never someone old. */
const TEEN_HEADS: ReadonlySet<string> = new Set(['teen', 'teenager', 'youngster', 'adolescent']);
const YOUTH_WORDS: ReadonlySet<string> = new Set(['teenage', 'young', 'little', 'younger', 'teen']);
const OLD_WORDS: ReadonlySet<string> = new Set(['old', 'elderly', 'older', 'aged', 'middle-aged']);

/**
 * A definite role with nothing to say it is someone new: no name of its own, no indefinite description. "Her son"
 * alone points back at someone on screen; "her son, a boy in a red cap," or "her mother waits in a gray coat" brings a
 * description and is someone new.
 */
function refersBack(group: MentionGroup): boolean {
  const nouns = group.mentions.filter((mention) => mention.type === 'noun');
  return (
    nouns.length > 0 &&
    nouns.every(
      (mention) =>
        (['the', 'this', 'that'].includes(mention.determiner ?? '') ||
          (['his', 'her'].includes(mention.determiner ?? '') && group.attrs.length === 0)) &&
        !mention.newcomer &&
        mention.ordinal === undefined,
    ) &&
    nouns.some((mention) => !GENERIC_HEADS.has(mention.head) && !PROTAGONIST_HEADS.has(mention.head))
  );
}

/**
 * The person of the last three prompts with people that a new role most likely names: of a compatible gender, agreeing
 * attributes first, known by no written role yet, then the one seen last, then the one introduced first.
 */
function matchOnScreen(
  group: MentionGroup,
  context: ResolveContext,
  used: ReadonlySet<number>,
): number | undefined {
  const last = Math.max(0, ...context.registry.entities.map((entity) => entity.prompts.at(-1) ?? 0));
  const attrs = group.attrs.map((attribute) => attribute.text);
  const possessor = possessorOf(group, context);
  let best: { id: number; score: number } | undefined;
  for (const entity of context.registry.entities) {
    if (used.has(entity.id) || (entity.prompts.at(-1) ?? 0) < last - 2) continue;
    if (!gendersCompatible(group.kind, entity.kind) || !naturesMatch(group, entity)) continue;
    if (calledOpposite(group, entity)) continue;
    // A role already written for someone ("the guide") makes another role less likely theirs.
    const penalty = entity.mentions.some((mention) => !isImplied(mention) && isRoleMention(mention)) ? 1 : 0;
    // "The tailor measures ... The customer asks": someone just called by another role is less likely this one.
    const head = group.mentions.find((mention) => mention.type === 'noun')?.head ?? '';
    const lastMention = entity.instances.at(-1)?.mention ?? '';
    // "His opponent takes a long time": "his" most likely means the man seen last, so the opponent is someone else.
    if (possessor !== undefined && entity.id === possessor) continue;
    const justCalled = (entity.prompts.at(-1) ?? 0) === last && isRoleMention(lastMention);
    const switched = justCalled && !sameRole(headOf(lastMention), head) ? 1 : 0;
    // "the lifeguard", "the paramedic": a trade is an adult's, not the boy's, when an adult is there too.
    // "the young traveler" beside a man and a girl: a youth word in the role says the child.
    const young = entity.kind === 'girl' || entity.kind === 'boy';
    const youthful = attrs.some((attribute) => YOUTH_WORDS.has(attribute));
    const child = young && !CHILD_ROLES.has(head) ? (youthful ? -1 : 1) : 0;
    if (
      !context.change &&
      attrs.some((attribute) => entity.attrs.some((old) => attributesClash(attribute, old)))
    )
      continue;
    const agreements = attrs.filter((attribute) =>
      entity.attrs.some((old) => attributesAgree(attribute, old)),
    );
    // Then who was on screen last, then who came first.
    const score = agreements.length - penalty - switched - child + 0.5 * recency(entity);
    if (!best || score > best.score) best = { id: entity.id, score };
  }
  return best?.id;
}

/** For "his opponent" or "her son": the person "his" or "her" most likely means (the one of that gender seen last). */
function possessorOf(group: MentionGroup, context: ResolveContext): number | undefined {
  const determiner = group.mentions.find((mention) => mention.type === 'noun')?.determiner;
  if (determiner !== 'his' && determiner !== 'her') return undefined;
  const gender = determiner === 'his' ? 'male' : 'female';
  const fitting = context.registry.entities.filter(
    (entity) =>
      genderFits(entity.kind, gender) && entity.kind !== 'person' && natureOfEntity(entity) !== 'group',
  );
  return [...fitting].sort((first, second) => recency(second) - recency(first))[0]?.id;
}

function isRoleMention(mention: string): boolean {
  const head = headOf(mention);
  return personNounKind(head) !== undefined && !GENERIC_HEADS.has(head) && !PROTAGONIST_HEADS.has(head);
}

/** Roles the rules implied are kept as one bare lower-case word; written mentions carry a determiner or a name. */
function isImplied(mention: string): boolean {
  return /^[a-z-]+$/.test(mention);
}

/** "Rosa" names the entity called "Auntie Rosa"; "Joe" the one called "Grandpa Joe". */
function sharesNamePart(properName: string | undefined, name: string): boolean {
  if (!properName) return false;
  // "Ms. Okafor" for "Amara Okafor": a title and a last name.
  const parts = name.replace(/\./g, '').split(/\s+/);
  const last = parts.length === 2 && TITLES.has(parts[0]!) ? parts[1]! : name;
  if (last.includes(' ')) return false;
  return properName
    .toLowerCase()
    .replace(/\./g, '')
    .split(/\s+/)
    .some((part) => part === last && !TITLES.has(part));
}

/** Whether a noun or name says the kind; a pronoun ("his") only says the gender. */
function wordsGiveKind(group: MentionGroup): boolean {
  return group.mentions.some(
    (mention) => mention.type !== 'pronoun' && mention.kind && mention.kind !== 'person',
  );
}

function gendersCompatible(group: EntityKind | undefined, entity: EntityKind): boolean {
  const gender = (kind: EntityKind | undefined) =>
    kind === 'woman' || kind === 'girl' ? 'female' : kind === 'man' || kind === 'boy' ? 'male' : undefined;
  const first = gender(group);
  const second = gender(entity);
  return !first || !second || first === second;
}

function kindsCompatible(group: EntityKind | undefined, entity: EntityKind): boolean {
  return !group || group === 'person' || entity === 'person' || group === entity;
}

/** A tie-breaker in (0, 1): later last appearance scores higher. */
function recency(entity: Entity): number {
  const last = entity.prompts.at(-1) ?? 0;
  return 1 - 1 / (2 + last);
}

function headOf(mention: string): string {
  return mention.toLowerCase().split(/\s+/).at(-1) ?? '';
}

/** Conflicting attributes, with age words that mean the same ("old", "elderly") kept together. */
function attributesClash(first: string, second: string): boolean {
  return attributesConflict(sameAge(first), sameAge(second)) || otherColour(first, second);
}

/** "green singlet" and "orange singlet": the same thing in colours that share nothing, whatever its slot. */
function otherColour(first: string, second: string): boolean {
  const firstWords = first.split(' ');
  const secondWords = second.split(' ');
  if (firstWords.length < 2 || firstWords.at(-1) !== secondWords.at(-1)) return false;
  const firstColors = attributeColors(first);
  const secondColors = attributeColors(second);
  return (
    firstColors.length > 0 &&
    secondColors.length > 0 &&
    !firstColors.some((color) => secondColors.includes(color))
  );
}

const AGE_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['elderly', 'old'],
  ['aged', 'old'],
  ['older', 'old'],
  ['younger', 'young'],
  ['little', 'young'],
  ['teenage', 'young'],
  ['teen', 'young'],
]);

function sameAge(attribute: string): string {
  return AGE_SYNONYMS.get(attribute) ?? attribute;
}

/** Same slot and compatible words: equal colours, or one phrase's words inside the other's. */
export function attributesAgree(first: string, second: string): boolean {
  // "little" and "younger", "old" and "elderly": age words that mean the same.
  if (sameAge(first) === sameAge(second) && (AGE_SYNONYMS.has(first) || AGE_SYNONYMS.has(second)))
    return true;
  // "the woman in red" agrees with her red coat.
  if (COLOR_WORDS.has(first) || COLOR_WORDS.has(second))
    return attributeColors(first).some((color) => attributeColors(second).includes(color));
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
