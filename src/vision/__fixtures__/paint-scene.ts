import type { VideoFrame } from '../../frame/video-frame.js';
import type { Rgb } from '../css-colors.js';

/** A figure to paint, in the miniature engine's proportions (head radius h/14, shoulders at 2.1r, hips at 0.55h). */
export interface PaintedFigure {
  /** Centre x in pixels. */
  x: number;
  /** Top of the head in pixels. */
  y: number;
  /** Head-to-feet height in pixels; the torso is a quarter of it wide. */
  height: number;
  hair: Rgb;
  top: Rgb;
  bottom: Rgb;
  skin?: Rgb;
  outerwear?: Rgb;
  hat?: Rgb;
  scarf?: Rgb;
  bag?: Rgb;
  /** Walking phase in cycles: swings the legs. */
  phase?: number;
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
    const r = h / 14;
    const w = 0.25 * h;
    const x = figure.x;
    const feet = figure.y + h;
    const headY = figure.y + r;
    const shoulder = figure.y + 2.1 * r;
    const hip = feet - 0.45 * h;
    const swing = Math.sin(2 * Math.PI * (figure.phase ?? 0)) * h * 0.05;
    const sleeve = figure.outerwear ?? figure.top;
    fill(frame, x - 0.42 * w + swing, hip, 0.36 * w, feet - hip, figure.bottom);
    fill(frame, x + 0.06 * w - swing, hip, 0.36 * w, feet - hip, figure.bottom);
    fill(frame, x - 0.46 * w + swing, feet - 0.5 * r, 0.43 * w, 0.5 * r, rgb('black'));
    fill(frame, x + 0.02 * w - swing, feet - 0.5 * r, 0.43 * w, 0.5 * r, rgb('black'));
    fill(frame, x - 0.72 * w, shoulder, 0.24 * w, 0.36 * h, sleeve);
    fill(frame, x + 0.48 * w, shoulder, 0.24 * w, 0.36 * h, sleeve);
    fill(frame, x - w / 2, shoulder, w, hip - shoulder + 0.04 * h, figure.top);
    if (figure.outerwear) {
      fill(frame, x - w / 2 - 1, shoulder, 0.34 * w, hip + 0.14 * h - shoulder, figure.outerwear);
      fill(frame, x + 0.16 * w + 1, shoulder, 0.34 * w, hip + 0.14 * h - shoulder, figure.outerwear);
    }
    if (figure.bag) fill(frame, x + 0.5 * w, hip - 0.08 * h, 0.42 * w, 0.13 * h, figure.bag);
    if (figure.scarf) fill(frame, x - 0.42 * w, shoulder - 0.2 * r, 0.84 * w, 0.6 * r, figure.scarf);
    disc(frame, x, headY, r, figure.skin ?? [222, 180, 150], () => true);
    disc(frame, x, headY - 0.05 * r, 1.1 * r, figure.hair, (_, dy) => dy <= 0);
    if (figure.hat) {
      fill(frame, x - 1.3 * r, headY - 0.75 * r, 2.6 * r, 0.35 * r, figure.hat);
      fill(frame, x - 0.85 * r, headY - 1.6 * r, 1.7 * r, 0.95 * r, figure.hat);
    }
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

/**
 * Paints for test figures: the xkcd colour survey's value for each word (what people call that colour), not the
 * engine's palette nor the CSS keyword, so tests read colours the namer was not built from.
 */
const paints = {
  red: [229, 0, 0],
  orange: [249, 115, 6],
  yellow: [255, 255, 20],
  green: [21, 176, 26],
  blue: [3, 67, 223],
  purple: [126, 30, 156],
  pink: [255, 129, 192],
  brown: [101, 55, 0],
  black: [0, 0, 0],
  white: [255, 255, 255],
  gray: [146, 149, 145],
  beige: [230, 218, 166],
  navy: [1, 21, 62],
  teal: [2, 147, 134],
} as const satisfies Record<string, Rgb>;

/** Hair paints: common hair-dye swatches (jet black, dark brown, golden blonde, copper red, silver, platinum). */
const hairPaints = {
  black: [28, 24, 22],
  brown: [92, 58, 33],
  blonde: [222, 188, 120],
  red: [165, 70, 35],
  gray: [160, 160, 158],
  white: [232, 230, 222],
} as const satisfies Record<string, Rgb>;

/** A paint by colour word. */
export const rgb = (name: keyof typeof paints): Rgb => paints[name];

/** A hair paint by hair colour word. */
export const hairRgb = (name: keyof typeof hairPaints): Rgb => hairPaints[name];

function fill(frame: VideoFrame, x: number, y: number, w: number, h: number, color: Rgb): void {
  for (let row = Math.max(0, Math.round(y)); row < Math.min(frame.height, Math.round(y + h)); row++) {
    for (let column = Math.max(0, Math.round(x)); column < Math.min(frame.width, Math.round(x + w)); column++) {
      const offset = (row * frame.width + column) * 3;
      frame.data[offset] = color[0];
      frame.data[offset + 1] = color[1];
      frame.data[offset + 2] = color[2];
    }
  }
}

function disc(frame: VideoFrame, cx: number, cy: number, r: number, color: Rgb, keep: (dx: number, dy: number) => boolean): void {
  for (let row = Math.max(0, Math.floor(cy - r)); row <= Math.min(frame.height - 1, Math.ceil(cy + r)); row++) {
    for (let column = Math.max(0, Math.floor(cx - r)); column <= Math.min(frame.width - 1, Math.ceil(cx + r)); column++) {
      const dx = column + 0.5 - cx;
      const dy = row + 0.5 - cy;
      if (dx * dx + dy * dy > r * r || !keep(dx, dy)) continue;
      frame.data.set(color, (row * frame.width + column) * 3);
    }
  }
}
