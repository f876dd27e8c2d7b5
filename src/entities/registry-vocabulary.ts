/**
 * Words that describe how a person looks, grouped into slots. The registry uses the slots to let a new attribute
 * replace a conflicting one (a new coat replaces the old coat); the rules extractor uses the same words to find
 * attribute phrases. Pure data and pure functions.
 */

/** Colour words, including hair colours; `grey` is normalised to `gray` before lookup. */
export const COLOR_WORDS: ReadonlySet<string> = new Set([
  'black', 'white', 'gray', 'silver', 'red', 'crimson', 'scarlet', 'maroon', 'burgundy', 'pink', 'rose',
  'orange', 'rust', 'copper', 'amber', 'yellow', 'mustard', 'gold', 'golden', 'green', 'olive', 'emerald',
  'teal', 'turquoise', 'blue', 'navy', 'cobalt', 'purple', 'violet', 'lavender', 'lilac', 'brown', 'tan',
  'beige', 'khaki', 'cream', 'ivory', 'camel', 'chestnut', 'charcoal', 'auburn', 'blond', 'blonde', 'ginger',
  'platinum', 'brunette', 'dark', 'light', 'pale', 'bright', 'pastel', 'neon', 'colorful', 'multicolored',
]); // biome-ignore format: word list

/** Colour words that only shade another colour ("dark green"); alone they still count as a colour. */
const COLOR_SHADES: ReadonlySet<string> = new Set(['dark', 'light', 'pale', 'bright', 'pastel', 'neon']);

/** Head nouns of clothing and accessories, mapped to the slot they occupy on a person. */
export const WEARABLE_SLOTS: ReadonlyMap<string, string> = new Map([
  ...words(
    'outerwear',
    'coat raincoat overcoat jacket parka anorak blazer windbreaker poncho cape cloak trenchcoat cardigan peacoat',
  ),
  ...words(
    'top',
    'shirt t-shirt tshirt blouse sweater jumper hoodie sweatshirt top turtleneck tunic vest tank-top polo',
  ),
  ...words('bottom', 'jeans trousers pants skirt shorts slacks leggings'),
  ...words(
    'outfit',
    'dress sundress gown suit tracksuit pajamas wetsuit swimsuit uniform robe overalls jumpsuit kimono sari tuxedo apron costume outfit',
  ),
  ...words('footwear', 'shoes boots sneakers sandals heels loafers slippers trainers'),
  ...words('headwear', 'hat cap beanie beret helmet headscarf bandana hood fedora turban headband crown'),
  ...words('eyewear', 'glasses sunglasses spectacles goggles eyeglasses monocle'),
  ...words('scarf', 'scarf shawl'),
  ...words('neckwear', 'tie bowtie necklace pendant'),
  ...words('bag', 'bag backpack handbag purse satchel briefcase tote rucksack suitcase'),
  ...words('umbrella', 'umbrella parasol'),
  ...words('watch', 'watch wristwatch'),
  ...words('earrings', 'earrings earring'),
  ...words('gloves', 'gloves mittens'),
  ...words('belt', 'belt'),
  ...words('mask', 'mask'),
]);

/** Face and body features that are attributes in their own right ("a beard", "freckles"). */
export const FEATURE_SLOTS: ReadonlyMap<string, string> = new Map([
  ...words('beard', 'beard goatee stubble'),
  ...words('mustache', 'mustache moustache'),
  ...words('freckles', 'freckles'),
  ...words('scar', 'scar'),
  ...words('tattoo', 'tattoo tattoos'),
]);

/** Hair words: the head `hair` plus styles that stand alone ("a ponytail"). */
export const HAIR_STYLES: ReadonlySet<string> = new Set([
  'ponytail', 'bun', 'braid', 'braids', 'pigtails', 'dreadlocks', 'afro', 'mohawk', 'buzzcut', 'bob', 'curls',
]); // biome-ignore format: word list

/** Adjectives of build, height, age and skin, mapped to their slot. */
export const BODY_SLOTS: ReadonlyMap<string, string> = new Map([
  ...words('height', 'tall short tiny towering petite'),
  ...words(
    'build',
    'slim thin skinny slender lanky stocky heavyset muscular broad-shouldered plump chubby stout burly wiry athletic',
  ),
  ...words('age', 'young old elderly aged middle-aged teenage little older younger'),
  ...words('skin', 'pale-skinned dark-skinned tanned freckled sunburned'),
  ...words('face', 'bearded mustached clean-shaven bald'),
]);

/** Slots that hold one value at a time: a new value replaces the old one. Others accumulate. */
const EXCLUSIVE_SLOTS: ReadonlySet<string> = new Set([
  'outerwear', 'top', 'bottom', 'outfit', 'footwear', 'headwear', 'eyewear', 'scarf', 'bag', 'umbrella',
  'hair-color', 'hair-style', 'height', 'build', 'age', 'skin', 'gloves', 'beard', 'mustache',
]); // biome-ignore format: word list

/** Lower-cases, trims, maps `grey` to `gray` and drops a leading article. */
export function normalizeAttribute(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/\bgrey\b/g, 'gray')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(a|an|the|his|her|their) /, '');
}

/** Words of a normalised attribute phrase. */
export function attributeWords(phrase: string): string[] {
  return normalizeAttribute(phrase)
    .split(/[\s]+/)
    .filter((word) => word !== 'and' && word !== 'with' && word !== 'in' && word !== 'a');
}

/** The slot an attribute phrase occupies (`outerwear`, `hair-color`, `age`, ...), or the phrase itself. */
export function attributeSlot(phrase: string): string {
  const list = attributeWords(phrase);
  const hasColor = list.some((word) => COLOR_WORDS.has(word));
  if (list.includes('hair') || list.some((word) => HAIR_STYLES.has(word))) {
    return hasColor ? 'hair-color' : 'hair-style';
  }
  for (let index = list.length - 1; index >= 0; index -= 1) {
    const word = list[index]!;
    const slot = WEARABLE_SLOTS.get(word) ?? FEATURE_SLOTS.get(word) ?? BODY_SLOTS.get(word);
    if (slot) return slot;
  }
  return normalizeAttribute(phrase);
}

/** Colour words of an attribute phrase (shades dropped when a hue is present). */
export function attributeColors(phrase: string): string[] {
  const colors = attributeWords(phrase).filter((word) => COLOR_WORDS.has(word));
  const hues = colors.filter((word) => !COLOR_SHADES.has(word));
  return (hues.length > 0 ? hues : colors).map((word) => (word === 'blonde' ? 'blond' : word));
}

/**
 * Whether two attributes cannot both hold for one person at one time: same exclusive slot and a different
 * colour (both coloured), or a different value for height, build or age.
 */
export function attributesConflict(first: string, second: string): boolean {
  const slot = attributeSlot(first);
  if (slot !== attributeSlot(second) || !EXCLUSIVE_SLOTS.has(slot)) return false;
  if (slot === 'height' || slot === 'age' || slot === 'build') {
    return normalizeAttribute(first) !== normalizeAttribute(second);
  }
  const firstColors = attributeColors(first);
  const secondColors = attributeColors(second);
  if (firstColors.length === 0 || secondColors.length === 0) return false;
  return !firstColors.some((color) => secondColors.includes(color));
}

/** Whether a new attribute replaces an old one in the registry: same exclusive slot. */
function attributeReplaces(incoming: string, current: string): boolean {
  const slot = attributeSlot(incoming);
  return EXCLUSIVE_SLOTS.has(slot) && slot === attributeSlot(current);
}

/** Merges attributes: each incoming one replaces current ones of its exclusive slot; duplicates are dropped. */
export function mergeAttributes(current: readonly string[], incoming: readonly string[]): string[] {
  let result = [...current];
  for (const attribute of incoming) {
    const normalized = normalizeAttribute(attribute);
    result = result.filter(
      (existing) => normalizeAttribute(existing) !== normalized && !attributeReplaces(attribute, existing),
    );
    result.push(normalized);
  }
  return result;
}

function words(slot: string, list: string): Array<[string, string]> {
  return list.split(' ').map((word) => [word, slot]);
}
