import type { SegmentAnalysis } from '../bench/eval/analyse-segments.js';
import type { AnalysisContext } from '../bench/eval/evaluate-run-dir.js';
import { characterLooks } from '../bench/eval/identity-metrics.js';
import { identityTimeline } from '../bench/runner/identity-timeline.js';

/** One expected character in one segment. */
export interface SegmentCharacter {
  /** The character's annotation key. */
  character: string;
  /** Whether the pixel analysis matched a figure on screen to the character in this segment. */
  grounded: boolean;
  /**
   * 0..100: how consistent its look here is with its other appearances (the bench's identity timeline); null when
   * it was not matched here or nowhere else.
   */
  consistency: number | null;
}

/** One segment (prompt) of the evaluation's per-segment breakdown. */
export interface SegmentBreakdown {
  /** 0-based segment index. */
  index: number;
  /** The segment's prompt. */
  prompt: string;
  /** Keys of the characters the annotations put on screen; null without annotations. */
  expected: string[] | null;
  /** One entry per expected character, same order (empty without annotations). */
  characters: SegmentCharacter[];
}

/**
 * The per-segment breakdown written into a served run's evaluation.json, from the evaluator's own pixel analysis:
 * who the annotations expect on screen, whether each was found, and how consistent each looks with its other
 * appearances. No new metric: grounding and consistency are those of the bench's identity timeline.
 */
export function segmentBreakdown(
  analysis: readonly SegmentAnalysis[],
  { timeline, annotations }: AnalysisContext,
): SegmentBreakdown[] {
  if (annotations === undefined) {
    return timeline.segments.map((segment) => ({
      index: segment.index,
      prompt: segment.prompt,
      expected: null,
      characters: [],
    }));
  }
  const looks = characterLooks(analysis);
  const points = identityTimeline(analysis, timeline, annotations);
  return timeline.segments.map((segment) => {
    const expected = (annotations.present[segment.index] ?? []).filter(
      (key) => key in annotations.characters,
    );
    return {
      index: segment.index,
      prompt: segment.prompt,
      expected,
      characters: expected.map((character) => ({
        character,
        grounded: looks.get(segment.index)?.has(character) ?? false,
        consistency:
          points.find((point) => point.segment === segment.index && point.character === character)
            ?.consistency ?? null,
      })),
    };
  });
}
