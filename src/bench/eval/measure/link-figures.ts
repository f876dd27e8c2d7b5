import { attributeFit } from './attribute-evidence.js';
import type { ExpectedAttribute } from './expected-attributes.js';
import { type FigureReading, readingSimilarity } from './read-figure.js';

/** A figure in one sample: the sample's index and the figure's index in it. */
export interface Sighting {
  /** Index of the sampled frame in the segment. */
  sample: number;
  /** Index of the figure in that sample. */
  figure: number;
}

/** A character assigned to a figure. */
export interface CharacterMatch {
  /** The character's key. */
  key: string;
  /** Index of the figure in its sample. */
  figure: number;
  /** How well the figure's track fits the character's attributes, 0..1 (0.5 when nothing is checkable). */
  fit: number;
  /** Fit minus the track's best fit to another character on screen, 0..1 (1 when there is none). */
  margin: number;
}

/** Largest centre move between consecutive sightings of one person, in figure heights. */
const maxMove = 0.75;

/**
 * Links the figures of consecutive samples into tracks: each pair of samples is matched by the assignment that
 * minimises the summed cost (centre move in figure heights + colour dissimilarity + log height ratio), over pairs
 * within {@link maxMove}. A figure left unmatched starts a track.
 *
 * @example
 * linkSightings([[a0, b0], [a1, b1]]) // [[{ sample: 0, figure: 0 }, { sample: 1, figure: 0 }], ...]
 */
export function linkSightings(samples: readonly (readonly FigureReading[])[]): Sighting[][] {
  const tracks: Sighting[][] = [];
  let open: Array<{ track: number; reading: FigureReading }> = [];
  for (const [sample, figures] of samples.entries()) {
    const costs = open.map(({ reading }) => figures.map((figure) => linkCost(reading, figure)));
    const pairs = cheapestAssignment(costs, figures.length);
    const next: typeof open = [];
    const linked = new Set<number>();
    for (const [row, figure] of pairs) {
      const track = open[row]!.track;
      tracks[track]!.push({ sample, figure });
      next.push({ track, reading: figures[figure]! });
      linked.add(figure);
    }
    for (const [figure, reading] of figures.entries()) {
      if (linked.has(figure)) continue;
      tracks.push([{ sample, figure }]);
      next.push({ track: tracks.length - 1, reading });
    }
    open = next;
  }
  return tracks;
}

function linkCost(a: FigureReading, b: FigureReading): number {
  const height = Math.max(a.box[3], b.box[3]);
  const move = Math.hypot(
    a.box[0] + a.box[2] / 2 - (b.box[0] + b.box[2] / 2),
    a.box[1] + a.box[3] / 2 - (b.box[1] + b.box[3] / 2),
  );
  if (move > maxMove * height) return Number.POSITIVE_INFINITY;
  const ratio = Math.max(a.box[3], b.box[3]) / Math.max(1, Math.min(a.box[3], b.box[3]));
  return move / height + Math.log(ratio) + (1 - (readingSimilarity(a, b) ?? 0.5));
}

/**
 * Exact assignment of rows to columns minimising the summed cost over finite entries, with as many pairs as
 * possible first (depth-first search; a frame holds a handful of people).
 */
function cheapestAssignment(costs: readonly (readonly number[])[], columns: number): Array<[number, number]> {
  if (costs.length > exactLimit || columns > exactLimit) return greedyAssignment(costs, columns);
  let best: Array<[number, number]> = [];
  let bestScore = Number.NEGATIVE_INFINITY;
  const used = new Uint8Array(columns);
  const chosen: Array<[number, number]> = [];
  const visit = (row: number, cost: number) => {
    if (row === costs.length) {
      const score = chosen.length * 1000 - cost;
      if (score > bestScore) {
        bestScore = score;
        best = chosen.slice();
      }
      return;
    }
    for (let column = 0; column < columns; column++) {
      const value = costs[row]![column]!;
      if (used[column] === 1 || !Number.isFinite(value)) continue;
      used[column] = 1;
      chosen.push([row, column]);
      visit(row + 1, cost + value);
      chosen.pop();
      used[column] = 0;
    }
    visit(row + 1, cost);
  };
  visit(0, 0);
  return best;
}

/** Rows or columns above which the assignment is made greedily, cheapest pair first (a cluttered frame). */
const exactLimit = 6;

function greedyAssignment(costs: readonly (readonly number[])[], columns: number): Array<[number, number]> {
  const pairs: Array<[number, number, number]> = [];
  for (const [row, line] of costs.entries())
    for (let column = 0; column < columns; column++)
      if (Number.isFinite(line[column]!)) pairs.push([row, column, line[column]!]);
  pairs.sort((a, b) => a[2] - b[2]);
  const rows = new Set<number>();
  const taken = new Set<number>();
  const result: Array<[number, number]> = [];
  for (const [row, column] of pairs) {
    if (rows.has(row) || taken.has(column)) continue;
    rows.add(row);
    taken.add(column);
    result.push([row, column]);
  }
  return result;
}

/**
 * Assigns tracks to the characters on screen: a track's fit to a character is the mean attribute fit of its
 * sightings; the assignment with the most characters matched, then the largest summed fit, wins. Tracks seen in a
 * single sample of a segment with three or more samples compete for no character there (a passing blob). Then
 * each left-over track, best fit first, goes to the character it fits best when that character has no sighting
 * in the track's samples yet: a person whose track broke (a merge, a jump) is several tracks apart in time.
 * Returns the match of every sighting of each assigned track.
 *
 * @example
 * matchCharacters(tracks, readings, [{ key: 'ravi', attributes }])
 */
export function matchCharacters(
  tracks: readonly Sighting[][],
  samples: readonly (readonly FigureReading[])[],
  characters: ReadonlyArray<{ key: string; attributes: readonly ExpectedAttribute[] }>,
): Array<{ sample: number; match: CharacterMatch }> {
  if (characters.length === 0) return [];
  const fitOf = (track: readonly Sighting[], attributes: readonly ExpectedAttribute[]) => {
    let sum = 0;
    for (const { sample, figure } of track) sum += attributeFit(samples[sample]![figure]!, attributes) ?? 0.5;
    return sum / track.length;
  };
  const fits = characters.map(({ attributes }) => tracks.map((track) => fitOf(track, attributes)));
  const minLength = samples.length >= 3 ? 2 : 1;
  const candidates = tracks.flatMap((track, index) => (track.length >= minLength ? [index] : []));
  // Maximising fit is minimising (1 - fit).
  const pairs = cheapestAssignment(
    fits.map((row) => candidates.map((track) => 1 - row[track]!)),
    candidates.length,
  ).map(([character, column]) => [character, candidates[column]!] as const);
  // Left-over tracks, best fit first, to the character they fit best where it was not seen yet.
  const owned = characters.map(() => new Set<number>());
  for (const [character, track] of pairs)
    for (const { sample } of tracks[track]!) owned[character]!.add(sample);
  const taken = new Set(pairs.map(([, track]) => track));
  const extra: Array<readonly [number, number]> = [];
  const rest = tracks
    .map((track, index) => ({ track, index, best: bestCharacter(fits, index) }))
    .filter(({ index }) => !taken.has(index))
    .sort((a, b) => fits[b.best]![b.index]! - fits[a.best]![a.index]!);
  for (const { track, index, best } of rest) {
    if (track.some(({ sample }) => owned[best]!.has(sample))) continue;
    for (const { sample } of track) owned[best]!.add(sample);
    extra.push([best, index]);
  }
  const result: Array<{ sample: number; match: CharacterMatch }> = [];
  for (const [character, track] of [...pairs, ...extra]) {
    const fit = fits[character]![track]!;
    const others = fits.filter((_, other) => other !== character).map((row) => row[track]!);
    const margin = others.length === 0 ? 1 : Math.max(0, fit - Math.max(...others));
    for (const { sample, figure } of tracks[track]!)
      result.push({ sample, match: { key: characters[character]!.key, figure, fit, margin } });
  }
  return result;
}

/** The character (row of `fits`) a track fits best; the first of equals. */
function bestCharacter(fits: readonly (readonly number[])[], track: number): number {
  let best = 0;
  for (const [character, row] of fits.entries()) if (row[track]! > fits[best]![track]!) best = character;
  return best;
}
