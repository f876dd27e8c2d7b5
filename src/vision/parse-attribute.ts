import { isColorWord, normalizeColorWord } from './color-words.js';
import { resolveHairColor } from './hair-colors.js';

/** The part of a figure an attribute phrase describes. */
export type AttributeSlot =
  | 'hair'
  | 'top'
  | 'bottom'
  | 'outerwear'
  | 'hat'
  | 'glasses'
  | 'scarf'
  | 'bag'
  | 'umbrella'
  | 'build'
  | 'age'
  | 'other';

/** An attribute phrase read for pixel checks. */
export interface ParsedAttribute {
  /** Where on a figure the attribute shows. */
  slot: AttributeSlot;
  /**
   * The colour word a detector should find there, when the phrase names one (lower case, `grey` as `gray`; any word
   * of the CSS colour table or its everyday words). For hair, the hair term (`hairColor`).
   */
  color?: string;
  /** The hair term (`black`, `brown`, `blonde`, `red`, `gray`, `white`), for `hair` phrases that name one. */
  hairColor?: string;
  /** The head noun that decided the slot (`raincoat`, `hair`, `glasses`), or the last word. */
  word: string;
  /** True for garments that cover torso and legs (`dress`, `suit`, `overalls`). */
  fullBody?: boolean;
  /** The phrase, lower-cased and trimmed. */
  phrase: string;
}

const slotWords: ReadonlyArray<[AttributeSlot, string]> = [
  [
    'outerwear',
    'coat raincoat overcoat jacket parka anorak blazer windbreaker poncho cape cloak trenchcoat cardigan',
  ],
  [
    'top',
    'shirt t-shirt tshirt blouse sweater jumper hoodie sweatshirt top turtleneck tunic vest polo apron',
  ],
  ['top', 'dress gown suit uniform robe overalls jumpsuit kimono tracksuit tuxedo outfit'],
  ['bottom', 'jeans trousers pants skirt shorts slacks leggings'],
  ['hat', 'hat cap beanie beret helmet fedora turban headband hood'],
  ['glasses', 'glasses sunglasses spectacles goggles eyeglasses'],
  ['scarf', 'scarf shawl'],
  ['bag', 'bag backpack handbag purse satchel briefcase tote rucksack suitcase'],
  ['umbrella', 'umbrella parasol'],
  ['hair', 'hair ponytail bun braid braids pigtails curls afro bob'],
  ['build', 'tall short slender slim thin stocky broad-shouldered muscular petite lanky'],
  ['age', 'young old elderly little small middle-aged teenage'],
];
const slotByWord = new Map<string, AttributeSlot>(
  slotWords.flatMap(([slot, list]) => list.split(' ').map((word) => [word, slot] as const)),
);
const fullBodyWords = new Set([
  'dress',
  'gown',
  'suit',
  'uniform',
  'robe',
  'overalls',
  'jumpsuit',
  'kimono',
  'tracksuit',
  'tuxedo',
]);

/**
 * Reads an attribute phrase ("red hair", "a yellow raincoat", "round glasses", "navy suit") into the slot it
 * occupies on a figure and the colour expected there. The head noun is the last slot word of the phrase, so
 * "short red hair" is hair (not build) and "short man" is build.
 *
 * @example
 * parseAttribute('a yellow raincoat') // { slot: 'outerwear', color: 'yellow', word: 'raincoat', ... }
 */
export function parseAttribute(phrase: string): ParsedAttribute {
  const normalized = phrase.toLowerCase().replace(/\s+/g, ' ').trim();
  const words = normalized
    .replace(/^(a|an|the|his|her|their) /, '')
    .split(/[\s,]+/)
    .filter((word) => word.length > 0);
  let slot: AttributeSlot = 'other';
  let word = words.at(-1) ?? '';
  for (let index = words.length - 1; index >= 0; index--) {
    const found = slotByWord.get(words[index]!) ?? slotByWord.get(joinCompound(words, index));
    if (found === undefined) continue;
    // Build and age words only decide when no garment or hair noun does.
    if ((found === 'build' || found === 'age') && index < words.length - 1) continue;
    slot = found;
    word = slotByWord.has(words[index]!) ? words[index]! : joinCompound(words, index);
    break;
  }
  const result: ParsedAttribute = { slot, word, phrase: normalized };
  if (fullBodyWords.has(word)) result.fullBody = true;
  if (slot === 'hair') {
    const hair = words.map(resolveHairColor).find((name) => name !== undefined);
    if (hair !== undefined) {
      result.hairColor = hair;
      result.color = hair;
    }
    return result;
  }
  const color = words.filter(isColorWord).map(normalizeColorWord)[0];
  if (color !== undefined && slot !== 'build' && slot !== 'age') result.color = color;
  return result;
}

function joinCompound(words: readonly string[], index: number): string {
  return index > 0 ? `${words[index - 1]}-${words[index]}` : words[index]!;
}
