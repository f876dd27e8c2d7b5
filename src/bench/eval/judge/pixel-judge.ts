import { attributeEvidence } from '../measure/attribute-evidence.js';
import { attributesAt } from '../measure/expected-attributes.js';
import { combineVerdict, type JudgeInput, type JudgeV1, type JudgeVerdict } from './judge.js';

/** Settings of the pixel judge. */
export interface PixelJudgeSettings {
  /** Model identifier recorded in reports. Default `pixel-v1`. */
  modelId?: string;
}

/**
 * The embedded judge, a model-free proxy for a vision judge: it reads the pixels the evaluation already analysed.
 *
 * @example
 * const verdict = await createPixelJudge().score({ frames, segments: analyseSegments(frames, timeline, annotations), annotations });
 */
export function createPixelJudge(settings: PixelJudgeSettings = {}): JudgeV1 {
  return {
    specificationVersion: 'v1',
    provider: 'pixel',
    modelId: settings.modelId ?? 'pixel-v1',
    description: 'embedded pixel judge: head count + named colours per region, continuity overall',
    score: async (input) => scoreWithPixels(input),
  };
}

/**
 * Per segment, presence (how close the detected head count is to the annotated one) and
 * attributes (share of expected attributes shown by the matched figures), averaged; overall = continuity, the
 * cross-segment consistency of the characters when known, else the mean segment score.
 */
function scoreWithPixels({ segments, annotations, continuity }: JudgeInput): JudgeVerdict {
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
        const look = attributesAt(annotations.characters[match.key]!, span.segment.index);
        for (const check of attributeEvidence(sample.figures[match.figure]!, look)) {
          attributes += check.shown ? 1 : 0;
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
