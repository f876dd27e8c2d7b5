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

/** Sets a pixel when any pixel within `radius` (square) is set; separable, so linear in the radius. */
export function dilate(mask: Mask, radius: number): Mask {
  return separable(mask, radius, 1);
}

/** Keeps a pixel only when every pixel within `radius` (square) is set; outside the image counts as set. */
function erode(mask: Mask, radius: number): Mask {
  return separable(mask, radius, 0);
}

function separable(mask: Mask, radius: number, wanted: 0 | 1): Mask {
  const { width, height } = mask;
  const horizontal = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let hit = false;
      for (let dx = Math.max(0, x - radius); dx <= Math.min(width - 1, x + radius); dx++) {
        if (mask.data[row + dx] === wanted) {
          hit = true;
          break;
        }
      }
      horizontal[row + x] = hit ? wanted : 1 - wanted;
    }
  }
  const data = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      let hit = false;
      for (let dy = Math.max(0, y - radius); dy <= Math.min(height - 1, y + radius); dy++) {
        if (horizontal[dy * width + x] === wanted) {
          hit = true;
          break;
        }
      }
      data[y * width + x] = hit ? wanted : 1 - wanted;
    }
  }
  return { width, height, data };
}
