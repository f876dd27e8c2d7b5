import { createCanvas, ImageData } from '@napi-rs/canvas';
import { rgbToRgba } from '../frame/encode-png.js';
import type { VideoFrame } from '../frame/video-frame.js';

function toCanvas(frame: VideoFrame) {
  const canvas = createCanvas(frame.width, frame.height);
  const rgba = rgbToRgba(frame.data, frame.width * frame.height);
  canvas.getContext('2d').putImageData(new ImageData(rgba, frame.width, frame.height), 0, 0);
  return canvas;
}

/**
 * Encodes an rgb24 frame as JPEG off the main thread (the canvas encoder runs on libuv's pool).
 *
 * @example
 * const jpeg = await encodeJpeg(frame, 80);
 */
export async function encodeJpeg(frame: VideoFrame, quality = 80): Promise<Buffer> {
  return toCanvas(frame).encode('jpeg', quality);
}

/** Encodes an rgb24 frame as JPEG on the calling thread (a few ms at 480x270: for a frame that must leave now). */
export function encodeJpegSync(frame: VideoFrame, quality = 80): Buffer {
  return toCanvas(frame).encodeSync('jpeg', quality);
}
