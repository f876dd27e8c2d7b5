import type { VideoFrame } from '../frame/video-frame.js';
import { type Box, type Component, connectedComponents } from './connected-components.js';
import { foregroundMask, type Mask } from './foreground-mask.js';

/** Tuning of {@link detectFigures}; the defaults suit upright figures a fifth to a half of the frame tall. */
export interface DetectOptions {
  /** Largest channel difference from the background that counts as foreground (0..255). Default 36. */
  threshold?: number;
  /** Smallest figure height as a fraction of the frame height. Default 0.12. */
  minHeight?: number;
  /** Smallest figure area as a fraction of the frame area. Default 0.002. */
  minArea?: number;
  /**
   * Width-to-height ratio above which a blob is taken to hold several people and split at the valleys of its
   * column profile. Default 0.55.
   */
  splitAspect?: number;
  /**
   * Largest blob area as a fraction of the frame area; larger ones are a changed background (a cut, a light
   * change), not people, and are left out. Default 0.35.
   */
  maxArea?: number;
}

/** One detected figure. */
export interface DetectedFigure {
  /** Bounding box in pixels (left, top, width, height). */
  box: Box;
  /** Foreground pixels inside the box. */
  area: number;
}

/** The detected figures of a frame plus the cleaned foreground mask they came from. */
export interface Detection {
  /** Figures, left to right. */
  figures: DetectedFigure[];
  /** The cleaned foreground mask. */
  mask: Mask;
}

/**
 * Finds people in a frame from pixels alone: foreground against a background estimate, morphological cleanup,
 * connected components, then wide blobs split where their column profile dips (two people side by side).
 *
 * @example
 * const { figures } = detectFigures(frame, estimateBackground(segmentFrames));
 */
export function detectFigures(
  frame: VideoFrame,
  background: VideoFrame,
  options: DetectOptions = {},
): Detection {
  const mask = foregroundMask(frame, background, options.threshold ?? 36);
  const minHeight = (options.minHeight ?? 0.12) * frame.height;
  const minArea = (options.minArea ?? 0.002) * frame.width * frame.height;
  const splitAspect = options.splitAspect ?? 0.55;
  const maxArea = (options.maxArea ?? 0.35) * frame.width * frame.height;
  const figures: DetectedFigure[] = [];
  const fragmentArea = 0.25 * minArea;
  const components = mergeStackedFragments(
    connectedComponents(mask).filter((item) => item.area >= fragmentArea && item.area <= maxArea),
    splitAspect,
  );
  for (const component of components) {
    const [left, top, , height] = component.box;
    if (height < minHeight || component.area < minArea || component.area > maxArea) continue;
    for (const [from, to] of splitColumns(component.columns, height, splitAspect)) {
      const box = tighten(mask, [left + from, top, to - from, height]);
      if (box === undefined || box[3] < minHeight) continue;
      const area = countMask(mask, box);
      if (area >= minArea) figures.push({ box, area });
    }
  }
  figures.sort((a, b) => a.box[0] - b.box[0]);
  return { figures, mask };
}

/**
 * Joins blobs stacked in one column into one figure: a figure whose middle matches the scenery behind it (a gray
 * coat before a gray wall) falls apart into a head and a pair of legs. Two blobs are joined when their column
 * ranges overlap by half the narrower one, the gap between them is at most half the joined height (the torso of an
 * upright figure, shoulders to hips, is about 0.4 of its height) and the joined blob is still upright.
 */
export function mergeStackedFragments(components: readonly Component[], splitAspect: number): Component[] {
  const result = components.slice().sort((a, b) => a.box[1] - b.box[1]);
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < result.length && !merged; i++) {
      for (let j = i + 1; j < result.length && !merged; j++) {
        const joined = joinIfStacked(result[i]!, result[j]!, splitAspect);
        if (joined === undefined) continue;
        result.splice(j, 1);
        result[i] = joined;
        merged = true;
      }
    }
  }
  return result;
}

function joinIfStacked(a: Component, b: Component, splitAspect: number): Component | undefined {
  const [upper, lower] = a.box[1] <= b.box[1] ? [a, b] : [b, a];
  const left = Math.min(a.box[0], b.box[0]);
  const right = Math.max(a.box[0] + a.box[2], b.box[0] + b.box[2]);
  const overlap = Math.min(a.box[0] + a.box[2], b.box[0] + b.box[2]) - Math.max(a.box[0], b.box[0]);
  const top = upper.box[1];
  const bottom = Math.max(upper.box[1] + upper.box[3], lower.box[1] + lower.box[3]);
  const gap = lower.box[1] - (upper.box[1] + upper.box[3]);
  const height = bottom - top;
  if (overlap < 0.5 * Math.min(a.box[2], b.box[2]) || gap < 0 || gap > 0.5 * height) return undefined;
  if (right - left > splitAspect * height) return undefined;
  // Both parts must be body-sized (a head is about 0.14 of the figure), not a speck.
  if (Math.min(a.box[3], b.box[3]) < 0.1 * height) return undefined;
  const columns = new Array<number>(right - left).fill(0);
  for (const part of [a, b])
    for (const [x, count] of part.columns.entries()) columns[part.box[0] - left + x]! += count;
  return { box: [left, top, right - left, height], area: a.area + b.area, columns };
}

/** Column ranges [from, to) of a blob's profile, cut at deep valleys while the pieces are still too wide. */
export function splitColumns(
  columns: readonly number[],
  height: number,
  splitAspect: number,
): Array<[number, number]> {
  const pieces: Array<[number, number]> = [[0, columns.length]];
  const done: Array<[number, number]> = [];
  while (pieces.length > 0) {
    const [from, to] = pieces.pop()!;
    const width = to - from;
    if (width <= splitAspect * height) {
      done.push([from, to]);
      continue;
    }
    const cut = deepestValley(columns, from, to);
    if (cut === undefined) done.push([from, to]);
    else pieces.push([from, cut], [cut, to]);
  }
  return done.sort((a, b) => a[0] - b[0]);
}

function deepestValley(columns: readonly number[], from: number, to: number): number | undefined {
  const margin = Math.max(2, Math.floor((to - from) * 0.15));
  let best: number | undefined;
  let bestDepth = 0;
  for (let cut = from + margin; cut < to - margin; cut++) {
    const leftPeak = Math.max(...columns.slice(from, cut));
    const rightPeak = Math.max(...columns.slice(cut, to));
    const depth = Math.min(leftPeak, rightPeak) - columns[cut]!;
    // A valley counts when it falls below 60% of the lower neighbouring peak.
    if (columns[cut]! < 0.6 * Math.min(leftPeak, rightPeak) && depth > bestDepth) {
      bestDepth = depth;
      best = cut;
    }
  }
  return best;
}

function tighten(mask: Mask, box: Box): Box | undefined {
  const [left, top, width, height] = box;
  let minX = Number.POSITIVE_INFINITY;
  let maxX = -1;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = -1;
  for (let y = top; y < top + height; y++) {
    for (let x = left; x < left + width; x++) {
      if (mask.data[y * mask.width + x] !== 1) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return maxX < 0 ? undefined : [minX, minY, maxX - minX + 1, maxY - minY + 1];
}

function countMask(mask: Mask, box: Box): number {
  let count = 0;
  for (let y = box[1]; y < box[1] + box[3]; y++) {
    for (let x = box[0]; x < box[0] + box[2]; x++) count += mask.data[y * mask.width + x]!;
  }
  return count;
}
