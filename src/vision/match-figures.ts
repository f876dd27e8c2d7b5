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
  let best: FigureMatch[] = [];
  let bestTotal = -1;
  const used = new Set<number>();
  const current: FigureMatch[] = [];
  const search = (index: number, total: number): void => {
    if (index === characters.length) {
      // More matched characters first, then the larger fit.
      const value = current.length * 10 + total;
      if (value > bestTotal) {
        bestTotal = value;
        best = current.slice();
      }
      return;
    }
    for (let figure = 0; figure < figures.length; figure++) {
      if (used.has(figure)) continue;
      const fit = fits[index]![figure]!;
      used.add(figure);
      current.push({ key: characters[index]!.key, figure, fit });
      search(index + 1, total + fit);
      current.pop();
      used.delete(figure);
    }
    if (characters.length - index > figures.length - used.size) search(index + 1, total);
  };
  search(0, 0);
  return best;
}
