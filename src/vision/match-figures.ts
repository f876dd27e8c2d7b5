import { lookFit } from './check-attributes.js';
import type { FigureDescription } from './describe-figure.js';
import type { ParsedAttribute } from './parse-attribute.js';

/** One character expected on screen, with its look at this prompt. */
export interface ExpectedCharacter {
  /** The character's key in the annotations. */
  key: string;
  /** Its expected attributes at this prompt. */
  look: readonly ParsedAttribute[];
}

/** A character assigned to a detected figure. */
export interface FigureMatch {
  /** The character's key. */
  key: string;
  /** Index into the figures given to {@link matchFigures}. */
  figure: number;
  /** How well the figure fits the character's look, 0..1 (0.5 when nothing is checkable). */
  fit: number;
  /**
   * How much better this pairing fits than the figure's (or its track's) best fit to another character on screen,
   * 0..1 (1 when there is none); absent when the match was made without that comparison.
   */
  margin?: number;
}

/**
 * Assigns detected figures to the characters expected on screen so that the summed look fit is largest (exact
 * search; scenes hold a handful of people). Each character gets at most one figure; with fewer figures than
 * characters some stay unmatched.
 *
 * @example
 * matchFigures(descriptions, [{ key: 'ravi', look: expectedLook(annotation, 0) }])
 */
export function matchFigures(
  figures: readonly FigureDescription[],
  characters: readonly ExpectedCharacter[],
): FigureMatch[] {
  const fits = characters.map((character) => figures.map((figure) => lookFit(figure, character.look) ?? 0.5));
  return assignByFit(fits).map(([character, figure]) => ({
    key: characters[character]!.key,
    figure,
    fit: fits[character]![figure]!,
  }));
}

/**
 * Exact assignment on a fit matrix (`fits[character][candidate]`, 0..1): the most matched characters, then the
 * largest summed fit. Returns [character, candidate] pairs.
 *
 * @example
 * assignByFit([[0.9, 0.2], [0.3, 0.8]]) // [[0, 0], [1, 1]]
 */
export function assignByFit(fits: readonly (readonly number[])[]): Array<[number, number]> {
  const candidates = fits[0]?.length ?? 0;
  let best: Array<[number, number]> = [];
  let bestTotal = -1;
  const used = new Set<number>();
  const current: Array<[number, number]> = [];
  const search = (index: number, total: number): void => {
    if (index === fits.length) {
      // More matched characters first, then the larger fit.
      const value = current.length * 10 + total;
      if (value > bestTotal) {
        bestTotal = value;
        best = current.slice();
      }
      return;
    }
    for (let candidate = 0; candidate < candidates; candidate++) {
      if (used.has(candidate)) continue;
      used.add(candidate);
      current.push([index, candidate]);
      search(index + 1, total + fits[index]![candidate]!);
      current.pop();
      used.delete(candidate);
    }
    if (fits.length - index > candidates - used.size) search(index + 1, total);
  };
  search(0, 0);
  return best;
}
