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
  let sum = 0;
  let count = 0;
  const pixels = a.width * a.height;
  const first = masks[0]?.data;
  const second = masks[1]?.data;
  const rest = masks.slice(2);
  for (let pixel = 0; pixel < pixels; pixel++) {
    if (first?.[pixel] === 1 || second?.[pixel] === 1) continue;
    if (rest.length > 0 && rest.some((mask) => mask.data[pixel] === 1)) continue;
    const offset = pixel * 3;
    sum +=
      Math.abs(a.data[offset]! - b.data[offset]!) +
      Math.abs(a.data[offset + 1]! - b.data[offset + 1]!) +
      Math.abs(a.data[offset + 2]! - b.data[offset + 2]!);
    count += 3;
  }
  return count === 0 ? undefined : sum / count;
}

/** Mean absolute difference (0..255) between a frame and the average of its two neighbours. */
export function interpolationError(previous: VideoFrame, frame: VideoFrame, next: VideoFrame): number {
  let sum = 0;
  for (let offset = 0; offset < frame.data.length; offset++) {
    sum += Math.abs(frame.data[offset]! - (previous.data[offset]! + next.data[offset]!) / 2);
  }
  return sum / frame.data.length;
}
