import { type CssColor, cssColorByName, deltaE2000, labOf, type Rgb } from './css-colors.js';

/**
 * Natural hair colour terms as the CSS keywords that show them (hair "red" is a copper brown, "blonde" a wheat
 * or khaki yellow). A general table of English hair words; nothing in it comes from the engine's palette.
 */
const hairTerms: Readonly<Record<string, string>> = {
  black: 'black darkslategray',
  brown: 'saddlebrown maroon',
  blonde: 'burlywood wheat khaki darkkhaki goldenrod palegoldenrod navajowhite',
  red: 'firebrick sienna chocolate brown darkred',
  gray: 'gray darkgray silver dimgray lightgray slategray',
  white: 'white whitesmoke gainsboro snow ivory',
};

/** Hair words people write, as a hair term. */
const hairWords: Readonly<Record<string, string>> = {
  blond: 'blonde',
  golden: 'blonde',
  platinum: 'blonde',
  brunette: 'brown',
  chestnut: 'brown',
  auburn: 'red',
  ginger: 'red',
  silver: 'gray',
  grey: 'gray',
};

const prototypes = new Map<string, CssColor[]>(
  Object.entries(hairTerms).map(([term, list]) => [
    term,
    list.split(' ').map((name) => cssColorByName.get(name)!),
  ]),
);

/** The hair terms, in table order. */
export const hairColorTerms: readonly string[] = Object.keys(hairTerms);

/** A hair colour word (`auburn`, `Blond`, `gray`) as a hair term, or undefined. */
export function resolveHairColor(word: string): string | undefined {
  const lower = word.toLowerCase();
  return lower in hairTerms ? lower : hairWords[lower];
}

/** CIEDE2000 distance from a colour to the nearest CSS keyword that shows a hair term. */
export function hairColorDistance(term: string, rgb: Rgb): number {
  const list = prototypes.get(term);
  if (list === undefined) return Number.POSITIVE_INFINITY;
  const lab = labOf(rgb);
  return Math.min(...list.map((color) => deltaE2000(lab, color.lab)));
}

/** The hair term nearest to a colour (CIEDE2000). */
export function nameHairColor(rgb: Rgb): string {
  let best = hairColorTerms[0]!;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const term of hairColorTerms) {
    const distance = hairColorDistance(term, rgb);
    if (distance < bestDistance) {
      best = term;
      bestDistance = distance;
    }
  }
  return best;
}
