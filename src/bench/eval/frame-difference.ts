import type { VideoFrame } from '../../frame/video-frame.js';
import type { Mask } from './measure/find-figures.js';

/**
 * Mean absolute channel difference (0..255) between two frames, over the pixels no mask marks as foreground
 * (all pixels when no mask is given). Returns undefined when no pixel is left.
 */
export function meanDifference(
  a: VideoFrame,
  b: VideoFrame,
  masks: readonly Mask[] = [],
): number | undefined {
  const pixels = a.width * a.height;
  const first = masks[0]?.data;
  const second = masks[1]?.data;
  const rest = masks.slice(2).map((mask) => mask.data);
  const left = a.data;
  const right = b.data;
  // Integer sums in pixel order, so every variant below gives the same value.
  let sum = 0;
  let count = 0;
  if (first === undefined) {
    for (let offset = 0; offset < pixels * 3; offset++) sum += Math.abs(left[offset]! - right[offset]!);
    return pixels === 0 ? undefined : sum / (pixels * 3);
  }
  for (let pixel = 0; pixel < pixels; pixel++) {
    if (first[pixel] === 1 || second?.[pixel] === 1) continue;
    if (rest.length > 0 && rest.some((data) => data[pixel] === 1)) continue;
    const offset = pixel * 3;
    sum +=
      Math.abs(left[offset]! - right[offset]!) +
      Math.abs(left[offset + 1]! - right[offset + 1]!) +
      Math.abs(left[offset + 2]! - right[offset + 2]!);
    count += 3;
  }
  return count === 0 ? undefined : sum / count;
}

/** Mean absolute difference (0..255) between a frame and the average of its two neighbours. */
export function interpolationError(previous: VideoFrame, frame: VideoFrame, next: VideoFrame): number {
  const before = previous.data;
  const data = frame.data;
  const after = next.data;
  let sum = 0;
  for (let offset = 0; offset < data.length; offset++) {
    sum += Math.abs(data[offset]! - (before[offset]! + after[offset]!) / 2);
  }
  return sum / data.length;
}
