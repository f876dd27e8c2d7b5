import type { CharacterAnnotation } from '../../script/annotation-schema.js';
import type { ScriptAnnotations } from '../../script/script.js';
import type { SegmentAnalysis } from './analyse-segments.js';
import { partsOf, shownShare } from './measure/attribute-evidence.js';
import { attributesAt, changedPlaces } from './measure/expected-attributes.js';
import {
  type BodyPart,
  bodyParts,
  type FigureReading,
  poolReadings,
  readingSimilarity,
} from './measure/read-figure.js';
import { mean } from './score.js';

/** How much larger the share of another character's attributes a figure shows must be to count as a swap (0..1). */
export const swapMargin = 0.15;

/**
 * Smallest track margin (fit over the best other character on screen, 0..1) for a match to enter the
 * consistency metrics: an ambiguous match would compare two different people.
 */
const consistencyMargin = 0;

/** Each character's mean matched figure per segment (segment index -> key -> description). */
export function characterLooks(
  segments: readonly SegmentAnalysis[],
  minMargin = consistencyMargin,
): Map<number, Map<string, FigureReading>> {
  const looks = new Map<number, Map<string, FigureReading>>();
  for (const { span, samples } of segments) {
    const byKey = new Map<string, FigureReading[]>();
    for (const sample of samples) {
      for (const match of sample.matches) {
        if ((match.margin ?? 1) < minMargin) continue;
        const list = byKey.get(match.key) ?? [];
        list.push(sample.figures[match.figure]!);
        byKey.set(match.key, list);
      }
    }
    const averaged = new Map<string, FigureReading>();
    for (const [key, list] of byKey) averaged.set(key, poolReadings(list)!);
    looks.set(span.segment.index, averaged);
  }
  return looks;
}

/**
 * Conditional consistency of each annotated character between two segments where it appears: similarity of its
 * mean matched figures over the regions whose expected attributes did not change. `adjacent` takes neighbouring
 * segments, `longRange` segments two or more apart (including reappearances after an absence).
 */
export function conditionalConsistency(
  segments: readonly SegmentAnalysis[],
  annotations: ScriptAnnotations,
  minMargin = consistencyMargin,
): { adjacent: number | undefined; longRange: number | undefined; compared: number; possible: number } {
  const looks = characterLooks(segments, minMargin);
  const possible = comparisons(characterLooks(segments, Number.NEGATIVE_INFINITY));
  const adjacent: number[] = [];
  const longRange: number[] = [];
  const indices = [...looks.keys()].sort((a, b) => a - b);
  for (const [i, from] of indices.entries()) {
    for (const to of indices.slice(i + 1)) {
      for (const [key, before] of looks.get(from)!) {
        const after = looks.get(to)!.get(key);
        const annotation = annotations.characters[key];
        if (after === undefined || annotation === undefined) continue;
        const similarity = lookSimilarity(before, after, annotation, from, to);
        if (similarity === undefined) continue;
        (to - from === 1 ? adjacent : longRange).push(100 * similarity);
      }
    }
  }
  return {
    adjacent: mean(adjacent),
    longRange: mean(longRange),
    compared: adjacent.length + longRange.length,
    possible,
  };
}

/**
 * Similarity (0..1) of a character's pooled looks at two prompts, as the consistency metrics compare them: the
 * parts whose expected attributes did not change, and an open coat's sides with the torso (a coat that changes
 * colour is drift even where the top between its sides reads the same). Undefined when no part is shared.
 */
export function lookSimilarity(
  before: FigureReading,
  after: FigureReading,
  annotation: CharacterAnnotation,
  from: number,
  to: number,
): number | undefined {
  return readingSimilarity(before, after, unchangedParts(annotation, from, to), ['flanks']);
}

/** The body parts whose expected attributes are the same at two prompts (changed places left out). */
export function unchangedParts(annotation: CharacterAnnotation, from: number, to: number): Set<BodyPart> {
  const changed = new Set([...changedPlaces(annotation, from, to)].flatMap((place) => partsOf(place)));
  return new Set(bodyParts.filter((part) => !changed.has(part)));
}

/** Pairs of segments (any distance) that share a matched character, ignoring changed slots. */
function comparisons(looks: Map<number, Map<string, FigureReading>>): number {
  const indices = [...looks.keys()].sort((a, b) => a - b);
  let count = 0;
  for (const [i, from] of indices.entries())
    for (const to of indices.slice(i + 1))
      for (const key of looks.get(from)!.keys()) if (looks.get(to)!.has(key)) count++;
  return count;
}

/**
 * Duplication: per sampled frame, the annotated count over the detected count when more figures show than
 * characters are present (1 otherwise; 0 when figures show in a frame that should be empty).
 */
export function duplication(segments: readonly SegmentAnalysis[]): number | undefined {
  const values: number[] = [];
  for (const { samples, present } of segments) {
    if (present === undefined) continue;
    for (const { figures } of samples) {
      const detected = figures.length;
      values.push(100 * (detected <= present.length ? 1 : present.length / detected));
    }
  }
  return mean(values);
}

/**
 * Identity swaps: the share of matched (frame, character) pairs whose figure does not show more of another
 * annotated character's expected attributes than of its own, by {@link swapMargin} (shares of the checkable
 * attributes shown, as grounding counts them).
 */
export function identitySwaps(
  segments: readonly SegmentAnalysis[],
  annotations: ScriptAnnotations,
): number | undefined {
  const values: number[] = [];
  const keys = Object.keys(annotations.characters);
  for (const { span, samples } of segments) {
    const looks = new Map(
      keys.map((key) => [key, attributesAt(annotations.characters[key]!, span.segment.index)]),
    );
    for (const sample of samples) {
      for (const match of sample.matches) {
        const figure = sample.figures[match.figure]!;
        const own = shownShare(figure, looks.get(match.key)!);
        if (own === undefined) continue;
        const others = keys
          .filter((key) => key !== match.key)
          .map((key) => shownShare(figure, looks.get(key)!) ?? 0);
        values.push(Math.max(0, ...others) > own + swapMargin ? 0 : 100);
      }
    }
  }
  return mean(values);
}

/**
 * Entity grounding: per sampled frame and annotated character on screen, the share of its checkable expected
 * attributes (changes applied) that its matched figure shows; 0 when no figure matched it.
 */
export function entityGrounding(
  segments: readonly SegmentAnalysis[],
  annotations: ScriptAnnotations,
): number | undefined {
  const values: number[] = [];
  for (const { span, samples, present } of segments) {
    if (present === undefined) continue;
    for (const sample of samples) {
      for (const key of present) {
        const match = sample.matches.find((item) => item.key === key);
        if (match === undefined) {
          values.push(0);
          continue;
        }
        const share = shownShare(
          sample.figures[match.figure]!,
          attributesAt(annotations.characters[key]!, span.segment.index),
        );
        values.push(100 * (share ?? 1));
      }
    }
  }
  return mean(values);
}
