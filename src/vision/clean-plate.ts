import type { VideoFrame } from '../engine/engine.js';
import { connectedComponents } from './connected-components.js';
import { close, dilate, type Mask, open } from './foreground-mask.js';

/** Tuning of {@link cleanPlate}. */
export interface CleanPlateOptions {
  /** Half width of the horizontal window of the row model, as a fraction of the frame width. Default 0.25. */
  window?: number;
  /** Channel difference from the row model that marks a candidate figure pixel (0..255). Default 40. */
  threshold?: number;
  /** Smallest candidate height as a fraction of the frame height. Default 0.12. */
  minHeight?: number;
}

/**
 * Removes figures that stand still from a background estimate. A temporal median keeps a figure that never
 * moves; this finds figure-shaped blobs (upright, with a skin-coloured head near the top) that differ from a
 * row-wise robust model of the scene (median along each row over a wide window, figures excluded on a second
 * pass) and paints the model over them.
 */
export function cleanPlate(median: VideoFrame, options: CleanPlateOptions = {}): VideoFrame {
  const radius = Math.max(4, Math.round((options.window ?? 0.25) * median.width));
  const threshold = options.threshold ?? 40;
  const minHeight = (options.minHeight ?? 0.12) * median.height;
  let exclude: Mask | undefined;
  let figures: Mask = {
    width: median.width,
    height: median.height,
    data: new Uint8Array(median.width * median.height),
  };
  for (let pass = 0; pass < 2; pass++) {
    const model = rowModel(median, radius, exclude);
    const raw = differenceMask(median, model, threshold);
    const cleaned = close(open(raw, 1), 2);
    figures = { width: median.width, height: median.height, data: new Uint8Array(cleaned.data.length) };
    for (const component of connectedComponents(cleaned)) {
      const [left, top, width, height] = component.box;
      if (height < minHeight || width > 1.6 * height || !hasHead(median, component.box)) continue;
      for (let y = top; y < top + height; y++) {
        for (let x = left; x < left + width; x++)
          figures.data[y * median.width + x] = cleaned.data[y * median.width + x]!;
      }
    }
    exclude = dilate(figures, 2);
    if (pass === 1) {
      const data = new Uint8Array(median.data);
      for (let pixel = 0; pixel < exclude.data.length; pixel++) {
        if (exclude.data[pixel] !== 1) continue;
        data.set(model.data.subarray(pixel * 3, pixel * 3 + 3), pixel * 3);
      }
      return { width: median.width, height: median.height, data };
    }
  }
  return median;
}

/** Whether an RGB colour lies near the skin tones of people (light to dark brown). */
export function isSkin(red: number, green: number, blue: number): boolean {
  // Skin runs from about (241,213,182) to (95,60,40): red leads, blue trails, green in between.
  if (!(red > green && green > blue)) return false;
  const t = Math.max(0, Math.min(1, (241 - red) / 146));
  const expectedGreen = 213 - 153 * t;
  const expectedBlue = 182 - 142 * t;
  return Math.abs(green - expectedGreen) < 28 && Math.abs(blue - expectedBlue) < 34;
}

function hasHead(frame: VideoFrame, box: readonly [number, number, number, number]): boolean {
  const [left, top, width, height] = box;
  let skin = 0;
  const bottom = top + Math.ceil(0.25 * height);
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < left + width; x++) {
      const offset = (y * frame.width + x) * 3;
      if (isSkin(frame.data[offset]!, frame.data[offset + 1]!, frame.data[offset + 2]!)) skin++;
    }
  }
  // A head of radius h/14 shows at least a few dozen skin pixels at animatic sizes.
  return skin >= Math.max(4, 0.004 * width * height);
}

function rowModel(frame: VideoFrame, radius: number, exclude?: Mask): VideoFrame {
  const { width, height } = frame;
  const data = new Uint8Array(width * height * 3);
  const step = 8;
  const values: number[] = [];
  for (let y = 0; y < height; y++) {
    const anchors: number[][] = [];
    for (let x = 0; x < width + step; x += step) {
      const center = Math.min(width - 1, x);
      const median: number[] = [];
      for (let channel = 0; channel < 3; channel++) {
        values.length = 0;
        for (let dx = Math.max(0, center - radius); dx <= Math.min(width - 1, center + radius); dx += 3) {
          const pixel = y * width + dx;
          if (exclude?.data[pixel] === 1) continue;
          values.push(frame.data[pixel * 3 + channel]!);
        }
        if (values.length === 0) values.push(frame.data[(y * width + center) * 3 + channel]!);
        values.sort((a, b) => a - b);
        median.push(values[values.length >> 1]!);
      }
      anchors.push(median);
    }
    for (let x = 0; x < width; x++) {
      const anchor = Math.floor(x / step);
      const t = (x % step) / step;
      const a = anchors[anchor]!;
      const b = anchors[Math.min(anchors.length - 1, anchor + 1)]!;
      for (let channel = 0; channel < 3; channel++) {
        data[(y * width + x) * 3 + channel] = Math.round(a[channel]! * (1 - t) + b[channel]! * t);
      }
    }
  }
  return { width, height, data };
}

function differenceMask(frame: VideoFrame, model: VideoFrame, threshold: number): Mask {
  const data = new Uint8Array(frame.width * frame.height);
  for (let pixel = 0; pixel < data.length; pixel++) {
    const offset = pixel * 3;
    const difference = Math.max(
      Math.abs(frame.data[offset]! - model.data[offset]!),
      Math.abs(frame.data[offset + 1]! - model.data[offset + 1]!),
      Math.abs(frame.data[offset + 2]! - model.data[offset + 2]!),
    );
    data[pixel] = difference > threshold ? 1 : 0;
  }
  return { width: frame.width, height: frame.height, data };
}
