import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { VideoFrame } from '../../frame/video-frame.js';
import type { RenderRecordEntry } from '../engine.js';
import { APPEARANCE_SIZE } from './appearance.js';
import { drawFigure } from './draw-figure.js';
import { cameraBox, cameraTransform, figureGeometry } from './figure-geometry.js';
import { type Backdrop, backdropOf } from './scenes.js';
import { screenDirection } from './stage.js';
import { type LatentFrame, sceneLayout, stateLayout } from './tokens.js';

/** Turns latent frames into RGB video frames and render records. */
export interface Decoder {
  /** Renders video frame `step` (0-based within the latent frame) of a latent frame. */
  decode(frame: LatentFrame, step: number): VideoFrame;
  /** What `decode` draws for the same inputs, without drawing. */
  record(frame: LatentFrame, step: number, videoFramesPerLatent: number): RenderRecordEntry;
}

/** A slot drawn in a video frame: its state moved on by its speed to the video frame's time. */
interface Drawn {
  slot: number;
  state: Float32Array;
  mention: string | null;
}

/** Creates a decoder that draws on one reusable canvas of the engine's size. */
export function createDecoder(width: number, height: number, videoFramesPerLatent: number): Decoder {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  const visible = (frame: LatentFrame, step: number): Drawn[] =>
    frame.slots
      .map((slot, index) => {
        const state = slot.state.slice();
        state[stateLayout.walked] =
          state[stateLayout.walked]! + (state[stateLayout.speed]! * step) / videoFramesPerLatent;
        return { slot: index, state, mention: slot.mention };
      })
      .filter((drawn) => drawn.state[stateLayout.presence]! > 0.5)
      .sort((first, second) => first.state[stateLayout.depth]! - second.state[stateLayout.depth]!);
  const cameraOf = (frame: LatentFrame) =>
    cameraTransform(
      { zoom: frame.scene.state[sceneLayout.zoom]!, pan: frame.scene.state[sceneLayout.pan]! },
      width,
      height,
    );
  return {
    decode(frame, step) {
      const backdrop = backdropOf(frame.scene.setting);
      const transform = cameraOf(frame) as [number, number, number, number, number, number];
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.fillStyle = rgb(frame.scene.state, 3);
      context.fillRect(0, 0, width, height);
      context.setTransform(...transform);
      drawBackdrop(context, frame, backdrop, width, height);
      for (const drawn of visible(frame, step)) {
        const geometry = figureGeometry(drawn.state, backdrop, width, height);
        drawFigure(context, drawn.state, geometry, walkingPhase(drawn.state), direction(drawn.state));
      }
      context.setTransform(1, 0, 0, 1, 0, 0);
      const rgba = context.getImageData(0, 0, width, height).data;
      return { width, height, data: packRgb(rgba, width * height) };
    },
    record(frame, step, perLatent) {
      const backdrop = backdropOf(frame.scene.setting);
      const transform = cameraOf(frame);
      return {
        frame: frame.index * perLatent + step,
        latentFrame: frame.index,
        prompt: frame.prompt,
        scene: { setting: frame.scene.setting, appearance: Array.from(frame.scene.state.subarray(0, 6)) },
        figures: visible(frame, step)
          .map((drawn) => ({
            slot: drawn.slot,
            appearance: Array.from(drawn.state.subarray(0, APPEARANCE_SIZE)),
            box: cameraBox(
              figureGeometry(drawn.state, backdrop, width, height).box,
              transform,
              width,
              height,
            ),
            mention: drawn.mention,
          }))
          .filter((figure) => figure.box[2] > 0 && figure.box[3] > 0)
          .sort((first, second) => first.slot - second.slot),
      };
    },
  };
}

/** Walking phase in cycles: legs swing with the distance walked (a stride is 0.04 of the stage). */
function walkingPhase(state: ArrayLike<number>): number {
  return state[stateLayout.walked]! / 0.04;
}

function direction(state: ArrayLike<number>): number {
  return (
    screenDirection(state[stateLayout.walked]!, state[stateLayout.speed]!) *
    Number(Math.abs(state[stateLayout.speed]!) > 0.002)
  );
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
  const palette = frame.scene.state;
  const horizon = Math.round(backdrop.horizon * height);
  context.fillStyle = rgb(palette, 0);
  context.fillRect(-width, -height, 3 * width, horizon + height);
  context.fillStyle = rgb(palette, 3);
  context.fillRect(-width, horizon, 3 * width, 2 * height);
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
