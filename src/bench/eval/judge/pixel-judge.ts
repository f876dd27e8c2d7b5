import type { ScriptAnnotations } from '../../../script/script.js';
import { checkAttributes } from '../../../vision/check-attributes.js';
import { expectedLook } from '../../../vision/expected-look.js';
import type { SegmentAnalysis } from '../analyse-segments.js';
import { combineVerdict, type JudgeVerdict } from './judge.js';

/**
 * The embedded judge: per segment, presence (how close the detected head count is to the annotated one) and
 * attributes (share of expected attributes shown by the matched figures), averaged; overall = continuity, the
 * cross-segment consistency of the characters when known, else the mean segment score.
 */
export function pixelJudge(
  segments: readonly SegmentAnalysis[],
  annotations: ScriptAnnotations,
  continuity: number | undefined,
): JudgeVerdict {
  const perSegment: number[] = [];
  for (const { span, samples, present } of segments) {
    if (present === undefined) continue;
    let presence = 0;
    let attributes = 0;
    let attributeCount = 0;
    for (const sample of samples) {
      const detected = sample.figures.length;
      const larger = Math.max(detected, present.length);
      presence += larger === 0 ? 1 : Math.min(detected, present.length) / larger;
      for (const match of sample.matches) {
        const look = expectedLook(annotations.characters[match.key]!, span.segment.index);
        for (const check of checkAttributes(sample.figures[match.figure]!, look)) {
          attributes += check.matched ? 1 : 0;
          attributeCount++;
        }
      }
      attributeCount += present.length - sample.matches.length;
    }
    const presenceScore = samples.length === 0 ? 0 : presence / samples.length;
    perSegment.push(attributeCount === 0 ? presenceScore : (presenceScore + attributes / attributeCount) / 2);
  }
  const fallback =
    perSegment.length === 0 ? 0 : perSegment.reduce((sum, value) => sum + value, 0) / perSegment.length;
  return combineVerdict(perSegment, continuity === undefined ? fallback : continuity / 100);
}
