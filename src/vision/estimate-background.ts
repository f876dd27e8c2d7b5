import type { VideoFrame } from '../frame/video-frame.js';
import { cleanPlate } from './clean-plate.js';

/**
 * The background of a shot as the per-pixel, per-channel temporal median of frames of that shot: figures move,
 * so at each pixel most frames show the background. A figure that stands still in more than half of the frames
 * becomes part of the estimate (and is then not detected).
 *
 * @example
 * const background = estimateBackground(framesOfSegment.slice(0, 15));
 */
export function estimateBackground(frames: readonly VideoFrame[]): VideoFrame {
  const first = frames[0];
  if (first === undefined) throw new Error('estimateBackground needs at least one frame');
  const { width, height } = first;
  const data = new Uint8Array(width * height * 3);
  const count = frames.length;
  const planes = frames.map((frame) => frame.data);
  const values = new Uint8Array(count);
  const middle = count >> 1;
  const odd = count % 2 === 1;
  for (let offset = 0; offset < data.length; offset++) {
    // Insertion sort: a few dozen values per pixel, far cheaper than a general sort call.
    for (let index = 0; index < count; index++) {
      const value = planes[index]![offset]!;
      let at = index;
      while (at > 0 && values[at - 1]! > value) {
        values[at] = values[at - 1]!;
        at--;
      }
      values[at] = value;
    }
    data[offset] = odd ? values[middle]! : (values[middle - 1]! + values[middle]!) >> 1;
  }
  return { width, height, data };
}

/**
 * The background of a shot for figure detection: the temporal median with figures that never moved removed by
 * {@link cleanPlate}.
 */
export function estimateSceneBackground(frames: readonly VideoFrame[]): VideoFrame {
  return cleanPlate(estimateBackground(frames));
}
