import type { VideoFrame } from '../../frame/video-frame.js';
import type { SegmentAnalysis } from './analyse-segments.js';
import { meanDifference } from './frame-difference.js';
import { median } from './score.js';

/** Offset (0..255) added to both changes so that near-static videos do not turn noise into large ratios. */
const changeFloor = 2;

/**
 * Boundary smoothness: for each prompt switch, the typical frame-to-frame change inside the two segments (median
 * over their sampled pairs) over the change across the switch, capped at 1: a cut scores low, a switch that
 * changes no more than ordinary motion scores 100.
 */
export function boundarySmoothness(
  segments: readonly SegmentAnalysis[],
  frames: readonly VideoFrame[],
): number | undefined {
  const values: number[] = [];
  for (let j = 0; j + 1 < segments.length; j++) {
    const boundary = segments[j + 1]!.span.start;
    if (boundary < 1) continue;
    const across = meanDifference(frames[boundary - 1]!, frames[boundary]!)!;
    const within: number[] = [];
    for (const { span, samples } of [segments[j]!, segments[j + 1]!]) {
      for (const { index } of samples) {
        if (index + 1 < span.end) within.push(meanDifference(frames[index]!, frames[index + 1]!)!);
      }
    }
    const typical = median(within) ?? 0;
    values.push(100 * Math.min(1, (typical + changeFloor) / (across + changeFloor)));
  }
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length;
}
