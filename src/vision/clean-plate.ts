import type { VideoFrame } from '../frame/video-frame.js';
import { connectedComponents } from './connected-components.js';
import { dilate, type Mask, openThenClose } from './foreground-mask.js';

/** Tuning of {@link cleanPlate}. */
export interface CleanPlateOptions {
  /** Half height of the row band whose colours count as scenery, as a fraction of the frame height. Default 0.25. */
  band?: number;
  /** A colour rarer than this share of its row band is a candidate figure pixel. Default 0.1. */
  rarity?: number;
  /** Smallest candidate height as a fraction of the frame height. Default 0.12. */
  minHeight?: number;
}

/**
 * Removes figures that stand still from a background estimate. A temporal median keeps a figure that never
 * moves. Scenery colours fill a large share of their rows (sky, walls, buildings, ground); a figure's colours
 * do not. Rare-colour blobs shaped like a person (upright, with a skin-coloured head near the top) are painted
 * over by interpolating each row between the scenery on either side.
 */
export function cleanPlate(median: VideoFrame, options: CleanPlateOptions = {}): VideoFrame {
  const { width, height } = median;
  const candidates = openThenClose(rareColors(median, options), 1, 1);
  const minHeight = (options.minHeight ?? 0.12) * height;
  const figures: Mask = { width, height, data: new Uint8Array(width * height) };
  let found = false;
  for (const component of connectedComponents(candidates)) {
    const [left, top, boxWidth, boxHeight] = component.box;
    if (boxHeight < minHeight || boxWidth < 0.25 * boxHeight || boxWidth > 1.6 * boxHeight) continue;
    if (!hasHead(median, component.box)) continue;
    found = true;
    // Fill each row between its outermost figure pixels: clothing close to a scenery colour leaves holes.
    for (let y = top; y < top + boxHeight; y++) {
      let first = -1;
      let last = -1;
      for (let x = left; x < left + boxWidth; x++) {
        if (candidates.data[y * width + x] !== 1) continue;
        if (first < 0) first = x;
        last = x;
      }
      if (first >= 0) figures.data.fill(1, y * width + first, y * width + last + 1);
    }
  }
  if (!found) return median;
  return inpaintRows(median, dilate(figures, 1));
}

/** Whether an RGB colour lies near the skin tones of people (light to dark brown). */
export function isSkin(red: number, green: number, blue: number): boolean {
  // Skin runs from about (241,213,182) to (95,60,40): red leads, blue trails, green in between.
  if (!(red > green && green > blue)) return false;
  const t = Math.max(0, Math.min(1, (241 - red) / 146));
  return Math.abs(green - (213 - 153 * t)) < 28 && Math.abs(blue - (182 - 142 * t)) < 34;
}

/** Pixels whose colour (4-bit levels, with neighbouring levels) fills less than `rarity` of their row band. */
function rareColors(frame: VideoFrame, options: CleanPlateOptions): Mask {
  const { width, height } = frame;
  const reach = Math.max(2, Math.round((options.band ?? 0.25) * height));
  const rarity = options.rarity ?? 0.1;
  const bins = new Uint16Array(width * height);
  for (let pixel = 0; pixel < bins.length; pixel++) {
    const offset = pixel * 3;
    bins[pixel] =
      ((frame.data[offset]! >> 4) << 8) |
      ((frame.data[offset + 1]! >> 4) << 4) |
      (frame.data[offset + 2]! >> 4);
  }
  const histogram = new Int32Array(4096);
  const addRow = (y: number, sign: number) => {
    for (let x = 0; x < width; x++) histogram[bins[y * width + x]!]! += sign;
  };
  for (let y = 0; y < Math.min(height, reach + 1); y++) addRow(y, 1);
  const data = new Uint8Array(width * height);
  const memo = new Int32Array(4096).fill(-1);
  const touched: number[] = [];
  for (let y = 0; y < height; y++) {
    if (y - reach - 1 >= 0) addRow(y - reach - 1, -1);
    if (y > 0 && y + reach < height) addRow(y + reach, 1);
    const rows = Math.min(height - 1, y + reach) - Math.max(0, y - reach) + 1;
    const limit = rarity * rows * width;
    // Rows hold few distinct colours: count each bin's neighbourhood once per row.
    touched.length = 0;
    for (let x = 0; x < width; x++) {
      const bin = bins[y * width + x]!;
      let count = memo[bin]!;
      if (count < 0) {
        count = neighbourhoodCount(histogram, bin);
        memo[bin] = count;
        touched.push(bin);
      }
      data[y * width + x] = count < limit ? 1 : 0;
    }
    for (const bin of touched) memo[bin] = -1;
  }
  return { width, height, data };
}

function neighbourhoodCount(histogram: Int32Array, bin: number): number {
  let count = 0;
  for (let dr = -1; dr <= 1; dr++) {
    const r = (bin >> 8) + dr;
    if (r < 0 || r > 15) continue;
    for (let dg = -1; dg <= 1; dg++) {
      const g = ((bin >> 4) & 15) + dg;
      if (g < 0 || g > 15) continue;
      for (let db = -1; db <= 1; db++) {
        const b = (bin & 15) + db;
        if (b >= 0 && b <= 15) count += histogram[(r << 8) | (g << 4) | b]!;
      }
    }
  }
  return count;
}

function hasHead(frame: VideoFrame, box: readonly [number, number, number, number]): boolean {
  const [left, top, width, height] = box;
  // A face is a narrow run of skin colour in the top 40 % (an umbrella can fill the top quarter); rows where
  // skin-like colour spans most of the width are a brown coat or a tree trunk, not a face.
  let headRows = 0;
  let headPixels = 0;
  const bottom = top + Math.ceil(0.4 * height);
  for (let y = top; y < bottom; y++) {
    let skin = 0;
    for (let x = left; x < left + width; x++) {
      const offset = (y * frame.width + x) * 3;
      if (isSkin(frame.data[offset]!, frame.data[offset + 1]!, frame.data[offset + 2]!)) skin++;
    }
    if (skin > 0 && skin <= 0.5 * width) {
      headRows++;
      headPixels += skin;
    }
  }
  return headRows >= 2 && headPixels >= 4;
}

function inpaintRows(frame: VideoFrame, mask: Mask): VideoFrame {
  const { width, height } = frame;
  const data = new Uint8Array(frame.data);
  for (let y = 0; y < height; y++) {
    let x = 0;
    while (x < width) {
      if (mask.data[y * width + x] !== 1) {
        x++;
        continue;
      }
      const start = x;
      while (x < width && mask.data[y * width + x] === 1) x++;
      const leftSide = start > 0 ? (y * width + start - 1) * 3 : (y * width + x) * 3;
      const rightSide = x < width ? (y * width + x) * 3 : leftSide;
      // Nearest side, not a blend: a blend across a building edge would be a colour the scene never shows.
      const middle = (start + x) / 2;
      for (let fill = start; fill < x; fill++) {
        const side = fill < middle ? leftSide : rightSide;
        data.set(frame.data.subarray(side, side + 3), (y * width + fill) * 3);
      }
    }
  }
  return { width, height, data };
}
