import { PERSON_NOUNS, personNounKind } from './lexicon.js';
import { isKnownWord, isLexiconActor } from './tokenize.js';

/**
 * What a character is besides a person: an animal or machine that acts in the story ("a scruffy dog", "the
 * robot"), or a group that acts as one ("three scouts", "the crew"). Undefined: a person, or not said (a name, "he").
 */
export type Nature = 'animal' | 'group';

function list(text: string): ReadonlySet<string> {
  return new Set(text.trim().split(/\s+/));
}

/** Animals, and machines that act like characters; singular nouns. */
export const ANIMAL_NOUNS: ReadonlySet<string> = list(`
  dog puppy pup hound mutt cat kitten kitty tomcat horse stallion mare pony foal colt filly donkey mule cow bull
  calf ox lamb ram ewe goat kid-goat pig piglet hog boar chicken hen rooster chick duck duckling goose
  gander swan parrot parakeet budgie cockatoo macaw bird owl eagle hawk falcon crow raven magpie pigeon dove
  seagull gull heron stork crane flamingo pelican penguin fox vixen wolf bear cub stag doe fawn moose elk
  elephant lion lioness tiger leopard cheetah panther jaguar monkey ape gorilla chimpanzee orangutan baboon
  rabbit bunny hare hamster guinea-pig mouse rat squirrel chipmunk hedgehog badger raccoon otter beaver turtle
  tortoise frog toad snake python cobra lizard iguana gecko chameleon crocodile alligator dragon dinosaur
  dolphin whale shark seal walrus octopus camel llama alpaca zebra giraffe rhino rhinoceros hippo hippopotamus
  kangaroo koala panda sloth ostrich peacock turkey butterfly moth bee labrador collie retriever poodle terrier
  spaniel beagle dachshund husky sheepdog bulldog greyhound mastiff corgi pug chihuahua dalmatian rottweiler
  tabby calico robot android droid automaton cyborg
`);

/** Heads that name any animal or machine already met ("the bird" for the parrot, "the animal", "the machine"). */
export const ANIMAL_GENERIC_HEADS: ReadonlySet<string> = list(
  'animal creature beast pet bird machine dog cat',
);

/** Nouns for a group acting as one ("the crew", "a full orchestra", "the troops"). */
export const COLLECTIVE_NOUNS: ReadonlySet<string> = list(`
  crew team band troop troops choir orchestra squad platoon gang posse flock herd pack family audience
  congregation committee group crowd class
`);

/** Collective nouns that open "a group of hikers", "a dozen hens"; the plural after them is the head. */
export const QUANTITY_NOUNS: ReadonlySet<string> = list(`
  group crowd class column line row team band troop pack herd flock family gang squad dozen handful bunch party
  busload
`);

/** Words that count a plural: "three scouts", "several hikers", "a dozen hens". */
export const QUANTIFIERS: ReadonlySet<string> = list(`
  two three four five six seven eight nine ten eleven twelve fifteen twenty dozen dozens several many some few
  both hundreds
`);

const IRREGULAR_PLURALS: ReadonlyMap<string, string> = new Map([
  ['children', 'child'],
  ['schoolchildren', 'child'],
  ['people', 'person'],
  ['men', 'man'],
  ['women', 'woman'],
  ['mice', 'mouse'],
  ['geese', 'goose'],
  ['sheep', 'sheep'],
  ['deer', 'deer'],
  ['oxen', 'ox'],
  ['wolves', 'wolf'],
  ['calves', 'calf'],
  ['elves', 'elf'],
  ['teeth', 'tooth'],
  ['feet', 'foot'],
]);

/** The singular a plural noun most likely has ("firefighters" -> "firefighter", "puppies" -> "puppy"). */
export function singularOf(word: string): string | undefined {
  const irregular = IRREGULAR_PLURALS.get(word);
  if (irregular) return irregular;
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/[a-z]{2}men$/.test(word)) return `${word.slice(0, -3)}man`;
  if (/(ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return undefined;
}

/**
 * "carolers", "birdwatchers", "volunteers": a plural agent noun the lexicons lack (or tag as a verb), counted or
 * taken together. Known plain nouns ("meters", "flowers", "letters") are not people.
 */
export function isPluralAgent(word: string, taggedVerb: boolean): boolean {
  const singular = singularOf(word);
  if (!singular || !/[a-z]{4,}(er|or|ist|ian|ant|ent)$/.test(singular)) return false;
  return taggedVerb || !isKnownWord(singular);
}

/** Whether a lower-case noun names people or animals in the plural ("scouts", "firefighters", "hens"). */
export function isPluralBeing(word: string): boolean {
  if (word === 'sheep' || word === 'deer') return true;
  const singular = singularOf(word);
  if (!singular || singular === word) return false;
  return (
    ANIMAL_NOUNS.has(singular) ||
    PERSON_NOUNS.has(singular) ||
    personNounKind(singular) !== undefined ||
    isLexiconActor(singular)
  );
}

/**
 * The nature a written mention's head gives ("a scruffy dog" animal, "the scouts" group, "the guard" undefined).
 * Reads registry mention strings, so that a later prompt can tell what an entity is.
 */
export function natureOfHead(head: string): Nature | undefined {
  const word = head.toLowerCase().replace(/['’]s$/, '');
  if (word === 'it' || word === 'its' || word === 'itself') return 'animal';
  if (word === 'they' || word === 'them' || word === 'their') return 'group';
  if (ANIMAL_NOUNS.has(word)) return 'animal';
  if (COLLECTIVE_NOUNS.has(word) || isPluralBeing(word) || isPluralAgent(word, false)) return 'group';
  return undefined;
}

/** Whether a mention string names a person by its head noun ("the guard"), not a name or a pronoun. */
export function isPersonHead(head: string): boolean {
  const word = head.toLowerCase().replace(/['’]s$/, '');
  return PERSON_NOUNS.has(word) || personNounKind(word) !== undefined || isLexiconActor(word);
}
