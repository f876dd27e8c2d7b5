import type { VideoFrame } from '../../../frame/video-frame.js';
import { type ColourContext, type ColourTerm, termFit } from './colour-vocabulary.js';
import type { Box, Mask } from './figure-mask.js';
import { closeColumns, findFace, gapShare, isSkinTone } from './find-face.js';
import { deltaE2000, type Lab, labTable, pixelBin } from './lab-colour.js';

/** The parts of a person the reading takes colours from, top to bottom. */
export type BodyPart = 'hair' | 'face' | 'neck' | 'torso' | 'legs';

/** All body parts, top to bottom. */
export const bodyParts: readonly BodyPart[] = ['hair', 'face', 'neck', 'torso', 'legs'];

/**
 * Narrow reads for garments that share a part: the middle of the chest (a top shows there between the sides of an
 * open coat), the torso's read width without it (the coat's sides), and the rows above the hair band (a hat's
 * crown: the hair band, placed from the face, reads the hair under the brim).
 */
export type DetailPart = 'chest' | 'flanks' | 'crown';

/** The colour of one part. */
export interface PartColour {
  /** Mean Lab of the part's main colour (its most voted colour cell and neighbours; see `partColour`). */
  lab: Lab;
  /** Figure pixels read. */
  pixels: number;
}

/** A person read from pixels. */
export interface FigureReading {
  /** Bounding box. */
  box: Box;
  /** Colour of each part that had figure pixels. */
  regions: Partial<Record<BodyPart, PartColour>>;
  /** Colour of each detail read (see {@link DetailPart}). */
  details: Partial<Record<DetailPart, PartColour>>;
  /** Figure pixels of the whole box per 15-bit colour cell (for accessories, whose place varies). */
  cells: Map<number, number>;
  /** Figure pixels of the whole box. */
  pixels: number;
}

/**
 * Vertical extent of each part, in face heights from the top of the face (negative: above it); the torso and
 * legs are placed between the face and the feet instead (fractions of that span).
 */
const faceBands = { hair: [-0.3, 0.45], face: [0.45, 1], neck: [1.05, 1.45] } as const;
const bodyBands = { torso: [0.1, 0.38], legs: [0.66, 0.92] } as const;
/** Share of the box width read in the middle (keeps bags, arms and umbrella handles out). */
const middleShare = 0.55;
/** Share of the torso's read width the chest detail keeps, in the middle (an open coat leaves about a third). */
const chestShare = 1 / 3;

/**
 * Reads a person's colours: finds the face (the first run of skin-coloured rows, narrower than half the box, in
 * its upper half), places hair at its top (without skin) and above it, neck below it and torso and legs between
 * it and the feet, and takes the main Lab colour of each part. Without a face the parts fall back to fixed shares of the box. Short vertical
 * gaps in the figure mask are closed first: a face the colour of the scenery behind it is cut out of the mask.
 *
 * @example
 * readFigure(frame, scan.mask, scan.figures[0].box).regions.torso?.lab
 */
export function readFigure(frame: VideoFrame, sceneMask: Mask, box: Box): FigureReading {
  const [left, top, width, height] = box;
  const mask = closeColumns(sceneMask, box, Math.max(2, Math.round(gapShare * height)));
  const bottom = top + height;
  const face = findFace(frame, mask, box);
  // Without a face: a face at 9 % of the figure, a tenth of it tall (an upright adult's proportions).
  const faceTop = face?.top ?? top + Math.round(0.08 * height);
  const faceHeight = Math.max(2, face?.height ?? Math.round(0.07 * height));
  const centre = face?.centre ?? left + width / 2;
  const half = Math.max(1, Math.round((Math.min(width, 0.45 * (bottom - faceTop)) * middleShare) / 2));
  const x0 = Math.max(left, Math.round(centre - half));
  const x1 = Math.min(left + width, Math.round(centre + half));
  const span = bottom - (faceTop + faceHeight);
  const rows: Record<BodyPart, [number, number]> = {
    hair: [faceTop + Math.round(faceBands.hair[0] * faceHeight), faceTop + Math.round(faceBands.hair[1] * faceHeight)],
    face: [faceTop + Math.round(faceBands.face[0] * faceHeight), faceTop + faceHeight],
    neck: [faceTop + Math.round(faceBands.neck[0] * faceHeight), faceTop + Math.round(faceBands.neck[1] * faceHeight)],
    torso: [faceTop + faceHeight + Math.round(bodyBands.torso[0] * span), faceTop + faceHeight + Math.round(bodyBands.torso[1] * span)],
    legs: [faceTop + faceHeight + Math.round(bodyBands.legs[0] * span), faceTop + faceHeight + Math.round(bodyBands.legs[1] * span)],
  }; // biome-ignore format: band table
  const regions: FigureReading['regions'] = {};
  for (const part of bodyParts) {
    const [y0, y1] = rows[part];
    const band = [Math.max(top, y0), Math.min(bottom, Math.max(y0 + 1, y1))] as const;
    // Hair is read without the skin around it (at small sizes the hair is a cap inside the head's rows).
    const colour = partColour(frame, mask, x0, x1, band[0], band[1], part === 'hair');
    if (colour !== undefined) regions[part] = colour;
  }
  const details: FigureReading['details'] = {};
  const [torsoTop, torsoBottom] = rows.torso;
  const chestHalf = Math.max(0.5, (chestShare * (x1 - x0)) / 2);
  const chestMiddle = (x0 + x1) / 2;
  const chestLeft = Math.max(left, Math.round(chestMiddle - chestHalf));
  const chestRight = Math.min(left + width, Math.max(chestLeft + 1, Math.round(chestMiddle + chestHalf)));
  const torsoRows = [Math.max(top, torsoTop), Math.min(bottom, Math.max(torsoTop + 1, torsoBottom))] as const;
  const chest = partColour(frame, mask, chestLeft, chestRight, torsoRows[0], torsoRows[1]);
  if (chest !== undefined) details.chest = chest;
  const flanks = partColour(frame, mask, x0, x1, torsoRows[0], torsoRows[1], false, [chestLeft, chestRight]);
  if (flanks !== undefined) details.flanks = flanks;
  const crown = rows.hair[0] > top ? partColour(frame, mask, x0, x1, top, rows.hair[0], true) : undefined;
  if (crown !== undefined) details.crown = crown;
  const cells = new Map<number, number>();
  let pixels = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < left + width; x++) {
      const pixel = y * frame.width + x;
      if (mask.data[pixel] !== 1) continue;
      const cell = pixelBin(frame.data[pixel * 3]!, frame.data[pixel * 3 + 1]!, frame.data[pixel * 3 + 2]!);
      cells.set(cell, (cells.get(cell) ?? 0) + 1);
      pixels++;
    }
  }
  return { box, regions, details, cells, pixels };
}

function partColour(
  frame: VideoFrame,
  mask: Mask,
  x0: number,
  x1: number,
  y0: number,
  y1: number,
  withoutSkin = false,
  gap?: readonly [number, number],
): PartColour | undefined {
  const table = labTable();
  // The part's main colour, not a blend: an open coat shows the shirt between its sides, and a mean (or a
  // per-channel median) of the two is a colour neither has. Pixels vote in 12-bit RGB cells; the part's colour is
  // the mean Lab of the pixels in the most voted cell and its 26 neighbours.
  const votes = new Map<number, number>();
  const cells: number[] = [];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (gap !== undefined && x >= gap[0] && x < gap[1]) continue;
      const pixel = y * frame.width + x;
      if (mask.data[pixel] !== 1) continue;
      const r = frame.data[pixel * 3]!;
      const g = frame.data[pixel * 3 + 1]!;
      const b = frame.data[pixel * 3 + 2]!;
      const cell = pixelBin(r, g, b);
      if (withoutSkin && isSkinTone([table[cell * 3]!, table[cell * 3 + 1]!, table[cell * 3 + 2]!])) continue;
      cells.push(cell);
      const coarse = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
      votes.set(coarse, (votes.get(coarse) ?? 0) + 1);
    }
  }
  if (cells.length === 0) return undefined;
  let mode = -1;
  let best = 0;
  for (const coarse of votes.keys()) {
    let around = 0;
    for (const [other, otherCount] of votes) if (near(coarse, other)) around += otherCount;
    if (around > best || (around === best && coarse < mode)) {
      best = around;
      mode = coarse;
    }
  }
  const sum = [0, 0, 0];
  let count = 0;
  for (const cell of cells) {
    const coarse = ((((cell >> 10) & 31) >> 1) << 8) | ((((cell >> 5) & 31) >> 1) << 4) | ((cell & 31) >> 1);
    if (!near(mode, coarse)) continue;
    sum[0] += table[cell * 3]!;
    sum[1] += table[cell * 3 + 1]!;
    sum[2] += table[cell * 3 + 2]!;
    count++;
  }
  return { lab: [sum[0]! / count, sum[1]! / count, sum[2]! / count], pixels: cells.length };
}

/** Whether two 12-bit RGB cells are the same or neighbours (each channel within one level). */
function near(a: number, b: number): boolean {
  return (
    Math.abs((a >> 8) - (b >> 8)) <= 1 &&
    Math.abs(((a >> 4) & 15) - ((b >> 4) & 15)) <= 1 &&
    Math.abs((a & 15) - (b & 15)) <= 1
  );
}

/** The body part each detail lies in: a detail is compared only where its part is. */
const partOfDetail: Readonly<Record<DetailPart, BodyPart>> = {
  chest: 'torso',
  flanks: 'torso',
  crown: 'hair',
};

/**
 * Similarity of two readings, 0..1: over the parts both show (or only `parts`), and the `details` both show whose
 * part is compared, the mean of `1 - min(1, CIEDE2000 / 25)`. Undefined when they share no part.
 */
export function readingSimilarity(
  a: FigureReading,
  b: FigureReading,
  parts: ReadonlySet<BodyPart> = new Set(bodyParts),
  details: readonly DetailPart[] = [],
): number | undefined {
  const pairs = [
    ...[...parts].map((part) => [a.regions[part], b.regions[part]] as const),
    ...details
      .filter((detail) => parts.has(partOfDetail[detail]))
      .map((detail) => [a.details[detail], b.details[detail]] as const),
  ];
  let sum = 0;
  let count = 0;
  for (const [left, right] of pairs) {
    if (left === undefined || right === undefined) continue;
    sum += 1 - Math.min(1, deltaE2000(left.lab, right.lab) / similarityScale);
    count++;
  }
  return count === 0 ? undefined : sum / count;
}

/** CIEDE2000 difference at which two parts count as wholly different. */
export const similarityScale = 25;

/** The pooled reading of one person over several samples: per part and detail the mean Lab, pixel-weighted. */
export function poolReadings(readings: readonly FigureReading[]): FigureReading | undefined {
  const first = readings[0];
  if (first === undefined) return undefined;
  const regions: FigureReading['regions'] = {};
  for (const part of bodyParts) {
    const pooled = poolColours(readings.map((reading) => reading.regions[part]));
    if (pooled !== undefined) regions[part] = pooled;
  }
  const details: FigureReading['details'] = {};
  for (const detail of Object.keys(partOfDetail) as DetailPart[]) {
    const pooled = poolColours(readings.map((reading) => reading.details[detail]));
    if (pooled !== undefined) details[detail] = pooled;
  }
  const cells = new Map<number, number>();
  for (const reading of readings)
    for (const [cell, count] of reading.cells) cells.set(cell, (cells.get(cell) ?? 0) + count);
  return {
    box: first.box,
    regions,
    details,
    cells,
    pixels: readings.reduce((sum, item) => sum + item.pixels, 0),
  };
}

/**
 * The pooled colour of the colours read (undefined when none had pixels): their pixel-weighted mean for one or
 * two, else their pixel-weighted medoid (the colour with the least pixel-weighted CIEDE2000 to the others).
 */
function poolColours(colours: ReadonlyArray<PartColour | undefined>): PartColour | undefined {
  const seen = colours.filter((item) => item !== undefined);
  const pixels = seen.reduce((sum, item) => sum + item.pixels, 0);
  if (pixels === 0) return undefined;
  if (seen.length < 3) {
    const axis = (k: number) => seen.reduce((sum, item) => sum + item.lab[k]! * item.pixels, 0) / pixels;
    return { lab: [axis(0), axis(1), axis(2)], pixels };
  }
  // The pixel-weighted medoid: the reading closest to the others, so that one wrong sample does not move it.
  let best = seen[0]!;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const item of seen) {
    const cost = seen.reduce((sum, other) => sum + other.pixels * deltaE2000(item.lab, other.lab), 0);
    if (cost < bestCost) {
      best = item;
      bestCost = cost;
    }
  }
  return { lab: best.lab, pixels };
}

/** Share of a reading's pixels whose colour is named `term` (nearest term of the context). */
export function termShare(reading: FigureReading, term: ColourTerm, context: ColourContext): number {
  if (reading.pixels === 0) return 0;
  const table = labTable();
  let hits = 0;
  for (const [cell, count] of reading.cells) {
    const lab: Lab = [table[cell * 3]!, table[cell * 3 + 1]!, table[cell * 3 + 2]!];
    if (cachedNearest(cell, lab, term, context)) hits += count;
  }
  return hits / reading.pixels;
}

const nearestCache = new Map<string, boolean>();

function cachedNearest(cell: number, lab: Lab, term: ColourTerm, context: ColourContext): boolean {
  const key = `${context}:${term.name}:${cell}`;
  let value = nearestCache.get(key);
  if (value === undefined) {
    value = termFit(lab, term, context).nearest;
    nearestCache.set(key, value);
  }
  return value;
}
