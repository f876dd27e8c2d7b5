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
  const size = width * height;
  const pixels = frame.data;
  const plate = background.data;
  // The threshold and the cleanup run in scratch planes; only the last pass writes the returned mask.
  const first = scratchPlane(3, size);
  for (let pixel = 0, offset = 0; pixel < size; pixel++, offset += 3) {
    const dr = pixels[offset]! - plate[offset]!;
    const dg = pixels[offset + 1]! - plate[offset + 1]!;
    const db = pixels[offset + 2]! - plate[offset + 2]!;
    first[pixel] =
      dr > threshold ||
      -dr > threshold ||
      dg > threshold ||
      -dg > threshold ||
      db > threshold ||
      -db > threshold
        ? 1
        : 0;
  }
  const data = new Uint8Array(size);
  openThenCloseInto(first, data, width, height, 1, 2);
  return { width, height, data };
}

/**
 * A morphological opening with a square of side 2a+1 then a closing with one of side 2b+1, as
 * `close(open(mask, a), b)` but in three passes instead of four.
 */
export function openThenClose(mask: Mask, openRadius: number, closeRadius: number): Mask {
  const { width, height } = mask;
  const data = new Uint8Array(width * height);
  openThenCloseInto(mask.data, data, width, height, openRadius, closeRadius);
  return { width, height, data };
}

function openThenCloseInto(
  source: Uint8Array,
  target: Uint8Array,
  width: number,
  height: number,
  openRadius: number,
  closeRadius: number,
): void {
  const first = scratchPlane(0, width * height);
  const second = scratchPlane(1, width * height);
  // erode a, dilate a, dilate b, erode b; the two dilations are one of radius a + b (a pixel within a + b of a set
  // one inside the frame is within a of a point within b of it, inside the frame too).
  separableInto(source, second, width, height, openRadius, 0);
  separableInto(second, first, width, height, openRadius + closeRadius, 1);
  separableInto(first, target, width, height, closeRadius, 0);
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
  const data = new Uint8Array(width * height);
  separableInto(mask.data, data, width, height, radius, wanted);
  return { width, height, data };
}

/** Scratch planes of the verifier's thread, grown to the largest frame seen: a mask per call costs no allocation. */
const planes: Uint8Array[] = [0, 1, 2, 3].map(() => new Uint8Array(0));
let columnCounts = new Int32Array(0);

function scratchPlane(index: number, size: number): Uint8Array {
  if (planes[index]!.length < size) planes[index] = new Uint8Array(size);
  return planes[index]!;
}

/**
 * One square dilation (`wanted` 1) or erosion (`wanted` 0) from `source` into `target` (both `width * height`):
 * a pixel becomes `wanted` when any pixel within `radius` (clipped to the image) is `wanted`. A sliding count along
 * each row, then one down each column.
 */
function separableInto(
  source: Uint8Array,
  target: Uint8Array,
  width: number,
  height: number,
  radius: number,
  wanted: 0 | 1,
): void {
  const other = 1 - wanted;
  const horizontal = scratchPlane(2, width * height);
  for (let row = 0; row < width * height; row += width) {
    let count = 0;
    for (let x = 0; x < radius && x < width; x++) if (source[row + x] === wanted) count++;
    for (let x = 0; x < width; x++) {
      if (x + radius < width && source[row + x + radius] === wanted) count++;
      if (x - radius - 1 >= 0 && source[row + x - radius - 1] === wanted) count--;
      horizontal[row + x] = count > 0 ? wanted : other;
    }
  }
  if (width % 4 === 0 && target.byteOffset % 4 === 0) {
    verticalWords(horizontal, target, width, height, radius, wanted);
    return;
  }
  if (columnCounts.length < width) columnCounts = new Int32Array(width);
  const counts = columnCounts;
  counts.fill(0, 0, width);
  // horizontal holds only 0 and 1: a pixel is wanted when it equals `wanted`, so count (value xor other).
  for (let y = 0; y < radius && y < height; y++)
    for (let x = 0, at = y * width; x < width; x++, at++) counts[x]! += horizontal[at]! ^ other;
  for (let y = 0; y < height; y++) {
    const added = y + radius < height ? (y + radius) * width : -1;
    const removed = y - radius - 1 >= 0 ? (y - radius - 1) * width : -1;
    const row = y * width;
    // The window moves down one row: add the row entering it, drop the row leaving it, then read each column.
    if (added >= 0 && removed >= 0) {
      for (let x = 0; x < width; x++) {
        const count = counts[x]! + (horizontal[added + x]! ^ other) - (horizontal[removed + x]! ^ other);
        counts[x] = count;
        target[row + x] = count > 0 ? wanted : other;
      }
    } else {
      for (let x = 0; x < width; x++) {
        let count = counts[x]!;
        if (added >= 0) count += horizontal[added + x]! ^ other;
        if (removed >= 0) count -= horizontal[removed + x]! ^ other;
        counts[x] = count;
        target[row + x] = count > 0 ? wanted : other;
      }
    }
  }
}

/**
 * The vertical pass four pixels at a time, for rows that fill whole 32-bit words: pixels are 0 or 1, so a bytewise
 * OR of the window's rows is a dilation and an AND an erosion (the window clipped to the frame).
 */
function verticalWords(
  horizontal: Uint8Array,
  target: Uint8Array,
  width: number,
  height: number,
  radius: number,
  wanted: 0 | 1,
): void {
  const words = width >> 2;
  const source = new Uint32Array(horizontal.buffer, horizontal.byteOffset, words * height);
  const output = new Uint32Array(target.buffer, target.byteOffset, words * height);
  for (let y = 0; y < height; y++) {
    const out = y * words;
    const first = Math.max(0, y - radius) * words;
    const last = Math.min(height - 1, y + radius) * words;
    output.set(source.subarray(first, first + words), out);
    for (let row = first + words; row <= last; row += words) {
      if (wanted === 1) for (let x = 0; x < words; x++) output[out + x]! |= source[row + x]!;
      else for (let x = 0; x < words; x++) output[out + x]! &= source[row + x]!;
    }
  }
}
