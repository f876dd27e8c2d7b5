/**
 * The miniature engine's small vocabulary: the words its text encoder understands beyond hashing. Deliberately
 * smaller than the project's agents' vocabulary, so the engine misreads what it does not know.
 */

/** Kind features of a person word: which of female, male, child, old it implies. */
export interface KindFeatures {
  female: number;
  male: number;
  child: number;
  old: number;
}

const kind = (female: number, male: number, child: number, old: number): KindFeatures => ({
  female,
  male,
  child,
  old,
});

/** Person nouns with their kind features (roles are kind-neutral). */
export const PERSON_NOUNS: ReadonlyMap<string, KindFeatures> = new Map([
  ['woman', kind(1, 0, 0, 0)],
  ['lady', kind(1, 0, 0, 0)],
  ['girl', kind(1, 0, 1, 0)],
  ['man', kind(0, 1, 0, 0)],
  ['gentleman', kind(0, 1, 0, 0)],
  ['guy', kind(0, 1, 0, 0)],
  ['boy', kind(0, 1, 1, 0)],
  ['child', kind(0, 0, 1, 0)],
  ['kid', kind(0, 0, 1, 0)],
  ['person', kind(0, 0, 0, 0)],
  ['teenager', kind(0, 0, 0.5, 0)],
  ...`gardener jogger musician officer courier driver chef baker waiter waitress lifeguard fisherman surfer
librarian student professor guard conductor commuter vendor shopkeeper manager clerk receptionist ranger hiker
photographer painter barista writer sailor worker teacher janitor nurse doctor porter farmer carrier mechanic
curator cook pilot attendant coach trainer boxer actor stagehand director engineer builder operator winemaker
farmhand sculptor vet florist tourist traveler artist dancer runner cyclist scientist detective soldier`
    .split(/\s+/)
    .map((word): [string, KindFeatures] => [word, kind(0, 0, 0, 0)]),
]);

/** Pronouns that stand for a person. */
export const PRONOUNS: ReadonlyMap<string, KindFeatures> = new Map([
  ['she', kind(1, 0, 0, 0)],
  ['he', kind(0, 1, 0, 0)],
  ['him', kind(0, 1, 0, 0)],
]);

/** Adjectives before a person noun and the body entries they set: [appearance index name, value]. */
export const DESCRIPTORS: ReadonlyMap<string, ReadonlyArray<['height' | 'build' | 'age', number]>> = new Map([
  ['tall', [['height', 0.85]]],
  ['short', [['height', 0.2]]],
  [
    'little',
    [
      ['height', 0.1],
      ['age', 0.08],
    ],
  ],
  ['small', [['height', 0.15]]],
  ['slender', [['build', 0.15]]],
  ['slim', [['build', 0.15]]],
  ['thin', [['build', 0.15]]],
  ['stocky', [['build', 0.85]]],
  ['broad-shouldered', [['build', 0.9]]],
  ['young', [['age', 0.3]]],
  ['middle-aged', [['age', 0.6]]],
  ['old', [['age', 0.9]]],
  ['elderly', [['age', 0.9]]],
]);

/** Head nouns of things a person wears or carries, mapped to what the engine draws. */
export const WEARABLES: ReadonlyMap<string, 'top' | 'outerwear' | 'bottom' | 'outfit' | 'shoes' | 'hat' | 'glasses' | 'scarf' | 'bag' | 'umbrella'> =
  new Map([
    ...list('top', 'shirt t-shirt blouse sweater hoodie vest jumper top tunic polo turtleneck uniform apron'),
    ...list('outerwear', 'coat raincoat parka jacket cardigan blazer overcoat windbreaker poncho cape cloak anorak'),
    ...list('bottom', 'jeans trousers pants skirt shorts'),
    ...list('outfit', 'dress suit overalls tracksuit jumpsuit gown'),
    ...list('shoes', 'sneakers boots sandals shoes heels loafers'),
    ...list('hat', 'hat cap beanie fedora beret helmet'),
    ...list('glasses', 'glasses sunglasses spectacles'),
    ...list('scarf', 'scarf shawl'),
    ...list('bag', 'backpack bag satchel briefcase tote handbag purse'),
    ...list('umbrella', 'umbrella parasol'),
  ]); // biome-ignore format: word list

/** Hair words: `hair` and shapes that stand alone, with the style they imply. */
export const HAIR_WORDS: ReadonlyMap<string, string | null> = new Map([
  ['hair', null],
  ['ponytail', 'ponytail'],
  ['braid', 'ponytail'],
  ['bun', 'bun'],
  ['curls', 'curly'],
]);

/** Hair style adjectives mapped to a drawn style. */
export const HAIR_STYLE_WORDS: ReadonlyMap<string, string> = new Map([
  ['short', 'short'],
  ['long', 'long'],
  ['curly', 'curly'],
  ['wavy', 'long'],
  ['straight', 'long'],
  ['cropped', 'cropped'],
  ['shoulder-length', 'long'],
]);

/** Hair colour words beyond the palette's hair names. */
export const HAIR_COLOUR_SYNONYMS: Readonly<Record<string, string>> = {
  blond: 'blonde',
  auburn: 'red',
  ginger: 'red',
  brunette: 'brown',
  silver: 'gray',
  grey: 'gray',
  dark: 'black',
};

/** Setting words mapped to the decoder's backdrops. */
export const SETTING_WORDS: ReadonlyMap<string, string> = new Map([
  ...list('park', 'park bench lawn'),
  ...list('street', 'street road sidewalk alley crossing'),
  ...list('kitchen', 'kitchen bakery stove counter'),
  ...list('beach', 'beach shore shoreline waves sand'),
  ...list('library', 'library bookshop bookshelves shelves'),
  ...list('platform', 'platform train station subway terminal airport'),
  ...list('market', 'market stall stalls bazaar'),
  ...list('office', 'office desk desks classroom corridor hospital laundromat gym'),
  ...list('forest', 'forest woods pines trees path'),
  ...list('rooftop', 'rooftop skyline roof'),
  ...list('cafe', 'cafe restaurant bar'),
  ...list('harbor', 'harbor dock pier lake lakeside boats'),
  ...list('garden', 'garden vineyard farm field fields barn'),
  ...list('snow', 'snow snowy village mountain'),
  ...list('desert', 'desert dusty'),
  ...list('stage', 'stage theater museum studio gallery'),
]); // biome-ignore format: word list

/** Words a capitalised sentence opener can be without being a name. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a an the in on at by of to and or but with without into onto from for as while then later meanwhile after
before when inside outside near under over across along beside between behind through who which that this these
those there here it its her his their they we you i is are was were be has have had wears wearing named called
now still again also another other new different second third first next same one two three both`.split(
    /\s+/,
  ),
);

function list<T extends string>(value: T, words: string): Array<[string, T]> {
  return words.split(/\s+/).map((word) => [word, value]);
}
