import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createCanvas, ImageData } from '@napi-rs/canvas';
import { checkFrameSize, type VideoFrame } from './video-frame.js';

/**
 * Encodes an rgb24 frame as PNG bytes (synchronously).
 *
 * @example
 * const png = encodePng(frame); // png.subarray(0, 8) is the PNG signature
 */
export function encodePng(frame: VideoFrame): Buffer {
  return toCanvas(frame).toBuffer('image/png');
}

/**
 * Writes an rgb24 frame as a PNG file (encoding off the main thread), creating the folder when needed.
 *
 * @example
 * await writePng('out/keyframes/segment-1.png', frame);
 */
export async function writePng(path: string, frame: VideoFrame): Promise<void> {
  const png = await toCanvas(frame).encode('png');
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, png);
}

/** Expands packed RGB to RGBA with opaque alpha, as canvas ImageData needs. */
export function rgbToRgba(rgb: Uint8Array, pixels: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(pixels * 4);
  for (let pixel = 0, source = 0, target = 0; pixel < pixels; pixel++, source += 3, target += 4) {
    rgba[target] = rgb[source]!;
    rgba[target + 1] = rgb[source + 1]!;
    rgba[target + 2] = rgb[source + 2]!;
    rgba[target + 3] = 255;
  }
  return rgba;
}

function toCanvas(frame: VideoFrame) {
  checkFrameSize(frame, 'png');
  const { width, height, data } = frame;
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').putImageData(new ImageData(rgbToRgba(data, width * height), width, height), 0, 0);
  return canvas;
}
