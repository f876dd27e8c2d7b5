import cssColours from 'color-name';
import { deltaE2000, type Lab, labOf } from './lab-colour.js';

/**
 * A colour word's reference in CIELAB and the terms it competes with when a pixel colour is named.
 *
 * The table is general, not the engine's: CSS/X11 named colours (the `color-name` package) converted to Lab, plus
 * the few colour words of descriptions that CSS lacks (hair shades). A colour is named by its nearest term under
 * CIEDE2000.
 */
export interface ColourTerm {
  /** The term (`red`, `navy`, `blonde`). */
  name: string;
  /** Its reference colour. */
  lab: Lab;
}

/**
 * Basic colour terms (Berlin and Kay's eleven) plus the three further terms people use for clothes and that the
 * benchmark's descriptions use (navy, teal, beige); each takes its CSS colour, except brown: CSS `brown`
 * (#A52A2A) is a dark red (it lies within 5 CIEDE2000 of `firebrick` and is the usual value of "auburn"), so the
 * basic term takes CSS `saddlebrown`.
 */
const garmentTermSources: Readonly<Record<string, string>> = {
  black: 'black', white: 'white', red: 'red', green: 'green', yellow: 'yellow', blue: 'blue', brown: 'saddlebrown',
  purple: 'purple', pink: 'pink', orange: 'orange', gray: 'gray', navy: 'navy', teal: 'teal', beige: 'beige',
}; // biome-ignore format: word table

/**
 * Hair shades, named as people name hair. CSS has no blonde; its value is the common "blond" swatch
 * (#FAF0BE); red hair (auburn, ginger) takes #A52A2A, the usual auburn swatch (CSS `brown`).
 */
const hairTermColours: Readonly<Record<string, readonly [number, number, number]>> = {
  black: [0, 0, 0], brown: [139, 69, 19], blonde: [250, 240, 190], red: [165, 42, 42], gray: [128, 128, 128],
  white: [255, 255, 255],
}; // biome-ignore format: word table

/** Words for hair shades, mapped to a hair term. */
const hairWords: Readonly<Record<string, string>> = {
  blond: 'blonde', golden: 'blonde', platinum: 'blonde', fair: 'blonde', auburn: 'red', ginger: 'red',
  copper: 'red', brunette: 'brown', chestnut: 'brown', grey: 'gray', silver: 'gray',
}; // biome-ignore format: word table

/** Spellings CSS does not hold. */
const spellings: Readonly<Record<string, string>> = { grey: 'gray' };

const css = cssColours;

const garmentTerms: readonly ColourTerm[] = Object.entries(garmentTermSources).map(([name, source]) => {
  const [r, g, b] = css[source]!;
  return { name, lab: labOf(r, g, b) };
});

const hairTerms: readonly ColourTerm[] = Object.entries(hairTermColours).map(([name, [r, g, b]]) => ({
  name,
  lab: labOf(r, g, b),
}));

/** Whether a colour word names a hair shade (`hair`) or anything else (`garment`). */
export type ColourContext = 'garment' | 'hair';

/** The terms a colour read in this context is named with. */
export function colourTerms(context: ColourContext): readonly ColourTerm[] {
  return context === 'hair' ? hairTerms : garmentTerms;
}

/**
 * A colour word as a term of the context: a term itself, a hair word, or any CSS colour name (`crimson`,
 * `khaki`), which then becomes a term of its own that competes with the context's terms. Undefined for words
 * that name no colour.
 *
 * @example
 * resolveColourWord('grey', 'garment') // { name: 'gray', lab: [53.6, 0, 0] }
 */
export function resolveColourWord(word: string, context: ColourContext): ColourTerm | undefined {
  const lower = word.toLowerCase();
  const spelled = spellings[lower] ?? lower;
  const terms = colourTerms(context);
  const hairName = context === 'hair' ? (hairWords[spelled] ?? spelled) : spelled;
  const known = terms.find((term) => term.name === hairName);
  if (known !== undefined) return known;
  const rgb = css[spelled];
  if (rgb === undefined) return undefined;
  return { name: spelled, lab: labOf(rgb[0], rgb[1], rgb[2]) };
}

/**
 * How strongly a colour reads as `term` rather than as the context's other terms: a softmax over negative
 * CIEDE2000 differences with a temperature of {@link namingTemperature} units, 0..1. `nearest` says whether the
 * term is the nearest of all.
 */
export function termFit(
  lab: Lab,
  term: ColourTerm,
  context: ColourContext,
): { probability: number; nearest: boolean } {
  const own = deltaE2000(lab, term.lab);
  let total = 1;
  let nearest = true;
  for (const other of colourTerms(context)) {
    if (other.name === term.name) continue;
    const difference = deltaE2000(lab, other.lab);
    if (difference <= own) nearest = false;
    total += Math.exp((own - difference) / namingTemperature);
  }
  return { probability: 1 / total, nearest };
}

/** CIEDE2000 units over which the naming softmax falls by a factor e. */
export const namingTemperature = 4;

/** The nearest term of the context to a colour (CIEDE2000). */
export function nameColour(lab: Lab, context: ColourContext): string {
  let best = '';
  let bestDifference = Number.POSITIVE_INFINITY;
  for (const term of colourTerms(context)) {
    const difference = deltaE2000(lab, term.lab);
    if (difference < bestDifference) {
      best = term.name;
      bestDifference = difference;
    }
  }
  return best;
}
