import type { Segment, Timeline } from '../../script/timeline.js';

/** Where NarraStream-Bench samples each segment, as fractions of its length. */
const samplePositions = [0.1, 0.3, 0.5, 0.7, 0.9] as const;

/** Frames per segment the plate (median background) is estimated from. */
export const plateSamples = 9;

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

/**
 * Every frame index the evaluation of a video of `frameCount` frames reads (`analyseSegments`, the metrics, the
 * pixel judge): each segment's plate frames, its sampled frames and their neighbours inside the segment (flickering,
 * motion smoothness, the boundary's typical change), and the two frames on either side of each switch. A caller
 * that keeps only these frames in memory gets the same scores as with all of them.
 *
 * @example
 * const keep = evaluatedFrameIndices(timeline, timeline.totalVideoFrames); // about 150 of 960 frames
 */
export function evaluatedFrameIndices(timeline: Timeline, frameCount: number): Set<number> {
  const indices = new Set<number>();
  for (const span of segmentSpans(timeline, frameCount)) {
    for (const index of spreadIndices(span, plateSamples)) indices.add(index);
    for (const index of sampleIndices(span)) {
      for (const near of [index - 1, index, index + 1])
        if (near >= span.start && near < span.end) indices.add(near);
    }
    if (span.start >= 1) {
      indices.add(span.start - 1);
      indices.add(span.start);
    }
  }
  return indices;
}
