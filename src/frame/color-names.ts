/** An RGB triple, 0..255 per channel. */
export type Rgb = readonly [number, number, number];

/**
 * The miniature engine's palette: the colour words its text encoder knows, with the RGB it paints each in. The
 * pixel verifier must not read it (it names colours from a general table, src/vision/color-words.ts; rule
 * `verifier-without-engine-palette`).
 */
export const colorNames = {
  red: [200, 40, 40],
  orange: [235, 130, 30],
  yellow: [240, 210, 50],
  green: [50, 150, 60],
  blue: [45, 90, 200],
  purple: [125, 60, 160],
  pink: [235, 130, 170],
  brown: [120, 75, 40],
  black: [25, 25, 28],
  white: [240, 240, 236],
  gray: [128, 128, 128],
  beige: [215, 195, 160],
  navy: [25, 35, 90],
  teal: [30, 140, 140],
} as const satisfies Record<string, Rgb>;

export type ColorName = keyof typeof colorNames;

/** Hair colour words and the colour they are drawn in. */
export const hairColorNames = {
  black: [30, 25, 22],
  brown: [105, 65, 35],
  blonde: [230, 200, 110],
  red: [175, 60, 30],
  gray: [150, 150, 150],
  white: [235, 235, 230],
} as const satisfies Record<string, Rgb>;

export type HairColorName = keyof typeof hairColorNames;

/** Spelling variants people use, mapped to a vocabulary name. */
const colorSynonyms: Readonly<Record<string, ColorName>> = {
  grey: 'gray',
  silver: 'gray',
  crimson: 'red',
  scarlet: 'red',
  maroon: 'red',
  golden: 'yellow',
  gold: 'yellow',
  violet: 'purple',
  lilac: 'purple',
  tan: 'beige',
  cream: 'beige',
  khaki: 'beige',
  turquoise: 'teal',
  olive: 'green',
  emerald: 'green',
  charcoal: 'black',
  ivory: 'white',
};

/** Squared distance between two colours in a roughly perceptual weighting (red 2, green 4, blue 3). */
function colorDistance(a: Rgb, b: Rgb): number {
  const dr = a[0] - b[0];
  const dg = a[1] - b[1];
  const db = a[2] - b[2];
  return 2 * dr * dr + 4 * dg * dg + 3 * db * db;
}

/** The vocabulary name nearest to an RGB colour. */
export function nearestColorName(rgb: Rgb, palette: Readonly<Record<string, Rgb>> = colorNames): string {
  let best = '';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const [name, value] of Object.entries(palette)) {
    const distance = colorDistance(rgb, value);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** Resolves a colour word (vocabulary name or synonym, any case) to a vocabulary name, or undefined. */
export function resolveColorName(word: string): ColorName | undefined {
  const lower = word.toLowerCase();
  if (lower in colorNames) return lower as ColorName;
  return colorSynonyms[lower];
}
