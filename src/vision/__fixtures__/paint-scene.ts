import type { VideoFrame } from '../../engine/engine.js';
import { colorNames, type Rgb } from '../palette.js';

/** A figure to paint: rectangles in the proportions of `defaultAnatomy`. */
export interface PaintedFigure {
  /** Centre x in pixels. */
  x: number;
  /** Top y in pixels. */
  y: number;
  /** Height in pixels; width is 0.36 of it. */
  height: number;
  hair: Rgb;
  top: Rgb;
  bottom: Rgb;
  skin?: Rgb;
  hat?: Rgb;
  scarf?: Rgb;
  bag?: Rgb;
}

/** A textured background: a vertical gradient of `sky` to `ground` with a few fixed blocks. */
export function paintBackground(width: number, height: number, sky: Rgb, ground: Rgb): VideoFrame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const t = y / (height - 1);
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 3;
      const block = (Math.floor(x / 24) + Math.floor(y / 24)) % 5 === 0 ? 18 : 0;
      for (let c = 0; c < 3; c++) data[offset + c] = Math.min(255, sky[c]! * (1 - t) + ground[c]! * t + block);
    }
  }
  return { width, height, data };
}

/** A copy of the frame with the figures painted on it. */
export function paintFigures(background: VideoFrame, figures: readonly PaintedFigure[]): VideoFrame {
  const frame = { ...background, data: new Uint8Array(background.data) };
  for (const figure of figures) {
    const h = figure.height;
    const w = Math.round(0.36 * h);
    const left = Math.round(figure.x - w / 2);
    const rect = (from: number, to: number, inset: number, rgb: Rgb) =>
      fill(frame, left + Math.round(inset * w), figure.y + Math.round(from * h), w - 2 * Math.round(inset * w), Math.round((to - from) * h), rgb);
    rect(0, 0.09, 0.15, figure.hat ?? figure.hair);
    rect(0.09, 0.19, 0.2, figure.skin ?? [222, 180, 150]);
    rect(0.19, 0.26, 0.1, figure.scarf ?? figure.top);
    rect(0.26, 0.58, 0, figure.top);
    rect(0.58, 1, 0.12, figure.bottom);
    if (figure.bag) fill(frame, left + w - 2, figure.y + Math.round(0.4 * h), Math.round(0.25 * w), Math.round(0.18 * h), figure.bag);
  }
  return frame;
}

/** Adds uniform noise of +-amplitude to every channel, from a seeded generator. */
export function addNoise(frame: VideoFrame, amplitude: number, seed = 1): VideoFrame {
  let state = seed >>> 0 || 1;
  const data = new Uint8Array(frame.data.length);
  for (let index = 0; index < data.length; index++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    const noise = Math.round(((state / 2 ** 32) * 2 - 1) * amplitude);
    data[index] = Math.max(0, Math.min(255, frame.data[index]! + noise));
  }
  return { ...frame, data };
}

/** Palette colour by name. */
export const rgb = (name: keyof typeof colorNames): Rgb => colorNames[name];

function fill(frame: VideoFrame, x: number, y: number, w: number, h: number, color: Rgb): void {
  for (let row = Math.max(0, y); row < Math.min(frame.height, y + h); row++) {
    for (let column = Math.max(0, x); column < Math.min(frame.width, x + w); column++) {
      const offset = (row * frame.width + column) * 3;
      frame.data[offset] = color[0];
      frame.data[offset + 1] = color[1];
      frame.data[offset + 2] = color[2];
    }
  }
}
