import type { Segment, Timeline } from '../../script/timeline.js';

/** Where NarraStream-Bench samples each segment, as fractions of its length. */
const samplePositions = [0.1, 0.3, 0.5, 0.7, 0.9] as const;

/** A segment's span in video frames. */
export interface SegmentSpan {
  /** The timeline segment. */
  segment: Segment;
  /** First video frame (inclusive). */
  start: number;
  /** Last video frame (exclusive); at least `start + 1`. */
  end: number;
}

/** Maps each timeline segment onto a video of `frameCount` frames, proportionally to latent frames. */
export function segmentSpans(timeline: Timeline, frameCount: number): SegmentSpan[] {
  const total = Math.max(1, timeline.totalLatentFrames);
  return timeline.segments.map((segment) => {
    const start = Math.min(frameCount - 1, Math.round((segment.startFrame / total) * frameCount));
    const end = Math.max(
      start + 1,
      Math.min(frameCount, Math.round((segment.endFrame / total) * frameCount)),
    );
    return { segment, start, end };
  });
}

/** The sampled frame indices of a span at {@link samplePositions}, deduplicated. */
export function sampleIndices(span: SegmentSpan): number[] {
  const length = span.end - span.start;
  const indices = samplePositions.map(
    (position) => span.start + Math.min(length - 1, Math.floor(position * length)),
  );
  return [...new Set(indices)];
}

/** Up to `count` frame indices spread evenly over a span (for background estimation). */
export function spreadIndices(span: SegmentSpan, count: number): number[] {
  const length = span.end - span.start;
  if (length <= count) return Array.from({ length }, (_, index) => span.start + index);
  return Array.from(
    { length: count },
    (_, index) => span.start + Math.floor(((index + 0.5) * length) / count),
  );
}
