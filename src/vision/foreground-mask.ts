import type { VideoFrame } from '../frame/video-frame.js';

/** A binary image: 1 = foreground, row-major, `width * height` entries. */
export interface Mask {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** 0 or 1 per pixel. */
  data: Uint8Array;
}

/**
 * Pixels whose colour differs from the background by more than `threshold` (the largest channel difference,
 * 0..255), cleaned by a morphological opening (drops specks of noise and compression) then a closing (fills small
 * holes inside figures).
 */
export function foregroundMask(frame: VideoFrame, background: VideoFrame, threshold = 36): Mask {
  const { width, height } = frame;
  const data = new Uint8Array(width * height);
  for (let pixel = 0, offset = 0; pixel < data.length; pixel++, offset += 3) {
    const dr = Math.abs(frame.data[offset]! - background.data[offset]!);
    const dg = Math.abs(frame.data[offset + 1]! - background.data[offset + 1]!);
    const db = Math.abs(frame.data[offset + 2]! - background.data[offset + 2]!);
    data[pixel] = Math.max(dr, dg, db) > threshold ? 1 : 0;
  }
  const mask = { width, height, data };
  return close(open(mask, 1), 2);
}

/** Erosion then dilation with a square of side 2r+1. */
export function open(mask: Mask, radius: number): Mask {
  return dilate(erode(mask, radius), radius);
}

/** Dilation then erosion with a square of side 2r+1. */
export function close(mask: Mask, radius: number): Mask {
  return erode(dilate(mask, radius), radius);
}

/** Sets a pixel when any pixel within `radius` (square) is set; separable with running counts, so the radius costs nothing. */
export function dilate(mask: Mask, radius: number): Mask {
  return separable(mask, radius, 1);
}

/** Keeps a pixel only when every pixel within `radius` (square) is set; outside the image counts as set. */
function erode(mask: Mask, radius: number): Mask {
  return separable(mask, radius, 0);
}

function separable(mask: Mask, radius: number, wanted: 0 | 1): Mask {
  const { width, height } = mask;
  // Running counts of `wanted` pixels: a window holds one when its count difference is positive.
  const horizontal = new Uint8Array(width * height);
  const rowCounts = new Int32Array(width + 1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++)
      rowCounts[x + 1] = rowCounts[x]! + (mask.data[row + x] === wanted ? 1 : 0);
    for (let x = 0; x < width; x++) {
      const hit = rowCounts[Math.min(width, x + radius + 1)]! - rowCounts[Math.max(0, x - radius)]! > 0;
      horizontal[row + x] = hit ? wanted : 1 - wanted;
    }
  }
  const columnCounts = new Int32Array((height + 1) * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0, at = y * width; x < width; x++, at++)
      columnCounts[at + width] = columnCounts[at]! + (horizontal[at] === wanted ? 1 : 0);
  }
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const below = Math.min(height, y + radius + 1) * width;
    const above = Math.max(0, y - radius) * width;
    for (let x = 0; x < width; x++) {
      const hit = columnCounts[below + x]! - columnCounts[above + x]! > 0;
      data[y * width + x] = hit ? wanted : 1 - wanted;
    }
  }
  return { width, height, data };
}
