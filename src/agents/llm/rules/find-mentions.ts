import type { EntityKind } from '../../../entities/registry.js';
import {
  BODY_SLOTS,
  COLOR_WORDS,
  FEATURE_SLOTS,
  HAIR_STYLES,
  WEARABLE_SLOTS,
} from '../../../entities/registry-vocabulary.js';
import {
  ANIMAL_NOUNS,
  COLLECTIVE_NOUNS,
  isPluralAgent,
  isPluralBeing,
  type Nature,
  QUANTIFIERS,
  QUANTITY_NOUNS,
} from './creatures-and-groups.js';
import {
  DEFINITE_DETERMINERS,
  DETERMINERS,
  EXTRA_BODY,
  EXTRA_WEARABLES,
  HAIR_LINKS,
  NEWCOMER_WORDS,
  NOT_NAMES,
  PERSON_ADJECTIVE_ATTRIBUTES,
  PERSON_NOUNS,
  PLACE_PREPOSITIONS,
  PRONOUNS,
  personNounKind,
  TITLES,
  WEARABLE_MODIFIERS,
} from './lexicon.js';
import { isLexiconActor, type Token } from './tokenize.js';

/** An attribute phrase found in the prompt. */
export interface AttributePhrase {
  /** Normalised phrase, e.g. `gray scarf`. */
  text: string;
  /** First and last token of the phrase as written. */
  first: number;
  last: number;
}

/** A reference to a person found in the prompt. */
export interface Mention {
  type: 'name' | 'noun' | 'pronoun';
  /** First and last token of the mention (determiner to head noun, title to last name). */
  first: number;
  last: number;
  /** Head word, lower case: `man`, `fisherman`, the pronoun, or the name. */
  head: string;
  /** Kind the words imply, undefined when they do not say (most names, neutral roles). */
  kind: EntityKind | undefined;
  /** Gender a pronoun requires. */
  gender?: 'female' | 'male';
  /** `the man`, `this woman`, `her daughter`. */
  definite: boolean;
  /** The determiner that opens a noun phrase, lower case (`the`, `a`, `her`); absent without one. */
  determiner?: string;
  /** Carries a newcomer word (`another`, `a second`); a definite phrase (`the second man`) never does. */
  newcomer: boolean;
  /** Position a definite ordinal gives (`the first man` 1, `the second vet` 2): the n-th such person met. */
  ordinal?: number;
  /** Proper name as written, for name mentions. */
  properName?: string;
  /** Attributes given inside the noun phrase (`a tall red-haired woman`). */
  attrs: AttributePhrase[];
  /** Lower-case words between the determiner and the head (`taller` in `the taller twin`). */
  words?: string[];
  /** An animal or machine (`a scruffy dog`, `it`) or a group (`three scouts`, `the crew`, `they`); absent for people. */
  nature?: Nature;
}

/** Pronouns of an animal or machine, and of a group; each only ever means one of those. */
const NATURE_PRONOUNS: ReadonlyMap<string, Nature> = new Map([
  ['it', 'animal'],
  ['its', 'animal'],
  ['itself', 'animal'],
  ['they', 'group'],
  ['them', 'group'],
  ['their', 'group'],
  ['themselves', 'group'],
]);

/** Finds names, person noun phrases and pronouns, in text order. */
export function findMentions(
  tokens: readonly Token[],
  knownNames: ReadonlySet<string>,
  knownHeads: ReadonlySet<string> = new Set(),
): Mention[] {
  const mentions: Mention[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.punctuation) continue;
    const pronoun = PRONOUNS.get(token.lower);
    if (pronoun) {
      const kind = pronoun === 'female' ? 'woman' : 'man';
      mentions.push({ type: 'pronoun', first: index, last: index, head: token.lower, kind, gender: pronoun, definite: true, newcomer: false, attrs: [] }); // biome-ignore format: one record
      continue;
    }
    const nature = NATURE_PRONOUNS.get(token.lower);
    if (nature) {
      mentions.push({ type: 'pronoun', first: index, last: index, head: token.lower, kind: undefined, definite: true, newcomer: false, attrs: [], nature }); // biome-ignore format: one record
      continue;
    }
    const group = groupPhrase(tokens, index);
    if (group) {
      mentions.push(group);
      continue;
    }
    const one = onePhrase(tokens, index);
    if (one) {
      mentions.push(one);
      continue;
    }
    if (isAnimal(tokens, index)) {
      mentions.push(animalPhrase(tokens, index));
      continue;
    }
    const kind =
      PERSON_NOUNS.get(token.lower) ??
      (token.tags.has('Noun') && !token.tags.has('Plural') && !token.capitalized
        ? (personNounKind(token.lower) ??
          actorKind(tokens, index) ??
          // "an old weaver with a wrinkled face ... The weaver drapes a shawl": a head someone was called by.
          (knownHeads.has(token.lower) && DEFINITE_DETERMINERS.has(tokens[index - 1]?.lower ?? '')
            ? 'person'
            : undefined))
        : undefined);
    const titled =
      TITLES.has(token.lower) &&
      token.capitalized &&
      (tokens[index + 1]?.text === '.' || tokens[index + 1]?.capitalized === true);
    if (kind && DEPICTIONS.has(token.lower) && tokens[index + 1]?.lower === 'of') continue;
    if (kind && !titled && (!token.capitalized || token.sentenceStart) && !modifiesNoun(tokens, index)) {
      mentions.push(nounPhrase(tokens, index, kind));
      continue;
    }
    if (!isNameStart(tokens, index, knownNames)) continue;
    let last = index;
    if (titled && tokens[last + 1]?.text === '.') last += 1;
    while (tokens[last + 1] && isNameContinuation(tokens[last + 1]!)) last += 1;
    const text = tokens
      .slice(index, last + 1)
      .map((part) => part.text)
      .join(' ')
      .replace(/ \./g, '.');
    const tags = tokens[last]!.tags.size > 0 ? tokens[last]!.tags : token.tags;
    const titleKind = titled ? TITLES.get(token.lower) : undefined;
    const nameKind = tags.has('FemaleName') ? 'woman' : tags.has('MaleName') ? 'man' : undefined;
    mentions.push({
      type: 'name',
      first: index,
      last,
      head: text.toLowerCase(),
      kind: titleKind && titleKind !== 'person' ? titleKind : nameKind,
      definite: true,
      newcomer: false,
      properName: text,
      attrs: [],
    });
    index = last;
  }
  return mentions;
}

/**
 * A person noun the word list lacks: one compromise's lexicon tags as an actor ("the attorney", "the champion"),
 * or an agent noun in -er that opens a sentence or clause as the subject of a verb ("The rescuer lowers the rope",
 * "Later, the trapper returns").
 */
function actorKind(tokens: readonly Token[], index: number): EntityKind | undefined {
  const token = tokens[index]!;
  const word = token.lower;
  if (NOT_ACTORS.has(word) || isVocabulary(word) || isWearable(word)) return undefined;
  if (isLexiconActor(word)) return 'person';
  if (namesFollow(tokens, index)) return 'person';
  if (describedAsPerson(tokens, index)) return 'person';
  // "the famous collector Amara Okafor": an agent noun right before a name is a title-like description of her.
  const named = tokens[index + 1];
  if (
    /^[a-z]{3,}(er|or|ist|ian|ant)$/.test(word) &&
    named?.capitalized === true &&
    !named.sentenceStart &&
    DETERMINERS.has(tokens[index - 1]?.lower ?? '') === false &&
    tokens.slice(Math.max(0, index - 4), index).some((token) => token.lower === 'the')
  )
    return 'person';
  const next = tokens[index + 1];
  const subject =
    /^[a-z]{3,}(er|ant|ent|ist)$/.test(word) &&
    DEFINITE_DETERMINERS.has(tokens[index - 1]?.lower ?? '') &&
    (tokens[index - 1]!.sentenceStart || tokens[index - 2]?.punctuation === true) &&
    next?.tags.has('Verb') === true &&
    next.tags.has('PresentTense') &&
    /[^s]s$/.test(next.lower);
  return subject ? 'person' : undefined;
}

/**
 * "an old weaver with a wrinkled face", "a fiddler with a ginger beard", "a luthier in a leather apron": an agent
 * noun (-er, -or, -ist, -ian) introduced with a face, hair or clothing of its own is a person.
 */
function describedAsPerson(tokens: readonly Token[], index: number): boolean {
  if (!/^[a-z]{3,}(er|or|ist|ian)$/.test(tokens[index]!.lower)) return false;
  let first = index - 1;
  while (first >= 0 && isAdjective(tokens[first]!)) first -= 1;
  if (!['a', 'an', 'the'].includes(tokens[first]?.lower ?? '')) return false;
  if (!['with', 'in'].includes(tokens[index + 1]?.lower ?? '')) return false;
  for (const token of tokens.slice(index + 2, index + 6)) {
    if (token.punctuation) return false;
    const word = token.lower;
    if (FEATURE_SLOTS.has(word) || HAIR_STYLES.has(word) || ['hair', 'face'].includes(word)) return true;
    if (isWearable(word)) return true;
  }
  return false;
}

/**
 * "the smith, whose name is Goran", "the keeper, whom everyone calls Nils", "a busker named Leo", "Vera (the
 * busker)": whatever the noun, a name given to it or a name it glosses makes it a person.
 */
function namesFollow(tokens: readonly Token[], index: number): boolean {
  const before = tokens[index - 1]?.lower ?? '';
  if (!['the', 'a', 'an'].includes(before) && !tokens[index - 1]?.tags.has('Adjective')) return false;
  const after = tokens
    .slice(index + 1, index + 4)
    .map((token) => token.lower)
    .join(' ');
  if (/^, (whose (real |first |full )?name|whom|known as|called|nicknamed|who goes by)\b/.test(after))
    return true;
  const next = tokens[index + 1];
  if (['named', 'called'].includes(next?.lower ?? '') && tokens[index + 2]?.capitalized) return true;
  // "Vera (the busker)": a gloss in brackets right after a name.
  let open = index - 1;
  while (open > 0 && tokens[open]!.text !== '(' && index - open <= 4) open -= 1;
  return (
    tokens[open]?.text === '(' && tokens[open - 1]?.capitalized === true && tokens[index + 1]?.text === ')'
  );
}

/** Words compromise tags as actors that are not one visible person. */
const NOT_ACTORS: ReadonlySet<string> = new Set(
  `phrase character pawn spirit soul god goddess ghost phantom apparition icon idol maker user population human
   nobody anybody somebody deity enemy foe winner loser native kin offspring progeny bros beings citizens`.split(
    /\s+/,
  ),
);

function nounPhrase(tokens: readonly Token[], head: number, kind: EntityKind): Mention {
  const attrs: AttributePhrase[] = [];
  let first = head;
  let definite = false;
  let newcomer = false;
  let determiner: string | undefined;
  for (let index = head - 1; index >= 0; index -= 1) {
    const token = tokens[index]!;
    if (token.punctuation || token.sentence !== tokens[head]!.sentence) break;
    const word = token.lower;
    if (DETERMINERS.has(word) || DEFINITE_DETERMINERS.has(word)) {
      first = index;
      definite = DEFINITE_DETERMINERS.has(word);
      determiner = word;
      if (word === 'another') newcomer = true;
      break;
    }
    if (token.possessive && ['a', 'an'].includes(tokens[index - 1]?.lower ?? '') && index === head - 1) {
      first = index - 1;
      determiner = tokens[index - 1]!.lower;
      break;
    }
    const attribute = personAdjectiveAttribute(word);
    if (NEWCOMER_WORDS.has(word)) newcomer = true;
    else if (attribute) attrs.unshift({ text: attribute, first: index, last: index });
    else if (!isAdjective(token) && !isCompoundNoun(token)) break;
    first = index;
  }
  const word = tokens[head]!.lower;
  if (determiner === undefined && first === head && BARE_KIN.has(word)) {
    const before = tokens[head - 1];
    if (!before || before.punctuation || before.lower === 'and' || tokens[head]!.sentenceStart) {
      definite = true;
      determiner = 'the';
    }
  }
  let ordinal: number | undefined;
  if (definite) {
    // "the second old man", "the new vet": a definite phrase points back at someone already introduced.
    newcomer = false;
    for (let index = first; index < head; index += 1) {
      const position = ORDINALS.indexOf(tokens[index]!.lower);
      if (position >= 0) ordinal = position + 1;
      // "A boy ... Another boy ... the other boy": the other of a pair is the second met.
      if (tokens[index]!.lower === 'other' && determiner === 'the' && index === first + 1) ordinal = 2;
    }
  }
  if (word === 'redhead') attrs.push({ text: 'red hair', first: head, last: head });
  const mention: Mention = { type: 'noun', first, last: head, head: word, kind: kind === 'person' ? undefined : kind, definite, newcomer, attrs }; // biome-ignore format: one record
  if (ordinal !== undefined) mention.ordinal = ordinal;
  if (determiner) mention.determiner = determiner;
  mention.words = tokens.slice(first, head).map((token) => token.lower);
  return mention;
}

/**
 * "three scouts", "a dozen hens", "a class of schoolchildren", "the firefighters", "their helpers", "the crew", "a
 * full orchestra": people or animals counted or taken together, one character of the story.
 */
function groupPhrase(tokens: readonly Token[], index: number): Mention | undefined {
  const token = tokens[index]!;
  if (token.capitalized && !token.sentenceStart) return undefined;
  const word = token.lower;
  const collective =
    COLLECTIVE_NOUNS.has(word) && tokens[index + 1]?.lower !== 'of' && !token.tags.has('Verb');
  // "four carolers", "three volunteers": after a count, an agent noun in the plural is people whatever its tag.
  const previous = tokens[index - 1]?.lower ?? '';
  const counted =
    QUANTIFIERS.has(previous) ||
    previous === 'the' ||
    (previous === 'of' && QUANTITY_NOUNS.has(tokens[index - 2]?.lower ?? ''));
  const agents = counted && isPluralAgent(word, token.tags.has('Verb'));
  const tagged = !token.tags.has('Verb') && !token.tags.has('Adjective');
  const plural = (isPluralBeing(word) && (tagged || counted)) || agents;
  if (!collective && !plural) return undefined;
  let first = index;
  while (first > 0 && isAdjective(tokens[first - 1]!) && !QUANTIFIERS.has(tokens[first - 1]!.lower))
    first -= 1;
  const before = tokens[first - 1];
  if (!before || before.punctuation || before.sentence !== token.sentence) return undefined;
  let opener: number | undefined;
  if (plural && QUANTIFIERS.has(before.lower)) {
    opener = first - 1;
    if (['a', 'the', 'these', 'those', 'their'].includes(tokens[opener - 1]?.lower ?? '')) opener -= 1;
  } else if (plural && before.lower === 'of' && QUANTITY_NOUNS.has(tokens[first - 2]?.lower ?? '')) {
    opener = first - 2;
    while (opener > 0 && isAdjective(tokens[opener - 1]!)) opener -= 1;
    if (DETERMINERS.has(tokens[opener - 1]?.lower ?? '')) opener -= 1;
  } else if (['the', 'these', 'those', 'their', 'his', 'her', 'a', 'an'].includes(before.lower)) {
    if (plural && ['a', 'an'].includes(before.lower)) return undefined;
    opener = first - 1;
  }
  if (opener === undefined) return undefined;
  const determiner = tokens[opener]!.lower;
  const definite = ['the', 'these', 'those', 'their', 'his', 'her'].includes(determiner);
  return { type: 'noun', first: opener, last: index, head: word, kind: undefined, definite, determiner, newcomer: false, attrs: [], nature: 'group' }; // biome-ignore format: one record
}

/**
 * "the second one", "the one on the left", "the one with the torn ear", "the little one": a definite "one" standing
 * for someone met (a person or an animal), told apart by an ordinal, a position or a description.
 */
function onePhrase(tokens: readonly Token[], index: number): Mention | undefined {
  if (tokens[index]!.lower !== 'one' || tokens[index + 1]?.lower === 'of') return undefined;
  let first = index;
  while (first > 0 && (isAdjective(tokens[first - 1]!) || ORDINALS.includes(tokens[first - 1]!.lower)))
    first -= 1;
  if (tokens[first - 1]?.lower !== 'the') return undefined;
  const mention = nounPhrase(tokens, index, 'person');
  return { ...mention, head: 'one' };
}

/** "a scruffy brown dog", "the robot", "his border collie": an animal or machine (not "the dog walker"). */
function isAnimal(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index]!;
  if (!ANIMAL_NOUNS.has(token.lower) || (token.capitalized && !token.sentenceStart)) return false;
  // "a stuffed rabbit", "a toy robot", "a stone lion": a thing shaped like an animal.
  if (OBJECT_MAKERS.has(tokens[index - 1]?.lower ?? '')) return false;
  if (token.tags.has('Verb') && !token.tags.has('Noun')) return false;
  const next = tokens[index + 1];
  // "the dog walker", "the elephant yard": the animal only modifies the next noun.
  if (token.possessive || !next || next.punctuation) return true;
  // "dinosaur pajamas", "a tiger costume": a pattern or a costume.
  if (WEARABLE_SLOTS.has(next.lower) || EXTRA_WEARABLES.has(next.lower)) return false;
  return !(
    next.tags.has('Noun') &&
    !next.tags.has('Verb') &&
    !next.tags.has('Pronoun') &&
    !/[^s]s$/.test(next.lower)
  );
}

/** Words that make an animal noun a thing. */
const OBJECT_MAKERS: ReadonlySet<string> = new Set(
  'stuffed toy plush cuddly wooden stone paper rubber porcelain china plastic inflatable clay bronze marble cardboard origami'.split(
    ' ',
  ),
);

/** An animal's noun phrase; its adjectives ("scruffy", "brown", "young") are its attributes. */
function animalPhrase(tokens: readonly Token[], head: number): Mention {
  const mention = nounPhrase(tokens, head, 'person');
  for (let index = mention.first; index < head; index += 1) {
    const token = tokens[index]!;
    const taken = mention.attrs.some((attribute) => attribute.first <= index && index <= attribute.last);
    if (taken || NEWCOMER_WORDS.has(token.lower) || ORDINALS.includes(token.lower)) continue;
    if (COLOR_WORDS.has(token.lower) || token.tags.has('Adjective'))
      mention.attrs.push({ text: token.lower, first: index, last: index });
  }
  mention.attrs.sort((first, second) => first.first - second.first);
  return { ...mention, nature: 'animal' };
}

/** "a small figure of Bertrand", "the silhouette of a ship": a picture or shape of something, not a person. */
const DEPICTIONS: ReadonlySet<string> = new Set(['figure', 'silhouette', 'statue', 'portrait', 'picture']);

/** Kin nouns that stand without a determiner like a name ("Mother and son sit down", "Grandfather waves"). */
const BARE_KIN: ReadonlySet<string> = new Set(
  'mother father mom dad mum grandfather grandmother grandpa grandma granny son daughter grandson granddaughter brother sister uncle aunt'.split(
    ' ',
  ),
);

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

const COMPOUND_FEATURES: Readonly<Record<string, string>> = {
  haired: 'hair',
  eyed: 'eyes',
  skinned: 'skin',
  bearded: 'beard',
  mustached: 'mustache',
};

function personAdjectiveAttribute(word: string): string | undefined {
  const direct = PERSON_ADJECTIVE_ATTRIBUTES.get(word);
  if (direct) return direct;
  if (BODY_SLOTS.has(word) || EXTRA_BODY.has(word)) return word;
  const compound = /^(.+)-(haired|eyed|skinned|bearded|mustached)$/.exec(word);
  if (compound) return `${compound[1]} ${COMPOUND_FEATURES[compound[2]!]}`;
  return undefined;
}

function isAdjective(token: Token): boolean {
  return (
    token.tags.has('Adjective') ||
    token.tags.has('Ordinal') ||
    COLOR_WORDS.has(token.lower) ||
    /-/.test(token.lower) ||
    (token.tags.has('PastTense') && /ed$/.test(token.lower))
  );
}

/** "a knight costume", "the passenger seat", "a cowboy hat": a person noun that only modifies the next noun. */
function modifiesNoun(tokens: readonly Token[], index: number): boolean {
  const next = tokens[index + 1];
  if (!next) return false;
  const wearable =
    (WEARABLE_SLOTS.has(next.lower) || EXTRA_WEARABLES.has(next.lower)) && !next.tags.has('Verb');
  // "a chef's hat", "a sailor's cap": an indefinite possessive names a kind of clothing, not its owner.
  if (tokens[index]!.possessive) {
    // "a farmer's daughter": an indefinite possessor only says whose daughter she is.
    const kin = PERSON_NOUNS.has(next.lower) && !next.capitalized;
    // "a dressmaker's dummy", "with commander's stripes": whose kind of thing it is, not someone there; a body
    // part ("a man's hand") keeps its owner.
    const thing =
      !next.capitalized &&
      !next.punctuation &&
      // compromise tags some nouns after a possessive as adjectives ("a dressmaker's dummy").
      (next.tags.has('Noun') || next.tags.has('Adjective')) &&
      !next.tags.has('Verb') &&
      !kin &&
      !BODY_SLOTS.has(next.lower) &&
      !FEATURE_SLOTS.has(next.lower) &&
      !EXTRA_BODY.has(next.lower) &&
      !OWNED_BY_SOMEONE_THERE.has(next.lower);
    const previous = tokens[index - 1];
    const bare = !previous || previous.punctuation || PREPOSITION_OR_VERB(previous);
    return ((wearable || kin || thing) && ['a', 'an'].includes(previous?.lower ?? '')) || (bare && thing);
  }
  // "a vacuum cleaner", "a record player": a machine; "a cleaner", "the accordion player": a person.
  if (MACHINE_MODIFIERS.get(tokens[index]!.lower)?.includes(tokens[index - 1]?.lower ?? '')) return true;
  // "the veteran detective", "a rookie cop": the first person noun only modifies the second.
  const person = !next.capitalized && !next.possessive && PERSON_NOUNS.has(next.lower);
  // "a guide dog", "the police horse": a person noun before an animal names its kind.
  const animal = ANIMAL_NOUNS.has(next.lower) && !next.tags.has('Verb');
  return wearable || person || animal || COMPOUND_HEADS.has(next.lower);
}

/** Things a possessor has with them on screen ("a man's voice", "a child's hand"). */
const OWNED_BY_SOMEONE_THERE: ReadonlySet<string> = new Set(
  'voice hand hands arm arms shoulder shoulders head face eyes laugh shadow silhouette footsteps'.split(' '),
);

function PREPOSITION_OR_VERB(token: Token): boolean {
  return token.tags.has('Preposition') || (token.tags.has('Verb') && !token.tags.has('Noun'));
}

/** Person nouns that are machines after these words. */
const MACHINE_MODIFIERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['cleaner', ['vacuum', 'glass', 'floor']],
  ['player', ['record', 'cd', 'dvd', 'mp3', 'music', 'video', 'media', 'cassette', 'tape']],
]);

/** Nouns that a person noun before them only modifies ("the passenger seat", "a knight costume"). */
const COMPOUND_HEADS: ReadonlySet<string> = new Set(
  'seat seats costume uniform outfit badge license licence door window cabin booth station school'.split(' '),
);

/** "a security guard", "a delivery boy": a lower-case common noun before the head. */
function isCompoundNoun(token: Token): boolean {
  return (
    token.tags.has('Noun') &&
    !token.capitalized &&
    !token.possessive &&
    !PRONOUNS.has(token.lower) &&
    !token.tags.has('Plural')
  );
}

const NAMING_WORDS: ReadonlySet<string> = new Set([
  'named',
  'called',
  'call',
  'calls',
  'nicknamed',
  'dubbed',
  'as',
]);

function isNameStart(tokens: readonly Token[], index: number, knownNames: ReadonlySet<string>): boolean {
  const token = tokens[index]!;
  if (!token.capitalized || NOT_NAMES.has(token.lower)) return false;
  // "an IV stand", "the TV": an abbreviation, not a name.
  if (/^[A-Z]{2,4}$/.test(token.text)) return false;
  // "whom the neighbors call Professor", "known as Doc": after a naming word any capitalised word is a name.
  const before = tokens[index - 1]?.lower ?? '';
  if (!token.sentenceStart && NAMING_WORDS.has(before)) return true;
  if (knownNames.has(token.lower) && !token.sentenceStart) return true;
  if (TITLES.has(token.lower))
    return tokens[index + 1]?.text === '.' || tokens[index + 1]?.capitalized === true;
  const next = tokens[index + 1];
  // "Amber, a tall woman", "Violet waves", "Olive smiles": a colour word is a name only where nothing else fits.
  if (COLOR_WORDS.has(token.lower) && !isVocabularyBesidesColours(token.lower)) {
    return (
      knownNames.has(token.lower) ||
      glossedAsPerson(tokens, index) ||
      (token.sentenceStart && PERSON_VERBS.has(next?.lower ?? ''))
    );
  }
  if (isVocabulary(token.lower)) return false;
  if (knownNames.has(token.lower)) return true;
  // "a Hawaiian shirt", "a Panama hat": a capitalised word before clothing describes the clothing.
  if (WEARABLE_SLOTS.has(tokens[index + 1]?.lower ?? '')) return false;
  const previous = tokens[index - 1];
  if (previous && !previous.punctuation && PLACE_PREPOSITIONS.has(previous.lower)) return false;
  // "it is Saturn", "that was Paris": a name said of a thing.
  if (
    ['is', 'was', "'s"].includes(previous?.lower ?? '') &&
    ['it', 'that', 'this'].includes(tokens[index - 2]?.lower ?? '')
  )
    return false;
  // "named June", "June, a stocky woman": the context makes it a name whatever the word also means.
  if (previous && (previous.lower === 'named' || previous.lower === 'called')) return true;
  if (glossedAsPerson(tokens, index)) return true;
  const tags = token.tags;
  if (['Place', 'Organization', 'Date', 'Month', 'WeekDay', 'Country', 'City'].some((tag) => tags.has(tag))) {
    return false;
  }
  if (tags.has('Person') || tags.has('FirstName') || tags.has('LastName')) return true;
  // "the Ferris wheel", "an Eiffel keyring": after an article, a capitalised word before a noun names a thing.
  if (['the', 'a', 'an'].includes(previous?.lower ?? '') && next && modifierOf(next)) return false;
  if (!token.sentenceStart) return !tags.has('Pronoun');
  if (tags.has('Plural')) return false;
  // "Autumn leaves drift", "Halfway over, ...": an unknown first word before a noun or an adjective is no name;
  // but a plural noun with no verb after it is the sentence's verb ("Ravi waits.", "Ravi waits by the door").
  if (next && modifierOf(next) && !pluralAsVerb(tokens, index + 1)) return false;
  if (!token.known && (tags.size === 0 || tags.has('Noun') || tags.has('ProperNoun'))) return true;
  // "Maya leaves the room", "Rose smiles": a name the lexicon also knows as a countable noun. Such a noun cannot
  // stand bare as a sentence's subject, so before a verb only a person does it is a name ("Snow falls", "Dawn
  // breaks": a mass noun, or a verb a thing does, stays no name).
  return tags.has('Singular') && !tags.has('Uncountable') && PERSON_VERBS.has(next?.lower ?? '');
}

/** Verbs (third person) that only a person does: after a bare noun at a sentence's start they make it a name. */
const PERSON_VERBS: ReadonlySet<string> = new Set(
  (
    'walks leaves enters exits sits stands smiles laughs waves nods grins frowns sighs shrugs winks talks speaks ' +
    'says asks answers replies whispers shouts sings reads writes types eats drinks cooks sleeps wakes kneels ' +
    'climbs hugs kisses greets meets hands holds carries wears opens closes looks glances stares watches listens ' +
    'waits steps strolls wanders hurries arrives returns jogs paces leans points reaches grabs lifts pushes pulls ' +
    'throws catches kicks paints cries weeps blinks yawns stretches checks adjusts knocks unlocks sketches'
  ).split(' '),
);

/** "June, a stocky woman", "Amber, a tall woman": the word right before a comma and a person appositive. */
function glossedAsPerson(tokens: readonly Token[], index: number): boolean {
  return tokens[index + 1]?.text === ',' && personAppositive(tokens, index + 2);
}

/** A word tagged as a plural noun ("waits", "walks") that must be the verb: no verb follows it. */
function pluralAsVerb(tokens: readonly Token[], index: number): boolean {
  const after = tokens[index + 1];
  return tokens[index]!.tags.has('Plural') && (!after || after.punctuation || !after.tags.has('Verb'));
}

/** A lower-case noun or adjective that is not a verb: what follows a word that only modifies it. */
function modifierOf(next: Token): boolean {
  return (
    !next.punctuation &&
    !next.capitalized &&
    !next.possessive &&
    (next.tags.has('Noun') || next.tags.has('Adjective')) &&
    !next.tags.has('Verb') &&
    !next.tags.has('Pronoun') &&
    !next.tags.has('Preposition') &&
    !PERSON_NOUNS.has(next.lower)
  );
}

/** "a stocky woman", "an old farmhand": an indefinite article, a few modifiers, then a person noun. */
function personAppositive(tokens: readonly Token[], start: number): boolean {
  if (!['a', 'an'].includes(tokens[start]?.lower ?? '')) return false;
  for (let index = start + 1; index <= start + 4 && index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.punctuation) return false;
    if (PERSON_NOUNS.has(token.lower)) return true;
  }
  return false;
}

function isNameContinuation(token: Token): boolean {
  return token.capitalized && !token.punctuation && !token.sentenceStart && !isVocabulary(token.lower);
}

function isVocabulary(word: string): boolean {
  return COLOR_WORDS.has(word) || isVocabularyBesidesColours(word);
}

function isVocabularyBesidesColours(word: string): boolean {
  return (
    PERSON_NOUNS.has(word) ||
    PRONOUNS.has(word) ||
    WEARABLE_SLOTS.has(word) ||
    DETERMINERS.has(word) ||
    NEWCOMER_WORDS.has(word)
  );
}

/** Finds clothing, accessory, hair and face phrases with their modifiers. */
export function findAttributes(tokens: readonly Token[]): AttributePhrase[] {
  const phrases: AttributePhrase[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    const word = token.lower;
    const isHair = word === 'hair' || HAIR_STYLES.has(word);
    if (!isHair && !FEATURE_SLOTS.has(word) && !isWearable(word)) continue;
    if (word === 'ring' && tokens[index - 1]?.lower !== 'nose' && !tokens[index - 1]?.tags.has('Adjective'))
      continue;
    // "stops to tie his shoe": a verb, not a tie.
    if (token.tags.has('Verb') && tokens[index - 1]?.lower === 'to') continue;
    // "the old mountaineer ties a rope": a person noun, then the verb of which it is the subject.
    const subject = tokens[index - 1];
    if (
      /s$/.test(word) &&
      subject &&
      !subject.possessive &&
      PERSON_NOUNS.has(subject.lower) &&
      DETERMINERS_BEFORE.has(tokens[index + 1]?.lower ?? '')
    )
      continue;
    // "the barber trims the beard", "she straightens the tie": the object of a verb is not worn by its subject.
    if (
      tokens[index - 1]?.lower === 'the' &&
      tokens[index - 2]?.tags.has('Verb') &&
      !WEAR_VERBS.has(tokens[index - 2]!.lower)
    )
      continue;
    // "the camera slowly zooms in": a shot direction, not a camera someone carries.
    if (word === 'camera' && tokens[index - 1]?.lower === 'the') continue;
    // "a tray of glasses", "at the top": things and places, not clothing.
    if (tokens[index - 1]?.lower === 'of' && !tokens[index - 2]?.tags.has('Adjective')) continue;
    if (word === 'top' && WEARABLE_SLOTS.has(tokens[index + 1]?.lower ?? '')) continue;
    // "tote bag", "rain boots": a wearable word before another of its slot only modifies it.
    if (sameSlotCompound(word, tokens[index + 1]?.lower)) continue;
    if (tokens[index + 1]?.lower === 'of') continue;
    if (word === 'watch' && token.tags.has('Verb') && !DETERMINERS.has(tokens[index - 1]?.lower ?? ''))
      continue;
    let first = index;
    for (let back = index - 1; back >= 0; back -= 1) {
      const modifier = tokens[back]!;
      if (modifier.punctuation || modifier.possessive) break;
      const lower = modifier.lower;
      const parts = lower.split('-');
      const colorCompound =
        parts.some((part) => COLOR_WORDS.has(part)) &&
        parts.every((part) => COLOR_WORDS.has(part) || part === 'and');
      const joinsColors = lower === 'and' && COLOR_WORDS.has(tokens[back - 1]?.lower ?? '');
      const compound = sameSlotCompound(lower, tokens[back + 1]?.lower);
      // "a knight costume", "a Hawaiian shirt": a noun or a proper adjective right before the clothing.
      const adjoining =
        back === index - 1 && (PERSON_NOUNS.has(lower) || (modifier.capitalized && !modifier.sentenceStart));
      if (
        COLOR_WORDS.has(lower) ||
        colorCompound ||
        joinsColors ||
        compound ||
        adjoining ||
        isWearableModifier(modifier)
      )
        first = back;
      else break;
    }
    const words = tokens.slice(first, index + 1).map((part) => part.lower);
    // "her hair is now silver", "whose beard has turned white", "his coat is red": a colour said afterwards.
    const uncolored = !words.some((part) => COLOR_WORDS.has(part));
    if (uncolored && (word === 'hair' || FEATURE_SLOTS.has(word) || WEARABLE_SLOTS.has(word))) {
      const color = predicateColor(tokens, index);
      if (color !== undefined) {
        phrases.push({
          text: [...words.slice(0, -1), tokens[color]!.lower, word].join(' '),
          first,
          last: color,
        });
        index = color;
        continue;
      }
    }
    if (words.length === 1 && word === 'hair') continue;
    if (word === 'top' && words.every((part) => part === 'top' || SIZE_WORDS.has(part))) continue;
    phrases.push({ text: words.filter((part) => part !== 'new').join(' '), first, last: index });
  }
  return phrases;
}

/** Verbs whose object is worn or carried by their subject. */
const WEAR_VERBS: ReadonlySet<string> = new Set(
  'wears wearing wore has had holds holding carries carrying sports sporting dons'.split(' '),
);

/** Words that open the object of a verb ("ties a rope", "watches the sea"). */
const DETERMINERS_BEFORE: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'his',
  'her',
  'their',
  'its',
  'up',
  'down',
]);

const SIZE_WORDS: ReadonlySet<string> = new Set(['big', 'small', 'large', 'tiny', 'high', 'very', 'flat']);

/** Clothing and accessories, and their plurals ("bracelets", "necklaces"). */
function isWearable(word: string): boolean {
  if (WEARABLE_SLOTS.has(word) || EXTRA_WEARABLES.has(word)) return true;
  const singular = word.endsWith('s') ? word.slice(0, -1) : '';
  return singular.length > 2 && (WEARABLE_SLOTS.has(singular) || EXTRA_WEARABLES.has(singular));
}

function sameSlotCompound(word: string, next: string | undefined): boolean {
  const slot = WEARABLE_SLOTS.get(word);
  return slot !== undefined && next !== undefined && WEARABLE_SLOTS.get(next) === slot;
}

const NOT_MODIFIERS: ReadonlySet<string> = new Set([
  'new',
  'other',
  'own',
  'same',
  'only',
  'favorite',
  'usual',
]);

function isWearableModifier(token: Token): boolean {
  if (WEARABLE_MODIFIERS.has(token.lower)) return true;
  if (NOT_MODIFIERS.has(token.lower) || token.tags.has('Determiner') || token.tags.has('Pronoun'))
    return false;
  return (
    /^[a-z]+-[a-z-]+$/.test(token.lower) ||
    token.tags.has('Adjective') ||
    /^[a-z]+ed$/.test(token.lower) ||
    // "a flight suit", "a morning coat": a plain noun compounded with the clothing.
    (token.tags.has('Noun') &&
      !token.tags.has('Plural') &&
      !token.capitalized &&
      !personNounKind(token.lower))
  );
}

function predicateColor(tokens: readonly Token[], hair: number): number | undefined {
  for (let index = hair + 1; index <= hair + 3 && index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (COLOR_WORDS.has(token.lower)) return index;
    if (!HAIR_LINKS.has(token.lower)) return undefined;
  }
  return undefined;
}
