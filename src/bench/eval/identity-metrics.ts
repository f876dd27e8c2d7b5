import type { ScriptAnnotations } from '../../script/script.js';
import { checkAttributes, lookFit, regionsOf } from '../../vision/check-attributes.js';
import {
  averageDescriptions,
  descriptionSimilarity,
  type FigureDescription,
  type RegionName,
} from '../../vision/describe-figure.js';
import { changedSlots, expectedLook } from '../../vision/expected-look.js';
import type { SegmentAnalysis } from './analyse-segments.js';
import { mean } from './score.js';

/** How much better another character's look must fit a figure than its own to count as a swap (0..1). */
export const swapMargin = 0.15;

/**
 * Smallest track margin (fit over the best other character on screen, 0..1) for a match to enter the
 * consistency metrics: an ambiguous match would compare two different people.
 */
const consistencyMargin = 0;

const allRegions: readonly RegionName[] = ['hair', 'head', 'neck', 'torso', 'legs'];

/** Each character's mean matched figure per segment (segment index -> key -> description). */
export function characterLooks(
  segments: readonly SegmentAnalysis[],
  minMargin = consistencyMargin,
): Map<number, Map<string, FigureDescription>> {
  const looks = new Map<number, Map<string, FigureDescription>>();
  for (const { span, samples } of segments) {
    const byKey = new Map<string, FigureDescription[]>();
    for (const sample of samples) {
      for (const match of sample.matches) {
        if ((match.margin ?? 1) < minMargin) continue;
        const list = byKey.get(match.key) ?? [];
        list.push(sample.figures[match.figure]!);
        byKey.set(match.key, list);
      }
    }
    const averaged = new Map<string, FigureDescription>();
    for (const [key, list] of byKey) averaged.set(key, averageDescriptions(list)!);
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
        const changed = new Set(
          [...changedSlots(annotation, from, to)].flatMap((slot) => regionsOf(slot, true)),
        );
        const kept = new Set(allRegions.filter((region) => !changed.has(region)));
        const similarity = descriptionSimilarity(before, after, kept);
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

/** Pairs of segments (any distance) that share a matched character, ignoring changed slots. */
function comparisons(looks: Map<number, Map<string, FigureDescription>>): number {
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
 * Identity swaps: the share of matched (frame, character) pairs whose figure does not fit another annotated
 * character's expected look better than its own by {@link swapMargin}.
 */
export function identitySwaps(
  segments: readonly SegmentAnalysis[],
  annotations: ScriptAnnotations,
): number | undefined {
  const values: number[] = [];
  const keys = Object.keys(annotations.characters);
  for (const { span, samples } of segments) {
    const looks = new Map(
      keys.map((key) => [key, expectedLook(annotations.characters[key]!, span.segment.index)]),
    );
    for (const sample of samples) {
      for (const match of sample.matches) {
        const figure = sample.figures[match.figure]!;
        const own = lookFit(figure, looks.get(match.key)!);
        if (own === undefined) continue;
        const others = keys
          .filter((key) => key !== match.key)
          .map((key) => lookFit(figure, looks.get(key)!) ?? 0);
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
        const checks = checkAttributes(
          sample.figures[match.figure]!,
          expectedLook(annotations.characters[key]!, span.segment.index),
        );
        values.push(
          checks.length === 0 ? 100 : (100 * checks.filter((check) => check.matched).length) / checks.length,
        );
      }
    }
  }
  return mean(values);
}
