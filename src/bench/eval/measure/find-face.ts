import type { VideoFrame } from '../../../frame/video-frame.js';
import type { Box, Mask } from './figure-mask.js';
import { type Lab, labTable, pixelBin } from './lab-colour.js';

/** Narrowest face row, as a share of the figure's box width. */
const minFaceShare = 0.15;

/** Whether a Lab colour is a skin tone: warm hue (a and b positive, hue 25..75 degrees), moderate chroma. */
export function isSkinTone(lab: Lab): boolean {
  const [l, a, b] = lab;
  const chroma = Math.hypot(a, b);
  const hue = (Math.atan2(b, a) * 180) / Math.PI;
  return l > 25 && l < 92 && chroma > 8 && chroma < 50 && hue > 25 && hue < 75;
}

/**
 * The face of a figure: the first run of at least two rows of skin tone, each wider than a hand or an umbrella
 * handle and narrower than half the box, in the box's upper half. Undefined when none shows.
 */
export function findFace(
  frame: VideoFrame,
  mask: Mask,
  box: Box,
): { top: number; height: number; centre: number } | undefined {
  const [left, top, width, height] = box;
  const table = labTable();
  let start = -1;
  let bridge = -1;
  let sumX = 0;
  let count = 0;
  for (let y = top; y < top + Math.ceil(0.5 * height); y++) {
    let skin = 0;
    let rowX = 0;
    for (let x = left; x < left + width; x++) {
      const pixel = y * frame.width + x;
      if (mask.data[pixel] !== 1) continue;
      const cell =
        pixelBin(frame.data[pixel * 3]!, frame.data[pixel * 3 + 1]!, frame.data[pixel * 3 + 2]!) * 3;
      if (isSkinTone([table[cell]!, table[cell + 1]!, table[cell + 2]!])) {
        skin++;
        rowX += x;
      }
    }
    // A face row: wider than a hand or an umbrella handle, narrower than a coat.
    const faceRow = skin >= Math.max(2, minFaceShare * width) && skin <= 0.5 * width;
    if (faceRow) {
      if (start < 0) start = y;
      sumX += rowX;
      count += skin;
    } else if (start >= 0) {
      // One row of glasses or a mouth inside a face does not end it.
      if (bridge < 0) {
        bridge = y;
        continue;
      }
      // A face is at least two rows tall; a single row is an edge or a hand.
      const end = bridge === y - 1 ? bridge : y;
      if (end - start >= 2) return { top: start, height: end - start, centre: sumX / count };
      start = -1;
      bridge = -1;
      sumX = 0;
      count = 0;
    }
  }
  return undefined;
}

/** Longest vertical gap closed inside a figure's box, as a share of its height (a face is about 0.08). */
export const gapShare = 0.1;

/** A copy of the mask where, in each column of the box, runs of up to `gap` unset pixels between set ones are set. */
export function closeColumns(mask: Mask, box: Box, gap: number): Mask {
  const [left, top, width, height] = box;
  const data = new Uint8Array(mask.data);
  for (let x = left; x < left + width; x++) {
    let last = -1;
    for (let y = top; y < top + height; y++) {
      if (mask.data[y * mask.width + x] !== 1) continue;
      if (last >= 0 && y - last - 1 <= gap)
        for (let fill = last + 1; fill < y; fill++) data[fill * mask.width + x] = 1;
      last = y;
    }
  }
  return { width: mask.width, height: mask.height, data };
}

/** Rows of a figure's head and of its shoulders, as shares of its height from the top. */
const headRows = [0.03, 0.14] as const;
const shoulderRows = [0.22, 0.42] as const;

/**
 * Whether a blob has a person's outline seen from any side: a head clearly narrower than the shoulders under it
 * (between a fifth and two thirds of their width), over their middle, on shoulders narrower than 0.6 of its
 * height. A post, a tree trunk or a sign keeps its width to the top or widens there; a person seen from behind or
 * under a hat shows no face but this outline. Widths are the rows' extents, medians over each band.
 *
 * @example
 * headAndShoulders(closedMask, blob.box) // true for an upright person, false for a post
 */
export function headAndShoulders(mask: Mask, box: Box): boolean {
  const [left, top, width, height] = box;
  const band = (from: number, to: number) => {
    const widths: number[] = [];
    const lefts: number[] = [];
    const rights: number[] = [];
    const first = top + Math.floor(from * height);
    const last = Math.max(first + 1, top + Math.ceil(to * height));
    for (let y = first; y < last; y++) {
      let x0 = -1;
      let x1 = -1;
      for (let x = left; x < left + width; x++) {
        if (mask.data[y * mask.width + x] !== 1) continue;
        if (x0 < 0) x0 = x;
        x1 = x;
      }
      if (x0 < 0) continue;
      widths.push(x1 - x0 + 1);
      lefts.push(x0);
      rights.push(x1 + 1);
    }
    return { width: median(widths), left: median(lefts), right: median(rights) };
  };
  const head = band(...headRows);
  const shoulders = band(...shoulderRows);
  if (head.width === undefined || shoulders.width === undefined) return false;
  const headCentre = (head.left! + head.right!) / 2;
  const inset = 0.2 * shoulders.width;
  return (
    head.width >= 0.2 * shoulders.width &&
    head.width <= (2 / 3) * shoulders.width &&
    shoulders.width <= 0.6 * height &&
    headCentre >= shoulders.left! + inset &&
    headCentre <= shoulders.right! - inset
  );
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}
