import type { VideoFrame } from '../../../frame/video-frame.js';
import type { Box, Mask } from './figure-mask.js';
import { closeColumns, findFace, gapShare, headAndShoulders, isSkinTone } from './find-face.js';
import { labTable, pixelBin } from './lab-colour.js';

export type { Box, Mask } from './figure-mask.js';

/** A person found in a frame. */
export interface FoundFigure {
  /** Bounding box. */
  box: Box;
  /** Figure pixels in the box. */
  area: number;
  /** Whether most of its pixels did not change against the plate (a still figure, or a still object). */
  still?: boolean;
}

/** The figures of a frame and the figure mask they were cut from. */
export interface FigureScan {
  /** Figures, left to right. */
  figures: FoundFigure[];
  /** Pixels taken as people (moving against the plate, or a still figure on it). */
  mask: Mask;
  /** Still blobs of a person's size left out because they show no sign of a person (for diagnostics). */
  rejected: FoundFigure[];
}

/** A shot's background plate: its scenery, and the figures that stood still through it. */
export interface Plate {
  /** Per-pixel temporal median of the frames given. */
  median: VideoFrame;
  /** Pixels of the median that are not scenery (see {@link shotPlate}). */
  still: Mask;
}

/** CIE76 difference (squared) from the plate above which a pixel is taken to have changed. */
const changedSquared = 18 * 18;
/** CIE76 difference (squared) between neighbours through which the scenery flood fill spreads. */
const smoothSquared = 7 * 7;
/** Smallest figure height, as a share of the frame height. */
const minHeightShare = 0.12;
/** Smallest figure area, as a share of the frame. */
const minAreaShare = 0.002;
/** Largest blob area, as a share of the frame: larger ones are a changed scene, not people. */
const maxAreaShare = 0.35;
/** Width over height above which a blob is cut at the dips of its column profile. */
const wideAspect = 0.45;
/** Width over height up to which a head joins the shoulders under it (a torso whose legs were lost). */
const headAspect = 0.8;

/**
 * The plate of a shot: the temporal median of its frames (moving people drop out) and, on that median, the
 * pixels that are not scenery: scenery (sky, walls, ground, buildings) reaches the frame's edge through pixels of
 * slowly changing colour, or is large, or has the colour of such a region; a person standing still inside the
 * frame is none of these.
 *
 * @example
 * const plate = shotPlate(spreadFrames);
 */
export function shotPlate(frames: readonly VideoFrame[]): Plate {
  const first = frames[0];
  if (first === undefined) throw new Error('shotPlate needs at least one frame');
  const { width, height } = first;
  const data = new Uint8Array(width * height * 3);
  const count = frames.length;
  const sources = frames.map((frame) => frame.data);
  const values = new Uint8Array(count);
  for (let offset = 0; offset < data.length; offset++) {
    // Insertion sort: for the handful of frames of a plate it is several times faster than TypedArray#sort.
    for (let index = 0; index < count; index++) {
      const value = sources[index]![offset]!;
      let place = index;
      while (place > 0 && values[place - 1]! > value) {
        values[place] = values[place - 1]!;
        place--;
      }
      values[place] = value;
    }
    data[offset] = values[count >> 1]!;
  }
  const median = { width, height, data };
  return { median, still: notScenery(median) };
}

/** CIE76 difference (squared) within which an inner region's colour counts as a scenery colour. */
const sceneryColourSquared = 15 * 15;
/** Smallest share of the frame a border region needs to lend its colour to the scenery. */
const sceneryShare = 0.01;
/** Share of the frame above which a colour family (regions of one colour) is scenery wherever it lies. */
const largeShare = 0.06;

/**
 * Pixels of the median that are not scenery. The median is cut into regions of smoothly changing colour (flood
 * fill over neighbours within {@link smoothSquared}); regions touching the frame's border are scenery, and so are
 * inner regions whose colour covers much of the frame or a sizeable border region (sky seen between buildings).
 */
function notScenery(frame: VideoFrame, lab = labImage(frame), moved?: Uint8Array): Mask {
  const { width, height } = frame;
  const labels = new Int32Array(width * height).fill(-1);
  const queue = new Int32Array(width * height);
  const regions: Array<{ sum: [number, number, number]; area: number; border: boolean; moved: number }> = [];
  for (let start = 0; start < labels.length; start++) {
    if (labels[start] !== -1) continue;
    const label = regions.length;
    labels[start] = label;
    // Sums in locals (the same additions in the same order as into the region), written once the fill ends.
    let area = 0;
    let movedCount = 0;
    let sumL = 0;
    let sumA = 0;
    let sumB = 0;
    let border = false;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    while (head < tail) {
      const pixel = queue[head++]!;
      const x = pixel % width;
      const y = (pixel - x) / width;
      area++;
      if (moved !== undefined && moved[pixel] === 1) movedCount++;
      const at = pixel * 3;
      const l = lab[at]!;
      const a = lab[at + 1]!;
      const b = lab[at + 2]!;
      sumL += l;
      sumA += a;
      sumB += b;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) border = true;
      // The four neighbours, without a closure per pixel (this loop runs for every pixel of every sample).
      for (let side = 0; side < 4; side++) {
        let next: number;
        if (side === 0) next = x > 0 ? pixel - 1 : -1;
        else if (side === 1) next = x < width - 1 ? pixel + 1 : -1;
        else if (side === 2) next = y > 0 ? pixel - width : -1;
        else next = y < height - 1 ? pixel + width : -1;
        if (next < 0 || labels[next] !== -1) continue;
        const other = next * 3;
        const dl = l - lab[other]!;
        const da = a - lab[other + 1]!;
        const db = b - lab[other + 2]!;
        if (dl * dl + da * da + db * db > smoothSquared) continue;
        labels[next] = label;
        queue[tail++] = next;
      }
    }
    regions.push({ sum: [sumL, sumA, sumB], area, border, moved: movedCount });
  }
  const frameArea = width * height;
  // A region that mostly changed against the plate is someone passing, unless it is larger than any figure can be
  // (the scene's colours changed within the shot: the ground drifted to another green).
  const passing = (region: { area: number; moved: number }) =>
    2 * region.moved > region.area && region.area <= maxAreaShare * frameArea;
  // Regions of one colour form a family (largest first, within sceneryColourSquared of its first member); a
  // family is scenery when it is large in all or holds a sizeable border region.
  const order = regions.map((_, index) => index).sort((a, b) => regions[b]!.area - regions[a]!.area);
  const families: Array<{ colour: number[]; area: number; border: boolean }> = [];
  const familyOf = new Int32Array(regions.length);
  for (const index of order) {
    const region = regions[index]!;
    const colour = region.sum.map((value) => value / region.area);
    let family = families.findIndex(
      (item) =>
        (item.colour[0]! - colour[0]!) ** 2 +
          (item.colour[1]! - colour[1]!) ** 2 +
          (item.colour[2]! - colour[2]!) ** 2 <
        sceneryColourSquared,
    );
    if (family < 0) {
      family = families.length;
      families.push({ colour, area: 0, border: false });
    }
    familyOf[index] = family;
    // A region that mostly changed against the plate is something passing by (a person walking out of frame),
    // not scenery: it lends neither its area nor its border to the colour family (a second person in the same
    // coat would otherwise be taken for scenery).
    if (passing(region)) continue;
    families[family]!.area += region.area;
    if (region.border && region.area >= sceneryShare * frameArea) families[family]!.border = true;
  }
  const scenery = regions.map((region, index) => {
    const family = families[familyOf[index]!]!;
    return (region.border && !passing(region)) || family.border || family.area >= largeShare * frameArea;
  });
  const data = new Uint8Array(frameArea);
  for (let pixel = 0; pixel < frameArea; pixel++) data[pixel] = scenery[labels[pixel]!] ? 0 : 1;
  // The blurred edge between two scenery colours is a thin region of in-between colour: an opening (3x3) drops
  // structures under 3 pixels wide.
  return growMask(shrinkMask({ width, height, data }), 1);
}

/** A frame in Lab, 3 floats per pixel (through the 15-bit table). */
export function labImage(frame: VideoFrame): Float32Array {
  const table = labTable();
  const out = new Float32Array(frame.width * frame.height * 3);
  const { data } = frame;
  for (let offset = 0; offset < out.length; offset += 3) {
    const bin = pixelBin(data[offset]!, data[offset + 1]!, data[offset + 2]!) * 3;
    out[offset] = table[bin]!;
    out[offset + 1] = table[bin + 1]!;
    out[offset + 2] = table[bin + 2]!;
  }
  return out;
}

function squaredDifference(a: Float32Array, i: number, b: Float32Array, j: number): number {
  const dl = a[i * 3]! - b[j * 3]!;
  const da = a[i * 3 + 1]! - b[j * 3 + 1]!;
  const db = a[i * 3 + 2]! - b[j * 3 + 2]!;
  return dl * dl + da * da + db * db;
}

/**
 * Finds the people of a frame against its shot's plate: pixels that are not scenery in the frame itself (see
 * {@link shotPlate}) and either changed against the plate (CIE76 over 18) or belong to a still figure of it, smoothed by a 3x3 majority vote, grouped into 8-connected blobs; blobs stacked in one
 * column are joined (a coat the colour of the wall splits a person in two) and wide blobs are cut where their
 * column profile dips (people side by side). Blobs too small, too flat or too large are left out.
 *
 * @example
 * const { figures } = findFigures(frame, shotPlate(frames));
 */
export function findFigures(frame: VideoFrame, plate: Plate, plateLab = labImage(plate.median)): FigureScan {
  const { width, height } = frame;
  const lab = labImage(frame);
  const raw = new Uint8Array(width * height);
  const moved = new Uint8Array(width * height);
  for (let pixel = 0; pixel < raw.length; pixel++)
    moved[pixel] = squaredDifference(lab, pixel, plateLab, pixel) > changedSquared ? 1 : 0;
  const inner = notScenery(frame, lab, moved).data;
  for (let pixel = 0; pixel < raw.length; pixel++)
    raw[pixel] = inner[pixel] === 1 && (plate.still.data[pixel] === 1 || moved[pixel] === 1) ? 1 : 0;
  const mask = majority({ width, height, data: raw });
  const blobs = joinStacked(labelBlobs(mask));
  const minHeight = minHeightShare * height;
  const minArea = minAreaShare * width * height;
  const maxArea = maxAreaShare * width * height;
  const figures: FoundFigure[] = [];
  const rejected: FoundFigure[] = [];
  for (const blob of blobs) {
    if (blob.area > maxArea || blob.box[3] < minHeight || blob.area < minArea) continue;
    for (const piece of cutWide(blob, mask)) {
      if (piece.box[3] < minHeight || piece.area < minArea) continue;
      // A person shows several colours (hair, skin, clothes): a blob of one colour that shows no person (no face,
      // no head on shoulders) is a piece of scenery that moved (a pillar as the background drifts) or a piece of a
      // person whose other parts the mask lost (a leg, a coat's side). A face, or the hair on a coat's shoulders,
      // keeps a person whose legs the mask lost. Something that never moved (a post, a tree, a sign) is a person
      // only if it shows a face or a head on shoulders too.
      const still = stillShare(piece, mask, moved) > 0.5;
      const oneColoured = oneColourShare(lab, mask, piece.box) >= oneColour;
      if (oneColoured || still) {
        if (!showsPerson(frame, mask, piece.box)) {
          // A still body whose head the scenery test took (a face and hat as light as the wall behind them).
          const head = oneColoured ? undefined : headAbove(frame, lab, piece.box);
          if (head === undefined) {
            rejected.push({ ...piece, still });
            continue;
          }
          const [left, top, width, height] = piece.box;
          figures.push({ ...piece, box: [left, head, width, height + top - head], still });
          continue;
        }
      }
      figures.push({ ...piece, still });
    }
  }
  const kept = figures.filter((figure) => !insideAnother(figure, figures));
  kept.sort((a, b) => a.box[0] - b.box[0]);
  return { figures: kept, mask, rejected };
}

/** Share of a figure's box inside a larger figure's box above which it is a piece of that figure. */
const insideShare = 0.7;

/**
 * Whether a figure lies mostly inside the box of a larger one: a leg or a coat's side the mask parted from its
 * person (the larger box reads its pixels already), not a second person.
 */
function insideAnother(figure: FoundFigure, figures: readonly FoundFigure[]): boolean {
  const [left, top, width, height] = figure.box;
  const area = width * height;
  return figures.some((other) => {
    const [otherLeft, otherTop, otherWidth, otherHeight] = other.box;
    if (other === figure || otherWidth * otherHeight <= area) return false;
    const overlapX = Math.min(left + width, otherLeft + otherWidth) - Math.max(left, otherLeft);
    const overlapY = Math.min(top + height, otherTop + otherHeight) - Math.max(top, otherTop);
    return overlapX > 0 && overlapY > 0 && overlapX * overlapY >= insideShare * area;
  });
}

/**
 * Whether a blob shows a person: a face of a face's size (at most a quarter of the blob's height: a lit
 * window fills its blob), or a head-and-shoulders outline (a person seen from behind, or under a hat brim), on the
 * figure mask with short vertical gaps in the blob's box closed (a face the colour of the wall behind it).
 */
export function showsPerson(frame: VideoFrame, figureMask: Mask, box: Box): boolean {
  const mask = closeColumns(figureMask, box, Math.max(2, Math.round(gapShare * box[3])));
  const face = findFace(frame, mask, box);
  if (face !== undefined && face.height <= 0.25 * box[3]) return true;
  return headAndShoulders(mask, box);
}

/**
 * The top of a head standing on a still blob that shows none: a run of at least two rows of skin tone, just above
 * the blob (starting within a tenth of its height), at least a sixth of its width, over its middle with none at its
 * sides, in the frame itself (the mask lost it). Undefined when none shows: a post or a trunk has sky, leaves or
 * wall above it.
 */
function headAbove(frame: VideoFrame, lab: Float32Array, box: Box): number | undefined {
  const [left, top, width, height] = box;
  const from = Math.round(left + 0.15 * width);
  const to = Math.round(left + 0.85 * width);
  const isSkin = (x: number, y: number) => {
    const pixel = (y * frame.width + x) * 3;
    return isSkinTone([lab[pixel]!, lab[pixel + 1]!, lab[pixel + 2]!]);
  };
  // A face row: skin over the middle, none at the blob's sides (a skin-coloured wall or sky is no face).
  const skinRow = (y: number) => {
    let skin = 0;
    for (let x = from; x < to; x++) if (isSkin(x, y)) skin++;
    let sides = 0;
    for (let x = left; x < from; x++) if (isSkin(x, y)) sides++;
    for (let x = to; x < left + width; x++) if (isSkin(x, y)) sides++;
    return skin >= Math.max(2, width / 6) && skin <= 0.75 * width && sides === 0;
  };
  const reach = Math.max(2, Math.round(0.1 * height));
  let bottom = -1;
  for (let y = top - 1; y >= Math.max(0, top - reach); y--) {
    if (skinRow(y)) {
      bottom = y;
      break;
    }
  }
  if (bottom < 0) return undefined;
  let y = bottom;
  while (y - 1 >= 0 && bottom - (y - 1) < 0.15 * height && skinRow(y - 1)) y--;
  if (bottom - y + 1 < 2) return undefined;
  // The hair or hat over the face: as much again as the face, at most.
  return Math.max(0, y - (bottom - y + 1));
}

/** Share of a blob's pixels in its commonest colour above which it is no person. */
const oneColour = 0.9;
/** CIE76 difference (squared) within which a pixel has the blob's commonest colour. */
const sameColourSquared = 10 * 10;

/**
 * Share of a blob's inner mask pixels (in its box; a pixel whose four neighbours are in the mask too, so the blend
 * of colours at its outline does not count) within {@link sameColourSquared} of its commonest colour (the mode of
 * cells of 4 units of L and 6 of a and b).
 */
function oneColourShare(lab: Float32Array, mask: Mask, box: Box): number {
  const [left, top, width, height] = box;
  const { data } = mask;
  const inner = (pixel: number) =>
    data[pixel] === 1 &&
    data[pixel - 1] === 1 &&
    data[pixel + 1] === 1 &&
    data[pixel - mask.width] === 1 &&
    data[pixel + mask.width] === 1;
  const cells = new Map<number, number>();
  let best = -1;
  let bestCount = 0;
  let all = 0;
  for (let y = Math.max(1, top); y < Math.min(mask.height - 1, top + height); y++) {
    for (let x = Math.max(1, left); x < Math.min(mask.width - 1, left + width); x++) {
      const pixel = y * mask.width + x;
      if (!inner(pixel)) continue;
      all++;
      const cell =
        Math.round(lab[pixel * 3]! / 4) * 1_000_000 +
        Math.round(lab[pixel * 3 + 1]! / 6 + 50) * 1000 +
        Math.round(lab[pixel * 3 + 2]! / 6 + 50);
      const count = (cells.get(cell) ?? 0) + 1;
      cells.set(cell, count);
      if (count > bestCount) {
        bestCount = count;
        best = pixel;
      }
    }
  }
  if (all === 0 || best < 0) return 0;
  let same = 0;
  for (let y = Math.max(1, top); y < Math.min(mask.height - 1, top + height); y++) {
    for (let x = Math.max(1, left); x < Math.min(mask.width - 1, left + width); x++) {
      const pixel = y * mask.width + x;
      if (inner(pixel) && squaredDifference(lab, pixel, lab, best) <= sameColourSquared) same++;
    }
  }
  return same / all;
}

/** Share of a figure's mask pixels that did not change against the plate. */
function stillShare(figure: FoundFigure, mask: Mask, moved: Uint8Array): number {
  const [left, top, width, height] = figure.box;
  let still = 0;
  let all = 0;
  for (let y = top; y < top + height; y++) {
    for (let x = left; x < left + width; x++) {
      const pixel = y * mask.width + x;
      if (mask.data[pixel] !== 1) continue;
      all++;
      if (moved[pixel] === 0) still++;
    }
  }
  return all === 0 ? 0 : still / all;
}

/** 3x3 majority vote (5 of 9, outside counts as 0): drops specks and fills pin holes in one pass. */
function majority(mask: Mask): Mask {
  const { width, height, data } = mask;
  const out = new Uint8Array(width * height);
  // Column sums of three rows, then a sliding sum of three columns: the same integer votes as the 3x3 window.
  const columns = new Uint8Array(width);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      columns[x] =
        (y > 0 ? data[row - width + x]! : 0) + data[row + x]! + (y < height - 1 ? data[row + width + x]! : 0);
    }
    for (let x = 0; x < width; x++) {
      const votes = (x > 0 ? columns[x - 1]! : 0) + columns[x]! + (x < width - 1 ? columns[x + 1]! : 0);
      out[row + x] = votes >= 5 ? 1 : 0;
    }
  }
  return { width, height, data: out };
}

interface Blob extends FoundFigure {
  /** Figure pixels per column of the box. */
  columns: number[];
}

/** 8-connected blobs of a mask, by union-find over one raster pass. */
function labelBlobs(mask: Mask): Blob[] {
  const { width, height, data } = mask;
  const parent = new Int32Array(width * height).fill(-1);
  const find = (pixel: number): number => {
    let root = pixel;
    while (parent[root] !== root) root = parent[root]!;
    for (let step = pixel; parent[step] !== root; ) {
      const next = parent[step]!;
      parent[step] = root;
      step = next;
    }
    return root;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const pixel = y * width + x;
      if (data[pixel] !== 1) continue;
      parent[pixel] = pixel;
      // Left, up-left, up and up-right neighbours (already labelled in raster order).
      for (let side = 0; side < 4; side++) {
        let other: number;
        if (side === 0) other = x > 0 ? pixel - 1 : -1;
        else if (y === 0) break;
        else if (side === 1) other = x > 0 ? pixel - width - 1 : -1;
        else if (side === 2) other = pixel - width;
        else other = x < width - 1 ? pixel - width + 1 : -1;
        if (other < 0 || data[other] !== 1) continue;
        const a = find(pixel);
        const b = find(other);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const bounds = new Map<number, { x0: number; y0: number; x1: number; y1: number; area: number }>();
  for (let pixel = 0; pixel < data.length; pixel++) {
    if (data[pixel] !== 1) continue;
    const root = find(pixel);
    const x = pixel % width;
    const y = (pixel - x) / width;
    const entry = bounds.get(root);
    if (entry === undefined) bounds.set(root, { x0: x, y0: y, x1: x, y1: y, area: 1 });
    else {
      entry.x0 = Math.min(entry.x0, x);
      entry.x1 = Math.max(entry.x1, x);
      entry.y0 = Math.min(entry.y0, y);
      entry.y1 = Math.max(entry.y1, y);
      entry.area++;
    }
  }
  const blobs: Blob[] = [];
  for (const [root, { x0, y0, x1, y1, area }] of bounds) {
    const columns = new Array<number>(x1 - x0 + 1).fill(0);
    for (let y = y0; y <= y1; y++)
      for (let x = x0; x <= x1; x++)
        if (data[y * width + x] === 1 && find(y * width + x) === root) columns[x - x0]!++;
    blobs.push({ box: [x0, y0, x1 - x0 + 1, y1 - y0 + 1], area, columns });
  }
  return blobs;
}

/**
 * Joins blobs that share most of their columns and sit one above the other with a gap under half their joint
 * height, while the joint blob stays upright and both parts are at least a tenth of it (a head, a pair of legs).
 */
function joinStacked(blobs: readonly Blob[]): Blob[] {
  const groups = blobs.map((blob) => blob);
  let joined = true;
  while (joined) {
    joined = false;
    outer: for (let i = 0; i < groups.length; i++) {
      for (let j = 0; j < groups.length; j++) {
        if (i === j) continue;
        const merged = stack(groups[i]!, groups[j]!);
        if (merged === undefined) continue;
        groups[i] = merged;
        groups.splice(j, 1);
        joined = true;
        break outer;
      }
    }
  }
  return groups;
}

function stack(upper: Blob, lower: Blob): Blob | undefined {
  const [ux, uy, uw, uh] = upper.box;
  const [lx, ly, lw, lh] = lower.box;
  if (ly < uy + uh) return undefined;
  const shared = Math.min(ux + uw, lx + lw) - Math.max(ux, lx);
  const left = Math.min(ux, lx);
  const right = Math.max(ux + uw, lx + lw);
  const top = uy;
  const bottom = ly + lh;
  const height = bottom - top;
  if (shared < 0.5 * Math.min(uw, lw)) return undefined;
  // A head over shoulders whose legs the mask lost is wider than upright; it still joins (the head stays small).
  const head = uw <= 0.5 * lw && ux >= lx && ux + uw <= lx + lw && uh <= 0.35 * height;
  const aspect = head ? headAspect : wideAspect;
  if (ly - (uy + uh) > 0.5 * height || right - left > aspect * height) return undefined;
  if (Math.min(uh, lh) < 0.1 * height) return undefined;
  const columns = new Array<number>(right - left).fill(0);
  upper.columns.forEach((count, x) => {
    columns[ux - left + x]! += count;
  });
  lower.columns.forEach((count, x) => {
    columns[lx - left + x]! += count;
  });
  return { box: [left, top, right - left, height], area: upper.area + lower.area, columns };
}

/**
 * Cuts a wide blob at the lowest point of its column profile between two higher shoulders, recursively, where its
 * top edge dips too: people side by side each raise a head above the cut, while the gap between one walker's legs
 * (a dip of the column profile as deep) has the same coat above it on both sides, or the walker's one head.
 */
function cutWide(blob: Blob, mask: Mask): FoundFigure[] {
  const [left, top, width, height] = blob.box;
  if (width <= wideAspect * height) return [{ box: blob.box, area: blob.area }];
  const { columns } = blob;
  // Per column, its first figure row (the blob's bottom when the column holds none).
  const tops = new Array<number>(width).fill(top + height);
  for (let x = left; x < left + width; x++) {
    for (let y = top; y < top + height; y++) {
      if (mask.data[y * mask.width + x] !== 1) continue;
      tops[x - left] = y;
      break;
    }
  }
  const headRise = Math.max(2, 0.08 * height);
  const guard = Math.max(2, Math.floor(0.15 * width));
  let cut = -1;
  let deepest = 0;
  for (let x = guard; x < width - guard; x++) {
    let leftPeak = 0;
    let leftTop = top + height;
    for (let k = 0; k < x; k++) {
      leftPeak = Math.max(leftPeak, columns[k]!);
      leftTop = Math.min(leftTop, tops[k]!);
    }
    let rightPeak = 0;
    let rightTop = top + height;
    for (let k = x; k < width; k++) {
      rightPeak = Math.max(rightPeak, columns[k]!);
      rightTop = Math.min(rightTop, tops[k]!);
    }
    const shoulder = Math.min(leftPeak, rightPeak);
    const depth = shoulder - columns[x]!;
    const twoHeads = tops[x]! - Math.max(leftTop, rightTop) >= headRise;
    if (columns[x]! < 0.6 * shoulder && twoHeads && depth > deepest) {
      deepest = depth;
      cut = x;
    }
  }
  if (cut < 0) return [{ box: blob.box, area: blob.area }];
  return [...piece(mask, left, top, cut, height), ...piece(mask, left + cut, top, width - cut, height)];
}

function piece(mask: Mask, left: number, top: number, width: number, height: number): FoundFigure[] {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = -1;
  let y1 = -1;
  const columns = new Array<number>(width).fill(0);
  let area = 0;
  for (let y = top; y < top + height; y++) {
    for (let x = left; x < left + width; x++) {
      if (mask.data[y * mask.width + x] !== 1) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      columns[x - left]!++;
      area++;
    }
  }
  if (x1 < 0) return [];
  const trimmed = columns.slice(x0 - left, x1 - left + 1);
  return cutWide({ box: [x0, y0, x1 - x0 + 1, y1 - y0 + 1], area, columns: trimmed }, mask);
}

/** Keeps a pixel only when its whole 3x3 neighbourhood is set (outside the frame counts as unset). */
function shrinkMask(mask: Mask): Mask {
  const { width, height, data } = mask;
  const out = new Uint8Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const pixel = y * width + x;
      out[pixel] =
        data[pixel - width - 1]! &
        data[pixel - width]! &
        data[pixel - width + 1]! &
        data[pixel - 1]! &
        data[pixel]! &
        data[pixel + 1]! &
        data[pixel + width - 1]! &
        data[pixel + width]! &
        data[pixel + width + 1]!;
    }
  }
  return { width, height, data: out };
}

/** Grows a mask by `radius` pixels (square neighbourhood): a pass along the rows, then one along the columns. */
export function growMask(mask: Mask, radius: number): Mask {
  const { width, height } = mask;
  const rows = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) growLine(mask.data, rows, y * width, 1, width, radius);
  const out = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) growLine(rows, out, x, width, height, radius);
  return { width, height, data: out };
}

/**
 * Sets in `to` every pixel of one line of `from` (start, stride, length) within `radius` of a set pixel: one sweep
 * forward and one backward, each remembering the last set pixel seen.
 */
function growLine(
  from: Uint8Array,
  to: Uint8Array,
  start: number,
  stride: number,
  length: number,
  radius: number,
): void {
  for (const direction of [1, -1]) {
    let last = Number.NEGATIVE_INFINITY;
    for (let step = 0; step < length; step++) {
      const index = direction === 1 ? step : length - 1 - step;
      const pixel = start + index * stride;
      if (from[pixel] === 1) last = step;
      if (step - last <= radius) to[pixel] = 1;
    }
  }
}
