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
  // Column spans are the same on every row: computed once.
  const lefts = new Int32Array(width);
  const rights = new Int32Array(width);
  for (let x = 0; x < width; x += 1) {
    lefts[x] = Math.floor((x * frame.width) / width);
    rights[x] = Math.max(lefts[x]! + 1, Math.floor(((x + 1) * frame.width) / width));
  }
  let target = 0;
  for (let y = 0; y < height; y += 1) {
    const top = Math.floor((y * frame.height) / height);
    const bottom = Math.max(top + 1, Math.floor(((y + 1) * frame.height) / height));
    for (let x = 0; x < width; x += 1, target += 3) {
      const left = lefts[x]!;
      const right = rights[x]!;
      if (bottom - top === 1 && right - left === 1) {
        // one source pixel (enlarging): its value, as the mean of one
        const offset = (top * frame.width + left) * 3;
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
          let offset = (sy * frame.width + left) * 3, end = (sy * frame.width + right) * 3;
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
