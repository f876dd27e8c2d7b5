import type { VideoFrame } from '../frame/video-frame.js';
import { isSkin } from './clean-plate.js';
import { type Lab, labDistance, rgbToLab } from './color-space.js';
import { colorWordOfKeyword } from './color-words.js';
import type { Box } from './connected-components.js';
import { cssColors, nearestCssIndex, type Rgb } from './css-colors.js';
import type { Mask } from './foreground-mask.js';

/** The body regions a description reads, top to bottom. */
export type RegionName = 'hair' | 'head' | 'neck' | 'torso' | 'legs';

/** Region bands as fractions of the figure's height [from, to), and the central share of its width used. */
export interface Anatomy {
  /** Vertical band of each region as fractions of the box height. */
  bands: Record<RegionName, readonly [number, number]>;
  /** Central fraction of the box width read for each region (keeps bags and arms out). Default 0.6. */
  centralWidth: number;
}

/**
 * Proportions of an upright animatic figure (the miniature engine's: head radius h/14, shoulders at 2.1 radii,
 * hips at 0.55 h, a coat to 0.69 h): hair or hat on top, face, scarf line, torso, legs above the shoes.
 */
export const defaultAnatomy: Anatomy = {
  bands: { hair: [0, 0.06], head: [0.08, 0.14], neck: [0.152, 0.185], torso: [0.2, 0.5], legs: [0.72, 0.93] },
  centralWidth: 0.6,
};

/** What one region of a figure looks like. */
export interface RegionColor {
  /** The colour word (`colorWordOfKeyword` of the nearest CSS keyword) most pixels of the region are named by. */
  name: string;
  /** Mean colour of the pixels that voted for `name`. */
  rgb: Rgb;
  /** Mean Lab colour of all foreground pixels of the region (the numeric descriptor). */
  lab: Lab;
  /** Foreground pixels read. */
  pixels: number;
}

/** A figure read from pixels. */
export interface FigureDescription {
  /** Bounding box in pixels. */
  box: Box;
  /** Each region that had foreground pixels. */
  regions: Partial<Record<RegionName, RegionColor>>;
  /** Share of the figure's foreground pixels nearest (CIEDE2000) to each CSS colour keyword (sums to 1). */
  colorShares: Partial<Record<string, number>>;
}

/** The colour words a region can be named by, and each CSS keyword's index among them. */
const nameOrder = [...new Set(cssColors.map(colorWordOfKeyword))];
const wordOfKeyword = cssColors.map((color) => nameOrder.indexOf(colorWordOfKeyword(color)));

/** Index in `nameOrder` of the colour word of an RGB triple. */
function wordIndex(r: number, g: number, b: number): number {
  return wordOfKeyword[nearestCssIndex(r, g, b)]!;
}

/**
 * Reads a detected figure: per region the dominant colour word and the mean Lab colour of its foreground pixels,
 * plus the CSS-keyword shares of the whole figure (for accessories whose place varies: bags, umbrellas).
 *
 * @example
 * describeFigure(frame, detection.mask, figure.box).regions.torso?.name // 'yellow'
 */
export function describeFigure(
  frame: VideoFrame,
  mask: Mask,
  box: Box,
  anatomy: Anatomy = defaultAnatomy,
): FigureDescription {
  const [left, top, width, height] = bodyBox(frame, mask, box);
  const regions: FigureDescription['regions'] = {};
  for (const [region, [from, to]] of Object.entries(anatomy.bands) as Array<[RegionName, [number, number]]>) {
    const y0 = top + Math.floor(from * height);
    const y1 = top + Math.max(Math.floor(from * height) + 1, Math.ceil(to * height));
    const margin = Math.floor((width * (1 - anatomy.centralWidth)) / 2);
    const read = readRegion(frame, mask, [left + margin, y0, Math.max(1, width - 2 * margin), y1 - y0]);
    if (read !== undefined) regions[region] = read;
  }
  const votes = new Array<number>(cssColors.length).fill(0);
  let total = 0;
  forEachForeground(frame, mask, box, (offset) => {
    votes[nearestCssIndex(frame.data[offset]!, frame.data[offset + 1]!, frame.data[offset + 2]!)]! += 1;
    total++;
  });
  const colorShares: FigureDescription['colorShares'] = {};
  votes.forEach((count, index) => {
    if (count > 0) colorShares[cssColors[index]!.name] = count / total;
  });
  return { box, regions, colorShares };
}

/**
 * Similarity of two figures' looks, 0..1: the mean over the regions both show (or `only` those) of
 * `1 - min(1, deltaE / 60)`. Undefined when they share no region.
 */
export function descriptionSimilarity(
  a: FigureDescription,
  b: FigureDescription,
  only?: ReadonlySet<RegionName>,
): number | undefined {
  let sum = 0;
  let count = 0;
  for (const region of Object.keys(a.regions) as RegionName[]) {
    if (only !== undefined && !only.has(region)) continue;
    const left = a.regions[region];
    const right = b.regions[region];
    if (left === undefined || right === undefined) continue;
    sum += 1 - Math.min(1, labDistance(left.lab, right.lab) / 60);
    count++;
  }
  return count === 0 ? undefined : sum / count;
}

/** Mean of several descriptions of one figure (per region Lab means; names from the first that has one). */
export function averageDescriptions(
  descriptions: readonly FigureDescription[],
): FigureDescription | undefined {
  const first = descriptions[0];
  if (first === undefined) return undefined;
  const regions: FigureDescription['regions'] = {};
  for (const region of Object.keys(defaultAnatomy.bands) as RegionName[]) {
    const present = descriptions.map((item) => item.regions[region]).filter((item) => item !== undefined);
    if (present.length === 0) continue;
    const mean = (pick: (color: RegionColor) => readonly number[], axis: number) =>
      present.reduce((sum, item) => sum + pick(item)[axis]!, 0) / present.length;
    regions[region] = {
      name: present[0]!.name,
      rgb: [mean((c) => c.rgb, 0), mean((c) => c.rgb, 1), mean((c) => c.rgb, 2)],
      lab: [mean((c) => c.lab, 0), mean((c) => c.lab, 1), mean((c) => c.lab, 2)],
      pixels: present.reduce((sum, item) => sum + item.pixels, 0),
    };
  }
  return { box: first.box, regions, colorShares: first.colorShares };
}

/**
 * The box the bands are read in: anchored on the face when one shows (the first rows of narrow skin colour in
 * the top 45 %), so an umbrella above or beside a figure neither shifts the bands down nor the centre sideways.
 * The figure is taken as 14 head radii tall with its top 1.1 radii above the first skin row.
 */
function bodyBox(frame: VideoFrame, mask: Mask, box: Box): Box {
  const [left, top, width, height] = box;
  const bottom = top + height;
  for (let y = top; y < top + Math.ceil(0.45 * height); y++) {
    let count = 0;
    let sumX = 0;
    for (let x = left; x < left + width; x++) {
      const pixel = y * frame.width + x;
      const offset = pixel * 3;
      if (mask.data[pixel] !== 1) continue;
      if (!isSkin(frame.data[offset]!, frame.data[offset + 1]!, frame.data[offset + 2]!)) continue;
      count++;
      sumX += x;
    }
    // Two skin rows in a row narrower than half the box: a face, not a brown coat.
    if (count < 2 || count > 0.5 * width || !rowHasSkin(frame, mask, y + 1, left, width)) continue;
    const radius = (bottom - y) / 12.9;
    const newTop = Math.max(top, Math.round(y - 1.1 * radius));
    const bodyWidth = Math.min(width, Math.round(0.45 * (bottom - newTop)));
    const center = sumX / count;
    const newLeft = Math.max(left, Math.min(left + width - bodyWidth, Math.round(center - bodyWidth / 2)));
    return [newLeft, newTop, bodyWidth, bottom - newTop];
  }
  return box;
}

function rowHasSkin(frame: VideoFrame, mask: Mask, y: number, left: number, width: number): boolean {
  for (let x = left; x < left + width; x++) {
    const pixel = y * frame.width + x;
    const offset = pixel * 3;
    if (
      mask.data[pixel] === 1 &&
      isSkin(frame.data[offset]!, frame.data[offset + 1]!, frame.data[offset + 2]!)
    )
      return true;
  }
  return false;
}

function readRegion(frame: VideoFrame, mask: Mask, box: Box): RegionColor | undefined {
  const votes = new Array<number>(nameOrder.length).fill(0);
  const sums = new Float64Array(nameOrder.length * 3);
  let l = 0;
  let a = 0;
  let b = 0;
  let pixels = 0;
  forEachForeground(frame, mask, box, (offset) => {
    const red = frame.data[offset]!;
    const green = frame.data[offset + 1]!;
    const blue = frame.data[offset + 2]!;
    const index = wordIndex(red, green, blue);
    votes[index]! += 1;
    sums[index * 3] += red;
    sums[index * 3 + 1] += green;
    sums[index * 3 + 2] += blue;
    const lab = rgbToLab([red, green, blue]);
    l += lab[0];
    a += lab[1];
    b += lab[2];
    pixels++;
  });
  if (pixels === 0) return undefined;
  const best = votes.indexOf(Math.max(...votes));
  const n = votes[best]!;
  return {
    name: nameOrder[best]!,
    rgb: [sums[best * 3]! / n, sums[best * 3 + 1]! / n, sums[best * 3 + 2]! / n],
    lab: [l / pixels, a / pixels, b / pixels],
    pixels,
  };
}

function forEachForeground(frame: VideoFrame, mask: Mask, box: Box, visit: (offset: number) => void): void {
  const x1 = Math.min(frame.width, box[0] + box[2]);
  const y1 = Math.min(frame.height, box[1] + box[3]);
  for (let y = Math.max(0, box[1]); y < y1; y++) {
    for (let x = Math.max(0, box[0]); x < x1; x++) {
      const pixel = y * frame.width + x;
      if (mask.data[pixel] === 1) visit(pixel * 3);
    }
  }
}
