import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { VideoFrame } from '../../frame/video-frame.js';
import type { RenderRecordEntry } from '../engine.js';
import { drawFigure } from './draw-figure.js';
import { figureGeometry } from './figure-geometry.js';
import { type Backdrop, backdropOf } from './scenes.js';
import type { LatentFrame } from './tokens.js';

/** Turns latent frames into RGB video frames and render records. */
export interface Decoder {
  /** Renders video frame `step` (0-based within the latent frame) of a latent frame. */
  decode(frame: LatentFrame, step: number): VideoFrame;
  /** What `decode` draws for the same inputs, without drawing. */
  record(frame: LatentFrame, step: number, videoFramesPerLatent: number): RenderRecordEntry;
}

/** Creates a decoder that draws on one reusable canvas of the engine's size. */
export function createDecoder(width: number, height: number, videoFramesPerLatent: number): Decoder {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  const phaseOf = (step: number, base: number) => base + (step / videoFramesPerLatent) * 0.5;
  return {
    decode(frame, step) {
      const backdrop = backdropOf(frame.scene.setting);
      drawBackdrop(context, frame, backdrop, width, height);
      const order = [...frame.figures].sort((first, second) => first.depth - second.depth);
      for (const figure of order) {
        const geometry = figureGeometry(figure, backdrop, width, height);
        drawFigure(context, figure.appearance, geometry, phaseOf(step, figure.phase));
      }
      const rgba = context.getImageData(0, 0, width, height).data;
      return { width, height, data: packRgb(rgba, width * height) };
    },
    record(frame, step, perLatent) {
      const backdrop = backdropOf(frame.scene.setting);
      return {
        frame: frame.index * perLatent + step,
        latentFrame: frame.index,
        prompt: frame.prompt,
        scene: { setting: frame.scene.setting, appearance: Array.from(frame.scene.palette) },
        figures: frame.figures.map((figure, slot) => ({
          slot,
          appearance: Array.from(figure.appearance),
          box: figureGeometry(figure, backdrop, width, height).box,
          mention: figure.mention,
        })),
      };
    },
  };
}

/** RGBA to packed RGB; four pixels at a time as 32-bit words when the pixel count allows (little-endian). */
export function packRgb(rgba: Uint8ClampedArray, pixels: number): Uint8Array {
  const data = new Uint8Array(pixels * 3);
  if (pixels % 4 !== 0 || rgba.byteOffset % 4 !== 0 || !littleEndian) {
    for (let source = 0, target = 0; target < data.length; source += 4, target += 3) {
      data[target] = rgba[source]!;
      data[target + 1] = rgba[source + 1]!;
      data[target + 2] = rgba[source + 2]!;
    }
    return data;
  }
  const source = new Uint32Array(rgba.buffer, rgba.byteOffset, pixels);
  const target = new Uint32Array(data.buffer);
  for (let from = 0, to = 0; from < pixels; from += 4, to += 3) {
    const first = source[from]!;
    const second = source[from + 1]!;
    const third = source[from + 2]!;
    const fourth = source[from + 3]!;
    target[to] = (first & 0xffffff) | (second << 24);
    target[to + 1] = ((second >>> 8) & 0xffff) | (third << 16);
    target[to + 2] = ((third >>> 16) & 0xff) | ((fourth & 0xffffff) << 8);
  }
  return data;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const rgb = (values: ArrayLike<number>, offset: number, shade = 1) =>
  `rgb(${Math.round(values[offset]! * 255 * shade)},${Math.round(values[offset + 1]! * 255 * shade)},${Math.round(values[offset + 2]! * 255 * shade)})`;

function drawBackdrop(
  context: SKRSContext2D,
  frame: LatentFrame,
  backdrop: Backdrop,
  width: number,
  height: number,
): void {
  const palette = frame.scene.palette;
  const horizon = Math.round(backdrop.horizon * height);
  context.fillStyle = rgb(palette, 0);
  context.fillRect(0, 0, width, horizon);
  context.fillStyle = rgb(palette, 3);
  context.fillRect(0, horizon, width, height - horizon);
  const [red, green, blue] = backdrop.prop;
  const prop = `rgb(${red},${green},${blue})`;
  context.fillStyle = prop;
  const unit = width / 8;
  switch (backdrop.props) {
    case 'trees':
      for (const column of [0.5, 2.2, 5.6, 7.4]) {
        context.fillStyle = 'rgb(95,70,45)';
        context.fillRect(column * unit - 4, horizon - height * 0.18, 8, height * 0.18);
        context.fillStyle = prop;
        context.beginPath();
        context.arc(column * unit, horizon - height * 0.22, height * 0.1, 0, 2 * Math.PI);
        context.fill();
      }
      return;
    case 'buildings':
      [0.28, 0.4, 0.22, 0.34, 0.3, 0.45, 0.25, 0.36].forEach((tall, column) => {
        context.fillRect(column * unit + 2, horizon - tall * height, unit - 4, tall * height);
      });
      return;
    case 'shelves':
    case 'desks':
    case 'stalls':
      for (let column = 0; column < 4; column++) {
        const top = backdrop.props === 'shelves' ? height * 0.12 : horizon - height * 0.12;
        context.fillRect(column * 2 * unit + unit * 0.2, top, unit * 1.6, horizon - top);
        context.fillStyle = rgb(palette, 0, 0.8);
        context.fillRect(column * 2 * unit + unit * 0.2, top + (horizon - top) / 2, unit * 1.6, 2);
        context.fillStyle = prop;
      }
      return;
    case 'counter':
      context.fillRect(0, horizon - height * 0.1, width, height * 0.1);
      return;
    case 'water':
      context.fillRect(0, horizon - height * 0.06, width, height * 0.08);
      return;
    case 'pillars':
      for (let column = 0; column < 4; column++) {
        context.fillRect(column * 2 * unit + unit * 0.8, height * 0.08, unit * 0.4, horizon - height * 0.08);
      }
      return;
    case 'none':
      return;
  }
}
