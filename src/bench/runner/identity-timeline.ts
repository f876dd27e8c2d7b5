import type { ScriptAnnotations } from '../../script/script.js';
import type { Timeline } from '../../script/timeline.js';
import type { SegmentAnalysis } from '../eval/analyse-segments.js';
import { characterLooks, lookSimilarity } from '../eval/identity-metrics.js';
import type { IdentityPoint } from '../store/run-record.js';

/**
 * Per character and segment: is it on screen, and how similar (0..100) its matched figure is, on average, to its
 * matched figures in the other segments where it appears (regions whose attributes changed left out). The same
 * pixel analysis as the evaluator's conditional consistency, kept per segment for the report's timelines.
 */
export function identityTimeline(
  analysis: readonly SegmentAnalysis[],
  timeline: Timeline,
  annotations: ScriptAnnotations,
): IdentityPoint[] {
  const looks = characterLooks(analysis);
  const points: IdentityPoint[] = [];
  for (const character of Object.keys(annotations.characters)) {
    const annotation = annotations.characters[character]!;
    for (const segment of timeline.segments.map((item) => item.index)) {
      const present = annotations.present[segment]?.includes(character) ?? false;
      const own = looks.get(segment)?.get(character);
      let consistency: number | null = null;
      if (own !== undefined) {
        const similarities: number[] = [];
        for (const [other, byCharacter] of looks) {
          const look = byCharacter.get(character);
          if (other === segment || look === undefined) continue;
          const [from, to] = segment < other ? [segment, other] : [other, segment];
          const similarity = lookSimilarity(own, look, annotation, from, to); // symmetric in the two looks
          if (similarity !== undefined) similarities.push(100 * similarity);
        }
        if (similarities.length > 0) {
          consistency =
            Math.round((similarities.reduce((a, b) => a + b, 0) / similarities.length) * 100) / 100;
        }
      }
      points.push({ segment, character, present, consistency });
    }
  }
  return points;
}
