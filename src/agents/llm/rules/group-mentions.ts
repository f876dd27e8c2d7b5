import type { EntityKind } from '../../../entities/registry.js';
import type { Nature } from './creatures-and-groups.js';
import type { AttributePhrase, Mention } from './find-mentions.js';
import { GENERIC_HEADS } from './lexicon.js';
import type { Token } from './tokenize.js';

/** The mentions of one person inside one prompt, with the attributes attached to them. */
export interface MentionGroup {
  /** Mentions in text order. */
  mentions: Mention[];
  /** Attributes in text order (noun-phrase adjectives and attached phrases). */
  attrs: AttributePhrase[];
  /** Kind from the words: a person noun wins over a pronoun, a pronoun over a name. */
  kind: EntityKind | undefined;
  /** Proper name if any mention is a name. */
  properName?: string;
  /** Named through a pronoun ("her name is Nora", "everyone calls him Bram"): the name may be new, the person not. */
  namedLater?: boolean;
}

/**
 * What a group of mentions is: its nouns say (an animal, a group of people), else its pronouns ("it", "they"). Undefined
 * for a person, and for a name or "he"/"she" alone (a named dog is called "he" too).
 */
export function natureOf(group: MentionGroup): Nature | undefined {
  const noun = group.mentions.find((mention) => mention.type === 'noun');
  if (noun) return noun.nature;
  return group.mentions.find((mention) => mention.nature)?.nature;
}

/** "ties up his horse and tips his hat": an animal someone owns is not what that owner's pronoun means. */
function possessedAnimal(group: MentionGroup, pronoun: Mention): boolean {
  if (pronoun.nature || natureOf(group) !== 'animal') return false;
  return group.mentions.every(
    (mention) => mention.type !== 'noun' || ['his', 'her', 'their'].includes(mention.determiner ?? ''),
  );
}

/** Whether a mention of this nature can join a group of that one (a person never joins an animal). */
function naturesFit(group: MentionGroup, mention: Mention): boolean {
  const nature = natureOf(group);
  // "he" or "she" for an animal its noun or name introduced, never for a lone "it" or "they".
  if (mention.type === 'pronoun' && !mention.nature)
    return (
      nature === undefined ||
      (nature === 'animal' && group.mentions.some((other) => other.type !== 'pronoun'))
    );
  if (mention.type === 'name') return nature !== 'group';
  if (mention.type === 'pronoun') return nature === mention.nature;
  return nature === mention.nature || group.mentions.every((other) => other.type === 'name');
}

const LINK_WORDS = new Set(['named', 'called']);

/** Groups a prompt's mentions into people (appositives, repeated roles, pronouns) and attaches attributes. */
export function groupMentions(
  tokens: readonly Token[],
  mentions: readonly Mention[],
  attributes: readonly AttributePhrase[],
): MentionGroup[] {
  const groups: MentionGroup[] = [];
  const groupOf = new Map<Mention, MentionGroup>();
  const join = (mention: Mention, group: MentionGroup | undefined) => {
    const target = group ?? { mentions: [], attrs: [], kind: undefined };
    if (!group) groups.push(target);
    target.mentions.push(mention);
    target.attrs.push(...mention.attrs);
    if (mention.properName && !target.properName) target.properName = mention.properName;
    groupOf.set(mention, target);
  };
  mentions.forEach((mention, position) => {
    const previous = mentions[position - 1];
    const between = previous
      ? tokens.slice(previous.last + 1, mention.first).map((token) => token.lower)
      : [];
    const previousGroup = previous ? groupOf.get(previous) : undefined;
    if (mention.type === 'name') {
      const same = groups.find((group) => group.properName?.toLowerCase() === mention.head);
      const linked =
        previous?.type === 'noun' &&
        (between.length === 0 ||
          (between.length === 1 && LINK_WORDS.has(between[0]!)) ||
          (between.length === 1 && between[0] === ',' && nameEndsAppositive(tokens, mention.last)));
      const named = namedEarlier(tokens, mentions, position, groupOf);
      const pointed =
        same || linked || named ? undefined : namedByPronoun(tokens, mentions, position, groupOf);
      join(mention, same ?? (linked && !previousGroup?.properName ? previousGroup : (named ?? pointed)));
      if (pointed) pointed.namedLater = true;
    } else if (mention.type === 'noun' && restated(tokens, mentions, position, groupOf)) {
      join(mention, restated(tokens, mentions, position, groupOf));
    } else if (mention.type === 'noun') {
      const opensWithArticle = ['a', 'an'].includes(tokens[mention.first]!.lower);
      const appositive =
        (previous?.type === 'name' ||
          (previous?.type === 'noun' &&
            opensWithArticle &&
            (!isIndefinite(tokens, previous) || isRoleThenGeneric(previous, mention)))) &&
        between.length === 1 &&
        (between[0] === ',' || (between[0] === '(' && previous?.type === 'name')) &&
        (!mention.newcomer || previous?.type === 'name') &&
        compatible(previousGroup?.kind, mention.kind) &&
        (!previousGroup || naturesFit(previousGroup, mention));
      // "the old woman in the brown hoodie, the old woman in the red hoodie": a repeated head that brings its
      // own description or ordinal can be someone else, so only a bare repetition joins the earlier group.
      const repeated =
        mention.definite && !mention.newcomer && mention.ordinal === undefined && !describedAfter(tokens, mention, attributes)
          ? [...groups].reverse().find((group) => group.mentions.some((other) => other.head === mention.head && other.ordinal === undefined && !ownWordsDiffer(other, mention)))
          : undefined; // biome-ignore format: one condition
      // "a man dressed as a pirate": the costume names the same person.
      const costume =
        previous?.type === 'noun' && /^(dressed|disguised|costumed|made up) as$/.test(between.join(' '));
      const described =
        !appositive &&
        mention.definite &&
        describedAppositive(tokens, previous, mention, attributes) &&
        (!previousGroup || naturesFit(previousGroup, mention));
      join(mention, appositive || described || costume ? previousGroup : repeated);
    } else {
      join(mention, antecedent(groups, mention, tokens));
    }
    const group = groupOf.get(mention)!;
    // "the doctor checks his chart": a possessive may be someone else's; it does not set a description's kind.
    const possessive =
      mention.head === 'his' || (mention.head === 'her' && !isObjectPronoun(tokens, mention));
    const described = group.mentions.some((other) => other.type === 'noun');
    // An animal called "he" or a group stays without a person's kind.
    if (!(possessive && described) && natureOf(group) === undefined)
      group.kind = strongerKind(group.kind, mention);
  });
  for (const attribute of attributes) {
    const owner = attributeOwner(tokens, mentions, attribute);
    if (owner) groupOf.get(owner)!.attrs.push(attribute);
  }
  for (const group of groups) group.attrs.sort((first, second) => first.first - second.first);
  return groups;
}

/** "the old man ... the young man": each phrase brings its own adjectives and they share none. */
function ownWordsDiffer(first: Mention, second: Mention): boolean {
  if (first.attrs.length === 0 || second.attrs.length === 0) return false;
  const words = new Set(first.attrs.map((attribute) => attribute.text));
  return !second.attrs.some((attribute) => words.has(attribute.text));
}

/**
 * "A boy with glasses, the smallest scout, hides": a definite description between commas right after someone's
 * description restates that person.
 */
function describedAppositive(
  tokens: readonly Token[],
  previous: Mention | undefined,
  mention: Mention,
  attributes: readonly AttributePhrase[],
): boolean {
  if (previous?.type !== 'noun' || mention.newcomer || mention.ordinal !== undefined) return false;
  // ", the famous collector Amara Okafor,": the description may close with the name it gives.
  let close = mention.last + 1;
  while (tokens[close]?.capitalized && !tokens[close]!.sentenceStart) close += 1;
  if (tokens[mention.first - 1]?.text !== ',' || tokens[close]?.text !== ',') return false;
  if (!['the', 'a', 'an'].includes(tokens[mention.first]!.lower)) return false;
  // Only the previous person's own description ("with glasses", "in a red coat") may stand between them.
  for (let index = previous.last + 1; index < mention.first - 1; index += 1) {
    const inside = attributes.some((attribute) => attribute.first <= index && index <= attribute.last);
    if (
      !inside &&
      !DESCRIPTION_LINKS.has(tokens[index]!.lower) &&
      !DETERMINERS_OF_ATTRIBUTES.has(tokens[index]!.lower)
    )
      return false;
  }
  return compatible(previous.kind, mention.kind) || GENERIC_HEADS.has(mention.head);
}

const DETERMINERS_OF_ATTRIBUTES: ReadonlySet<string> = new Set(['a', 'an', 'the', 'his', 'her', 'and']);

/** "Sasha, ..." or "Sasha to his friends, ...": the name closes an appositive. */
function nameEndsAppositive(tokens: readonly Token[], last: number): boolean {
  const after = tokens.slice(last + 1, last + 5).map((token) => token.lower);
  if (/^[,.;)]?$/.test(after[0] ?? '')) return true;
  if (after[0] === 'by' && after[1] === 'name') return true;
  return after[0] === 'to' && ['his', 'her', 'their', 'the'].includes(after[1] ?? '') && after[3] === ',';
}

/** Words between a description and the name it is given later ("the baker, whom everyone calls Luis"). */
const NAMING_LINKS: readonly RegExp[] = [
  /(^|, )(whom|who) ([a-z']+ ){0,5}call(s|ed)?$/,
  /(^|, )(whom|who) ([a-z']+ ){0,4}(know|knows|knew) as$/,
  /(^| )(everyone|everybody|people|they|the [a-z]+)( [a-z']+){0,3} (call|calls|know|knows)( as)?$/,
  /(^|, )whose (real |first |full )?name( tag| badge)? (is|reads|says)$/,
  /^(name tag|name badge|badge|nametag|tag) (reads|says)$/,
  /(^|, )(who is |also )?(known|called|named|nicknamed|dubbed) ([a-z']+ ){0,4}as$/,
  /(^|, )(who is |also )?(called|named|nicknamed|dubbed)$/,
  /(^|, )who goes by( the name)?$/,
  /(^|, )who ([a-z']+ ){1,4}(as|under the name)$/,
  /^, (a|an) ([a-z'-]+ ){1,4}(named|called)$/,
  /(^|, |^[a-z]+ )(who )?(introduces|introduced|presents|calls|names) (herself|himself)( as| :)$/,
  /(^|, )(who )?(calls|names) (herself|himself)$/,
  /^\($/,
];

/** The group of the description that a later name is given to, skipping pronouns inside the link. */
function namedEarlier(
  tokens: readonly Token[],
  mentions: readonly Mention[],
  position: number,
  groupOf: ReadonlyMap<Mention, MentionGroup>,
): MentionGroup | undefined {
  return linkedBack(tokens, mentions, position, groupOf, NAMING_LINKS, (group) => !group.properName);
}

/** "Her name is Nora", "the locals call him Bram", "his friends call him Sasha": a name given through a pronoun. */
function namedByPronoun(
  tokens: readonly Token[],
  mentions: readonly Mention[],
  position: number,
  groupOf: ReadonlyMap<Mention, MentionGroup>,
): MentionGroup | undefined {
  const mention = mentions[position]!;
  const previous = mentions[position - 1];
  if (previous?.type !== 'pronoun' || tokens[previous.first]!.sentence !== tokens[mention.first]!.sentence)
    return undefined;
  const between = tokens
    .slice(previous.last + 1, mention.first)
    .map((token) => token.lower)
    .join(' ');
  const before = tokens[previous.first - 1]?.lower ?? '';
  const possessiveName =
    ['his', 'her'].includes(previous.head) &&
    /^(real |first |full )?name( tag| badge)? (is|reads|says)$/.test(between);
  // "He introduces himself as Cole", "she signs her name as Ines".
  const introduced =
    (['he', 'she'].includes(previous.head) &&
      /^(introduces|introduced|presents|calls|names|signs) (himself|herself|his name|her name)( as)?$/.test(
        between,
      )) ||
    (['himself', 'herself'].includes(previous.head) &&
      between === 'as' &&
      /^(introduces|introduced|presents|calls|names)$/.test(tokens[previous.first - 1]?.lower ?? ''));
  const called =
    ['him', 'her'].includes(previous.head) &&
    between === '' &&
    /^(call|calls|called|name|names|named|nickname|nicknamed)$/.test(before);
  // "introduces herself as Sofia's twin sister": a possessive name is someone else's.
  const own = !tokens[mention.last]!.possessive;
  return possessiveName || called || (introduced && own) ? groupOf.get(previous) : undefined;
}

/** "the man, who turns out to be her boss": a description restated by a copula in a relative clause. */
function restated(
  tokens: readonly Token[],
  mentions: readonly Mention[],
  position: number,
  groupOf: ReadonlyMap<Mention, MentionGroup>,
): MentionGroup | undefined {
  if (mentions[position]!.newcomer) return undefined;
  return linkedBack(tokens, mentions, position, groupOf, RESTATING_LINKS, () => true);
}

const RESTATING_LINKS: readonly RegExp[] = [
  /(^|, )who (is|was|turns out to be|turned out to be|is actually|was actually|happens to be|is really)$/,
];

function linkedBack(
  tokens: readonly Token[],
  mentions: readonly Mention[],
  position: number,
  groupOf: ReadonlyMap<Mention, MentionGroup>,
  links: readonly RegExp[],
  accept: (group: MentionGroup) => boolean,
): MentionGroup | undefined {
  const mention = mentions[position]!;
  const sentence = tokens[mention.first]!.sentence;
  for (let back = position - 1; back >= 0; back -= 1) {
    const earlier = mentions[back]!;
    if (tokens[earlier.first]!.sentence !== sentence) return undefined;
    if (earlier.last >= mention.first) continue;
    // "whom the children call Joe", "known to her students as": pronouns and groups inside the link.
    if (earlier.type === 'pronoun' || earlier.nature === 'group') continue;
    const words = tokens
      .slice(earlier.last + 1, mention.first)
      .map((token) => token.lower)
      .filter((word) => word !== '"');
    if (words.length > 12) return undefined;
    // "known as The Great Zoltan": an article opening the name is part of the link.
    const between = words.join(' ').replace(/ the$/, '');
    const group = groupOf.get(earlier);
    return group && accept(group) && links.some((link) => link.test(between)) ? group : undefined;
  }
  return undefined;
}

const DESCRIPTION_LINKS = new Set(['in', 'with', 'wearing', 'who', 'dressed', 'holding', 'carrying']);

/** "the man in the gray coat": a link word right after the mention, then an attribute within a few words. */
function describedAfter(
  tokens: readonly Token[],
  mention: Mention,
  attributes: readonly AttributePhrase[],
): boolean {
  if (!DESCRIPTION_LINKS.has(tokens[mention.last + 1]?.lower ?? '')) return false;
  return attributes.some(
    (attribute) => attribute.first > mention.last + 1 && attribute.first <= mention.last + 5,
  );
}

/** "a hitchhiker, an old man carrying ...": a role restated by a plain description. */
function isRoleThenGeneric(role: Mention, description: Mention): boolean {
  return !GENERIC_HEADS.has(role.head) && GENERIC_HEADS.has(description.head);
}

function isIndefinite(tokens: readonly Token[], mention: Mention): boolean {
  return ['a', 'an'].includes(tokens[mention.first]!.lower);
}

function antecedent(
  groups: readonly MentionGroup[],
  pronoun: Mention,
  tokens: readonly Token[],
): MentionGroup | undefined {
  const sentence = tokens[pronoun.first]!.sentence;
  const earlier = groups.flatMap((group) =>
    group.mentions.filter((mention) => mention.last < pronoun.first).map((mention) => ({ group, mention })),
  );
  const fits = earlier.filter(
    ({ group, mention }) =>
      genderFits(group.kind, pronoun.gender) &&
      mention !== pronoun &&
      naturesFit(group, pronoun) &&
      !possessedAnimal(group, pronoun),
  );
  if (fits.length === 0) return undefined;
  const firstInSentence = !earlier.some(({ mention }) => tokens[mention.first]!.sentence === sentence);
  if (firstInSentence) {
    const lastSentence = Math.max(...fits.map(({ mention }) => tokens[mention.first]!.sentence));
    return fits.find(({ mention }) => tokens[mention.first]!.sentence === lastSentence)!.group;
  }
  const ordered = fits.sort((first, second) => second.mention.last - first.mention.last);
  // "The fisherman watches him go, shaking his head": a participle clause's possessive is the subject's.
  const subject = participleSubject(tokens, pronoun, fits);
  if (subject) return subject;
  // "the coach tosses him a towel": an object pronoun does not point back at the subject of its own clause.
  if (isObjectPronoun(tokens, pronoun)) {
    const nearest = ordered[0]!;
    // "Her brother films her": a possessive inside someone else's description is not that clause's subject.
    const possessor = earlier.some(
      ({ mention }) =>
        mention !== nearest.mention &&
        mention.first <= nearest.mention.first &&
        mention.last >= nearest.mention.last,
    );
    if (possessor) return nearest.group;
    const between = tokens.slice(nearest.mention.last + 1, pronoun.first);
    const sameClause =
      ownsClause(earlier, nearest.group, pronoun, tokens) ||
      !between.some((token) => token.punctuation || token.lower === 'and' || token.lower === 'while');
    if (sameClause) return ordered.find(({ group }) => group !== nearest.group)?.group;
  }
  return ordered[0]!.group;
}

/** The sentence's first mention, for "his"/"her" in a clause opened by ", <verb>ing". */
function participleSubject(
  tokens: readonly Token[],
  pronoun: Mention,
  fits: ReadonlyArray<{ group: MentionGroup; mention: Mention }>,
): MentionGroup | undefined {
  if (pronoun.head !== 'his' && pronoun.head !== 'her') return undefined;
  const sentence = tokens[pronoun.first]!.sentence;
  let comma = pronoun.first - 1;
  while (comma >= 0 && tokens[comma]!.sentence === sentence && tokens[comma]!.text !== ',') comma -= 1;
  const verb = tokens[comma + 1];
  if (comma < 0 || tokens[comma]!.text !== ',' || !verb || !/[a-z]{3,}ing$/.test(verb.lower))
    return undefined;
  if (comma + 2 > pronoun.first) return undefined;
  const subject = [...fits]
    .filter(({ mention }) => tokens[mention.first]!.sentence === sentence)
    .sort((first, second) => first.mention.first - second.mention.first)[0];
  return subject && tokens[subject.mention.first]!.sentenceStart ? subject.group : undefined;
}

/** The sentence's subject, with nobody else named and no comma since, is not the object of its own verbs. */
function ownsClause(
  earlier: ReadonlyArray<{ group: MentionGroup; mention: Mention }>,
  group: MentionGroup,
  pronoun: Mention,
  tokens: readonly Token[],
): boolean {
  const sentence = tokens[pronoun.first]!.sentence;
  const subject = earlier
    .filter(({ mention }) => tokens[mention.first]!.sentence === sentence)
    .sort((first, second) => first.mention.first - second.mention.first)[0];
  if (!subject || subject.group !== group) return false;
  // "whom the band calls Knobs": a group or an "it" is no one a gendered pronoun could mean.
  const others = earlier.some(
    (item) =>
      item.group !== group &&
      item.mention.first > subject.mention.first &&
      (item.mention.nature === undefined || item.mention.nature === pronoun.nature),
  );
  const clause = withoutInsertions(tokens.slice(subject.mention.last + 1, pronoun.first));
  return !others && !clause.some((token) => token.punctuation);
}

/** Drops ", whom the neighbors call X," and ", a tall man," from a clause: the subject stays the subject. */
function withoutInsertions(clause: readonly Token[]): Token[] {
  const kept: Token[] = [];
  for (let index = 0; index < clause.length; index += 1) {
    const token = clause[index]!;
    const next = clause[index + 1]?.lower ?? '';
    const close = clause.findIndex((other, position) => position > index && other.text === ',');
    if (token.text === ',' && INSERTION_OPENERS.has(next) && close > index) {
      index = close;
      continue;
    }
    kept.push(token);
  }
  return kept;
}

const INSERTION_OPENERS: ReadonlySet<string> = new Set([
  'who', 'whom', 'whose', 'known', 'called', 'named', 'nicknamed', 'a', 'an', 'still', 'now',
]); // biome-ignore format: word list

function isObjectPronoun(tokens: readonly Token[], pronoun: Mention): boolean {
  if (pronoun.head === 'him' || pronoun.head === 'them') return true;
  if (pronoun.head !== 'her') return false;
  const next = tokens[pronoun.last + 1];
  if (!next || next.punctuation) return true;
  if (next.tags.has('Noun') || next.tags.has('Adjective')) return false;
  // "on her skates": after a preposition, "her" opens a noun phrase whatever the next word's tag.
  const previous = tokens[pronoun.first - 1];
  if (OBJECT_FOLLOWERS.has(next.lower) || CLOSED_CLASS.some((tag) => next.tags.has(tag))) return true;
  return !previous?.tags.has('Preposition');
}

const CLOSED_CLASS = ['Preposition', 'Determiner', 'Conjunction', 'Adverb'];

const OBJECT_FOLLOWERS: ReadonlySet<string> = new Set([
  'to',
  'up',
  'down',
  'in',
  'out',
  'off',
  'away',
  'back',
  'over',
]);

/** Whether a group of this kind can be called by a pronoun of this gender. */
export function genderFits(kind: EntityKind | undefined, gender: 'female' | 'male' | undefined): boolean {
  if (!gender || !kind || kind === 'person') return true;
  return gender === 'female' ? kind === 'woman' || kind === 'girl' : kind === 'man' || kind === 'boy';
}

function compatible(first: EntityKind | undefined, second: EntityKind | undefined): boolean {
  if (!first || !second || first === 'person' || second === 'person' || first === second) return true;
  // A name's kind comes from its gender only: "Aisha, a small girl" or "Malik, a boy" is one person.
  return sameGender(first, second);
}

function sameGender(first: EntityKind, second: EntityKind): boolean {
  const female = (kind: EntityKind) => kind === 'woman' || kind === 'girl';
  const male = (kind: EntityKind) => kind === 'man' || kind === 'boy';
  return (female(first) && female(second)) || (male(first) && male(second));
}

function strongerKind(current: EntityKind | undefined, mention: Mention): EntityKind | undefined {
  if (!mention.kind) return current;
  if (mention.type === 'noun' || !current || current === 'person') return mention.kind;
  if (mention.type === 'pronoun' && !genderFits(current, mention.gender)) return mention.kind;
  return current;
}

function attributeOwner(
  tokens: readonly Token[],
  mentions: readonly Mention[],
  attribute: AttributePhrase,
): Mention | undefined {
  const sentence = tokens[attribute.first]!.sentence;
  if (mentions.some((mention) => mention.first <= attribute.first && attribute.last <= mention.last))
    return undefined;
  const before = mentions.filter(
    (mention) => mention.last < attribute.first && tokens[mention.first]!.sentence === sentence,
  );
  if (before.length > 0) return before.at(-1);
  return mentions.find(
    (mention) => mention.first > attribute.last && tokens[mention.first]!.sentence === sentence,
  );
}
