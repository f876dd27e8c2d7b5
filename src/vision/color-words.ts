import {
  type CssColor,
  cssColorByName,
  cssColors,
  deltaE2000,
  labOf,
  nearestCssIndex,
  type Rgb,
} from './css-colors.js';

/**
 * Colour words as people write them, read against pixels through the CSS colour table in CIELAB (CIEDE2000).
 * A basic term (`blue`, `brown`) stands for its whole hue group of CSS keywords; a narrower keyword (`navy`,
 * `teal`) for itself and its close shades (CIEDE2000 <= 10, same group); a few everyday words that are no CSS
 * keyword (`scarlet`, `cream`) for the keywords they usually mean. Nothing here comes from the engine's palette.
 */

/** Basic colour terms (the hue groups of the CSS table), preferred when a colour is named. */
export const basicColorTerms: readonly string[] = [
  'black', 'white', 'gray', 'red', 'pink', 'orange', 'yellow', 'green', 'blue', 'purple', 'brown',
]; // biome-ignore format: word list

/**
 * CSS keywords people write as colour words of their own (a dark blue is "navy", a blue-green "teal"); a colour
 * whose nearest keyword is one of these or one of its shades is named by it, any other by its basic term.
 */
const commonKeywords: ReadonlySet<string> = new Set([
  'navy', 'teal', 'beige', 'tan', 'khaki', 'maroon', 'olive', 'turquoise',
]); // biome-ignore format: word list

/**
 * Everyday words that are no CSS keyword, and CSS keywords whose CSS value misses the everyday sense (CSS
 * `beige` is nearly white; the xkcd colour survey's beige is a light tan), as the keywords they mean.
 */
const everydayKeywords: Readonly<Record<string, readonly string[]>> = {
  scarlet: ['red', 'crimson'],
  burgundy: ['maroon', 'darkred'],
  rust: ['sienna', 'chocolate'],
  copper: ['chocolate', 'peru'],
  amber: ['orange', 'goldenrod'],
  mustard: ['goldenrod', 'darkgoldenrod'],
  golden: ['gold', 'goldenrod'],
  emerald: ['mediumseagreen', 'seagreen'],
  cobalt: ['royalblue', 'mediumblue'],
  lilac: ['plum', 'thistle'],
  cream: ['cornsilk', 'lemonchiffon', 'beige'],
  camel: ['burlywood', 'tan'],
  charcoal: ['darkslategray', 'dimgray'],
  rose: ['palevioletred', 'hotpink'],
  beige: ['beige', 'wheat', 'tan'],
};

/** Close shades of a keyword: same hue group, CIEDE2000 within this. */
const shadeRadius = 10;
/** A word fits a colour when its distance is within this of the best-fitting keyword's (CIEDE2000). */
export const colorFitMargin = 5;

const prototypeCache = new Map<string, readonly CssColor[] | undefined>();

/** The CSS colours a colour word stands for, or undefined when it is not a colour word. */
export function colorWordPrototypes(word: string): readonly CssColor[] | undefined {
  const key = normalizeColorWord(word);
  if (prototypeCache.has(key)) return prototypeCache.get(key);
  let prototypes: CssColor[] | undefined;
  if (basicColorTerms.includes(key)) prototypes = cssColors.filter((color) => color.family === key);
  else if (everydayKeywords[key] !== undefined) {
    prototypes = everydayKeywords[key].map((name) => cssColorByName.get(name)!);
  } else {
    const keyword = cssColorByName.get(key);
    if (keyword !== undefined) {
      prototypes = cssColors.filter(
        (color) => color.family === keyword.family && deltaE2000(color.lab, keyword.lab) <= shadeRadius,
      );
    }
  }
  prototypeCache.set(key, prototypes);
  return prototypes;
}

/** Lower-cased, `grey` spelled `gray`. */
export function normalizeColorWord(word: string): string {
  return word.toLowerCase().replace(/grey/g, 'gray');
}

/** True when the word names a colour the table knows. */
export function isColorWord(word: string): boolean {
  return colorWordPrototypes(word) !== undefined;
}

/** Per colour word, the distance of every 15-bit colour cell to it, NaN until computed. */
const distanceCache = new Map<string, Float32Array>();
/** Distance of every 15-bit colour cell to its nearest CSS keyword, NaN until computed. */
const nearestDistance = new Float32Array(32 * 32 * 32).fill(Number.NaN);

/** CIEDE2000 distance from a colour (quantised to 5 bits a channel) to the nearest prototype of a word. */
export function colorWordDistance(word: string, rgb: Rgb): number {
  const prototypes = colorWordPrototypes(word);
  if (prototypes === undefined) return Number.POSITIVE_INFINITY;
  let cache = distanceCache.get(word);
  if (cache === undefined) {
    cache = new Float32Array(32 * 32 * 32).fill(Number.NaN);
    distanceCache.set(word, cache);
  }
  const cell = cellOf(rgb);
  const known = cache[cell]!;
  if (!Number.isNaN(known)) return known;
  const lab = labOf(centre(cell));
  const distance = Math.min(...prototypes.map((color) => deltaE2000(lab, color.lab)));
  cache[cell] = distance;
  // The cached value, not the float64 one: a first call must answer what every later call answers.
  return cache[cell]!;
}

/** Distance from a colour to its nearest CSS keyword (CIEDE2000). */
export function nearestKeywordDistance(rgb: Rgb): number {
  const cell = cellOf(rgb);
  const known = nearestDistance[cell]!;
  if (!Number.isNaN(known)) return known;
  const [red, green, blue] = centre(cell);
  const distance = deltaE2000(labOf([red, green, blue]), cssColors[nearestCssIndex(red, green, blue)]!.lab);
  nearestDistance[cell] = distance;
  return nearestDistance[cell]!;
}

/** Whether a colour word describes a colour about as well as the best keyword does (within `colorFitMargin`). */
export function colorWordFits(word: string, rgb: Rgb): boolean {
  return colorWordDistance(word, rgb) <= nearestKeywordDistance(rgb) + colorFitMargin;
}

/** The colour word for a CSS keyword: a common keyword it is (a shade of), else its basic term. */
export function colorWordOfKeyword(color: CssColor): string {
  if (commonKeywords.has(color.name)) return color.name;
  for (const word of commonKeywords) if (colorWordPrototypes(word)?.includes(color)) return word;
  return color.family;
}

/**
 * The word a person would name a colour by: the nearest CSS keyword (CIEDE2000) when it is a common colour word,
 * else that keyword's basic term.
 *
 * @example
 * nameColor([30, 40, 110]) // 'navy' or 'blue', never 'midnightblue'
 */
export function nameColor(rgb: Rgb): string {
  const [red, green, blue] = centre(cellOf(rgb));
  return colorWordOfKeyword(cssColors[nearestCssIndex(red, green, blue)]!);
}

/** The 15-bit cell of a colour (5 bits a channel). */
function cellOf(rgb: Rgb): number {
  const channel = (value: number) => Math.max(0, Math.min(255, Math.round(value))) >> 3;
  return (channel(rgb[0]) << 10) | (channel(rgb[1]) << 5) | channel(rgb[2]);
}

/** The colour at the centre of a cell. */
function centre(cell: number): Rgb {
  return [((cell >> 10) << 3) + 4, (((cell >> 5) & 31) << 3) + 4, ((cell & 31) << 3) + 4];
}
