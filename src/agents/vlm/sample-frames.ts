import type { VideoFrame } from '../../frame/video-frame.js';

/**
 * The chunk's frames at `indices` (those that exist), squeezed to `size` x `size` (`squash`, as the reference)
 * or resized to fit `size` x `size` with their aspect ratio kept (`keep-aspect`) (a 320 x 180 frame becomes 256 x 144): squashing to a square distorts figures past what pixel detection
 * accepts, while vision models take any aspect. A frame that already fits is passed as it is: enlarging adds
 * pixels to check and no detail.
 */
export function sampleFrames(
  frames: readonly VideoFrame[],
  indices: readonly number[],
  size: number,
  fit: 'keep-aspect' | 'squash' = 'keep-aspect',
): VideoFrame[] {
  return indices
    .filter((index) => index < frames.length)
    .map((index) => {
      const frame = frames[index]!;
      // The reference squeezes every frame to size x size (vlm_agent.py:15, 149).
      if (fit === 'squash') return resizeFrame(frame, size, size);
      const scale = Math.min(1, size / Math.max(frame.width, frame.height));
      const width = Math.max(1, Math.round(frame.width * scale));
      const height = Math.max(1, Math.round(frame.height * scale));
      return resizeFrame(frame, width, height);
    });
}

/**
 * Resizes an RGB frame by area averaging (each output pixel is the mean of the source pixels it covers, at least
 * one), which keeps region colours faithful for colour reading.
 */
export function resizeFrame(frame: VideoFrame, width: number, height: number): VideoFrame {
  if (frame.width === width && frame.height === height) return frame;
  const data = new Uint8Array(width * height * 3);
  const source = frame.data;
  const columns = spansOf(frame.width, width);
  const rows = spansOf(frame.height, height);
  const sourceRow = frame.width * 3;
  let target = 0;
  for (let y = 0; y < height; y += 1) {
    const top = rows[2 * y]!;
    const bottom = rows[2 * y + 1]!;
    for (let x = 0; x < width; x += 1, target += 3) {
      const left = columns[2 * x]!;
      const right = columns[2 * x + 1]!;
      if (bottom - top === 1 && right - left === 1) {
        // one source pixel (enlarging): its value, as the mean of one
        const offset = top * sourceRow + left * 3;
        data[target] = source[offset]!;
        data[target + 1] = source[offset + 1]!;
        data[target + 2] = source[offset + 2]!;
        continue;
      }
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = top; sy < bottom; sy += 1) {
        for (
          let offset = sy * sourceRow + left * 3, end = sy * sourceRow + right * 3;
          offset < end;
          offset += 3
        ) {
          r += source[offset]!;
          g += source[offset + 1]!;
          b += source[offset + 2]!;
        }
      }
      const count = (bottom - top) * (right - left);
      data[target] = Math.round(r / count);
      data[target + 1] = Math.round(g / count);
      data[target + 2] = Math.round(b / count);
    }
  }
  return { width, height, data };
}

/** Source spans [from, to) of each target index, interleaved, per (source size, target size): every chunk asks the same. */
const spanCache = new Map<string, Int32Array>();

function spansOf(sourceSize: number, targetSize: number): Int32Array {
  const key = `${sourceSize}:${targetSize}`;
  let spans = spanCache.get(key);
  if (spans !== undefined) return spans;
  spans = new Int32Array(2 * targetSize);
  for (let index = 0; index < targetSize; index += 1) {
    const from = Math.floor((index * sourceSize) / targetSize);
    spans[2 * index] = from;
    spans[2 * index + 1] = Math.max(from + 1, Math.floor(((index + 1) * sourceSize) / targetSize));
  }
  // A run sees a handful of sizes; a long-lived process asked for many keeps only the latest few.
  if (spanCache.size >= 64) spanCache.clear();
  spanCache.set(key, spans);
  return spans;
}
