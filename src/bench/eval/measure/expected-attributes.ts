import type { CharacterAnnotation } from '../../../script/annotation-schema.js';
import { type ColourContext, type ColourTerm, resolveColourWord } from './colour-vocabulary.js';

/** Where on a person an attribute phrase shows. */
export type AttributePlace =
  | 'hair'
  | 'headwear'
  | 'top'
  | 'outerwear'
  | 'bottom'
  | 'outfit'
  | 'scarf'
  | 'bag'
  | 'umbrella'
  | 'eyewear'
  | 'other';

/** One expected attribute of a character, read from an annotation phrase. */
export interface ExpectedAttribute {
  /** The phrase, lower-cased, spaces collapsed. */
  phrase: string;
  /** Where it shows. */
  place: AttributePlace;
  /** The colour it names, as a term of the colour vocabulary (hair shades for `hair`). */
  colour?: ColourTerm;
}

/** Head nouns of descriptions and where they show (the last one in a phrase decides). */
const placeNouns: ReadonlyArray<[AttributePlace, string]> = [
  ['outerwear', 'coat raincoat overcoat jacket parka anorak blazer windbreaker poncho cape cloak trenchcoat cardigan peacoat'],
  ['top', 'shirt t-shirt tshirt blouse sweater jumper hoodie sweatshirt top turtleneck tunic vest polo tank-top'],
  ['outfit', 'dress sundress gown suit tracksuit uniform robe overalls jumpsuit kimono sari tuxedo apron outfit'],
  ['bottom', 'jeans trousers pants skirt shorts slacks leggings'],
  ['headwear', 'hat cap beanie beret helmet fedora turban headband hood headscarf bandana'],
  ['eyewear', 'glasses sunglasses spectacles goggles eyeglasses'],
  ['scarf', 'scarf shawl'],
  ['bag', 'bag backpack handbag purse satchel briefcase tote rucksack suitcase'],
  ['umbrella', 'umbrella parasol'],
  ['hair', 'hair ponytail bun braid braids pigtails curls afro bob'],
]; // biome-ignore format: word table

const placeOfNoun = new Map<string, AttributePlace>(
  placeNouns.flatMap(([place, nouns]) => nouns.split(' ').map((noun) => [noun, place] as const)),
);

/** Places that hold one thing at a time: a later phrase for the place replaces the earlier one. */
const singlePlaces: ReadonlySet<AttributePlace> = new Set([
  'hair', 'headwear', 'top', 'outerwear', 'bottom', 'outfit', 'scarf', 'bag', 'umbrella', 'eyewear',
]); // biome-ignore format: word list

/**
 * Reads an attribute phrase: its place from the last head noun it contains, its colour from the first word that
 * names one (hair shades for hair).
 *
 * @example
 * readAttribute('long red hair') // { phrase: 'long red hair', place: 'hair', colour: { name: 'red', ... } }
 */
export function readAttribute(phrase: string): ExpectedAttribute {
  const normal = phrase.toLowerCase().replace(/\s+/g, ' ').trim();
  const words = normal.split(/[\s,]+/).filter((word) => word !== '');
  let place: AttributePlace = 'other';
  for (let index = words.length - 1; index >= 0; index--) {
    const found = placeOfNoun.get(words[index]!) ?? (index > 0 ? compound(words, index) : undefined);
    if (found !== undefined) {
      place = found;
      break;
    }
  }
  const context: ColourContext = place === 'hair' ? 'hair' : 'garment';
  const result: ExpectedAttribute = { phrase: normal, place };
  for (const word of words) {
    const colour = resolveColourWord(word, context);
    if (colour !== undefined) {
      result.colour = colour;
      break;
    }
  }
  return result;
}

function compound(words: readonly string[], index: number): AttributePlace | undefined {
  // "trench coat", "tote bag" end on their noun already; "t shirt" and "tank top" read as one word.
  return placeOfNoun.get(`${words[index - 1]}-${words[index]}`);
}

/**
 * A character's expected attributes at a prompt (0-based): its `attrs`, then each `changes` entry whose 1-based
 * prompt number is at most `prompt + 1`, in order; a change replaces the attribute of a single place (and a
 * repeated phrase).
 *
 * @example
 * attributesAt({ aliases: [], attrs: ['gray scarf'], changes: { '2': ['blue scarf'] } }, 1) // [blue scarf]
 */
export function attributesAt(annotation: CharacterAnnotation, prompt: number): ExpectedAttribute[] {
  let attributes = annotation.attrs.map(readAttribute);
  const changes = Object.entries(annotation.changes ?? {})
    .map(([key, phrases]) => ({ at: Number(key), phrases }))
    .filter(({ at }) => Number.isFinite(at) && at <= prompt + 1)
    .sort((a, b) => a.at - b.at);
  for (const { phrases } of changes) {
    for (const change of phrases.map(readAttribute)) {
      attributes = attributes.filter(
        (kept) =>
          kept.phrase !== change.phrase && !(singlePlaces.has(change.place) && kept.place === change.place),
      );
      attributes.push(change);
    }
  }
  return attributes;
}

/** The places whose expected attribute differs between two prompts. */
export function changedPlaces(
  annotation: CharacterAnnotation,
  from: number,
  to: number,
): Set<AttributePlace> {
  const phrases = (prompt: number) => {
    const byPlace = new Map<AttributePlace, string[]>();
    for (const attribute of attributesAt(annotation, prompt))
      byPlace.set(attribute.place, [...(byPlace.get(attribute.place) ?? []), attribute.phrase]);
    return byPlace;
  };
  const before = phrases(from);
  const after = phrases(to);
  const changed = new Set<AttributePlace>();
  for (const place of new Set([...before.keys(), ...after.keys()])) {
    if ((before.get(place) ?? []).join('|') !== (after.get(place) ?? []).join('|')) changed.add(place);
  }
  return changed;
}
