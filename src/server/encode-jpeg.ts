import { createCanvas, ImageData } from '@napi-rs/canvas';
import { rgbToRgba } from '../frame/encode-png.js';
import type { VideoFrame } from '../frame/video-frame.js';

/**
 * Encodes an rgb24 frame as JPEG off the main thread (the canvas encoder runs on libuv's pool).
 *
 * @example
 * const jpeg = await encodeJpeg(frame, 80);
 */
export async function encodeJpeg(frame: VideoFrame, quality = 80): Promise<Buffer> {
  const canvas = createCanvas(frame.width, frame.height);
  const rgba = rgbToRgba(frame.data, frame.width * frame.height);
  canvas.getContext('2d').putImageData(new ImageData(rgba, frame.width, frame.height), 0, 0);
  return canvas.encode('jpeg', quality);
}
