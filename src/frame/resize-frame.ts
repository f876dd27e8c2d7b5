import { createCanvas, ImageData } from '@napi-rs/canvas';
import { rgbToRgba } from './encode-png.js';
import type { VideoFrame } from './video-frame.js';

/**
 * The frame scaled to `width` x `height` by nearest pixel (colours stay exact; the same object when it already
 * has that size).
 *
 * @example
 * resizeFrame(photo, 480, 270).data.length // 480 * 270 * 3
 */
export function resizeFrame(image: VideoFrame, width: number, height: number): VideoFrame {
  if (image.width === width && image.height === height) return image;
  const source = createCanvas(image.width, image.height);
  source
    .getContext('2d')
    .putImageData(
      new ImageData(rgbToRgba(image.data, image.width * image.height), image.width, image.height),
      0,
      0,
    );
  const target = createCanvas(width, height);
  const context = target.getContext('2d');
  context.imageSmoothingEnabled = false;
  context.drawImage(source, 0, 0, width, height);
  return { width, height, data: rgbaToRgb(context.getImageData(0, 0, width, height).data) };
}

function rgbaToRgb(rgba: Uint8ClampedArray): Uint8Array {
  const data = new Uint8Array((rgba.length / 4) * 3);
  for (let source = 0, target = 0; target < data.length; source += 4, target += 3) {
    data[target] = rgba[source]!;
    data[target + 1] = rgba[source + 1]!;
    data[target + 2] = rgba[source + 2]!;
  }
  return data;
}
