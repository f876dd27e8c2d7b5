import type { VideoFrame } from '../frame/video-frame.js';

/**
 * A synthetic rgb24 frame of large colour blocks that drift right by `shift` pixels per frame index: easy for
 * H.264 to keep, so round-trip errors measure the pipeline, not the codec. Used by tests and speed checks.
 *
 * @example
 * const frame = createBlockFrame(480, 270, 7);
 */
export function createBlockFrame(
  width: number,
  height: number,
  index: number,
  block = 32,
  shift = 2,
): VideoFrame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / block);
    for (let x = 0; x < width; x++) {
      const column = Math.floor((x + index * shift) / block);
      const offset = (y * width + x) * 3;
      data[offset] = (column * 53 + 20) % 256;
      data[offset + 1] = (row * 71 + 40) % 256;
      data[offset + 2] = ((column + row) * 37 + 90) % 256;
    }
  }
  return { width, height, data };
}

/** Mean absolute difference per byte of two equally sized rgb24 frames (or of the top-left region they share). */
export function meanAbsoluteError(a: VideoFrame, b: VideoFrame): number {
  const width = Math.min(a.width, b.width);
  const height = Math.min(a.height, b.height);
  let total = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width * 3; x++) {
      total += Math.abs(a.data[y * a.width * 3 + x]! - b.data[y * b.width * 3 + x]!);
    }
  }
  return total / (width * height * 3);
}
