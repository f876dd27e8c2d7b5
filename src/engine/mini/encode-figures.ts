import type { VideoFrame } from '../../frame/video-frame.js';
import { appearanceLayout } from './appearance.js';
import type { Decoder } from './decoder.js';
import { type EncodedScene, medianColour, sceneOnlyFrame } from './encode-scene.js';
import { cameraTransform } from './figure-geometry.js';
import { backdropOf } from './scenes.js';
import { STAGE } from './stage.js';
import { type LatentFrame, SLOTS, STATE_SIZE, sceneLayout, stateLayout } from './tokens.js';

/** A connected region of foreground pixels: the pixels and their bounding box (inclusive). */
interface Component {
  label: number;
  pixels: number;
  box: [number, number, number, number];
}

/** Pixels that differ from the empty backdrop by more than this L1 RGB distance are foreground. */
const FOREGROUND_L1 = 24;
/** Smaller foreground specks are noise, not figures. */
const MIN_AREA = 30;
const HAIR_STYLE_VALUES = [0, 1, 2, 3, 4, 5].map((index) => (index + 0.5) / 6);
const COLOURED: readonly number[] = [
  appearanceLayout.outerwear,
  appearanceLayout.hat,
  appearanceLayout.scarf,
  appearanceLayout.bag,
  appearanceLayout.umbrella,
];
const SKIN_LIGHT = [241, 213, 182];
const SKIN_DARK = [95, 60, 40];

/**
 * Encodes the figures of an image into slot states, by analysis through the decoder: foreground = pixels off the
 * fitted backdrop; each connected region gets a figure whose silhouette is fitted by coordinate descent (position,
 * depth, height, build, sitting, hair style, hat, umbrella, bag), whose colours are the median image colour
 * of the pixels the decoder paints with each part, and whose glasses, beard, scarf and coat are kept when they
 * lower the colour error. A region left unexplained afterwards gets one more figure (two figures that touch).
 */
export function encodeFigures(image: VideoFrame, scene: EncodedScene, decoder: Decoder): Float32Array[] {
  const { width, height } = image;
  const background = decoder.decode(sceneOnlyFrame(scene), 0).data;
  const foreground = new Uint8Array(width * height);
  for (let pixel = 0; pixel < foreground.length; pixel++) {
    const byte = pixel * 3;
    const difference =
      Math.abs(image.data[byte]! - background[byte]!) +
      Math.abs(image.data[byte + 1]! - background[byte + 1]!) +
      Math.abs(image.data[byte + 2]! - background[byte + 2]!);
    foreground[pixel] = Number(difference > FOREGROUND_L1);
  }
  const render = (figures: readonly Float32Array[]): Uint8Array =>
    decoder.decode(frameWith(scene, figures), 0).data;
  const figures: Float32Array[] = [];
  for (let pass = 0; pass < 2 && figures.length < SLOTS; pass++) {
    const explained = pass === 0 ? new Uint8Array(width * height) : drawnMask(render(figures), background);
    const residual = foreground.map((value, pixel) => value & (1 - explained[pixel]!));
    const { labels, components } = findComponents(
      residual,
      width,
      height,
      pass === 0 ? MIN_AREA : 4 * MIN_AREA,
    );
    for (const component of components) {
      if (figures.length >= SLOTS) break;
      const fit = fitFigure({ image, scene, decoder, background, labels, component, others: figures });
      figures.push(fit);
    }
  }
  return figures;
}

/** A latent frame with the scene and these figure states in the first slots (present), the rest absent. */
export function frameWith(scene: EncodedScene, figures: readonly Float32Array[]): LatentFrame {
  const frame = sceneOnlyFrame(scene);
  figures.forEach((state, slot) => {
    frame.slots[slot]!.state = state;
  });
  return frame;
}

function drawnMask(rendered: Uint8Array, background: Uint8Array): Uint8Array {
  const mask = new Uint8Array(rendered.length / 3);
  for (let pixel = 0; pixel < mask.length; pixel++) {
    const byte = pixel * 3;
    mask[pixel] = Number(
      rendered[byte] !== background[byte] ||
        rendered[byte + 1] !== background[byte + 1] ||
        rendered[byte + 2] !== background[byte + 2],
    );
  }
  return mask;
}

/**
 * Connected regions of a mask, grown over gaps of up to GAP pixels (an umbrella's thin pole, a hat's brim) so the
 * parts of one figure stay together; each label marks only mask pixels.
 */
const GAP = 4;

function erode(mask: Uint8Array, width: number, height: number): Uint8Array {
  const kept = new Uint8Array(mask.length);
  for (let y = 1; y < height - 1; y++)
    for (let x = 1; x < width - 1; x++) {
      const pixel = y * width + x;
      kept[pixel] =
        mask[pixel]! & mask[pixel - 1]! & mask[pixel + 1]! & mask[pixel - width]! & mask[pixel + width]!;
    }
  return kept;
}

function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const grown = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x] === 0) continue;
      for (let dy = -radius; dy <= radius; dy++)
        for (let dx = -radius; dx <= radius; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx >= 0 && ny >= 0 && nx < width && ny < height) grown[ny * width + nx] = 1;
        }
    }
  return grown;
}

function findComponents(mask: Uint8Array, width: number, height: number, minArea: number) {
  // Opening first: lines up to four pixels thick (a horizon or prop edge a pixel off) are not figures.
  const opened = dilate(erode(erode(mask, width, height), width, height), width, height, 2);
  const grown = dilate(opened, width, height, GAP);
  const labels = new Int32Array(mask.length).fill(-1);
  const components: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (grown[start] === 0 || labels[start] !== -1) continue;
    const label = components.length;
    const box: [number, number, number, number] = [width, height, 0, 0];
    let pixels = 0;
    labels[start] = label;
    stack.push(start);
    while (stack.length > 0) {
      const pixel = stack.pop()!;
      const x = pixel % width;
      const y = (pixel - x) / width;
      if (mask[pixel] === 0) continue;
      pixels += 1;
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
      for (const next of [
        x > 0 ? pixel - 1 : -1,
        x < width - 1 ? pixel + 1 : -1,
        pixel - width,
        pixel + width,
      ]) {
        if (next < 0 || next >= mask.length || grown[next] === 0 || labels[next] !== -1) continue;
        labels[next] = label;
        stack.push(next);
      }
    }
    components.push({ label, pixels, box });
  }
  for (let pixel = 0; pixel < mask.length; pixel++) if (mask[pixel] === 0) labels[pixel] = -1;
  const kept = components
    .filter((component) => {
      const [boxWidth, boxHeight] = [
        component.box[2] - component.box[0] + 1,
        component.box[3] - component.box[1] + 1,
      ];
      // A figure is a solid blob, not a thin edge left by a camera or palette mismatch.
      return (
        component.pixels >= minArea &&
        boxHeight >= 6 &&
        boxWidth >= 4 &&
        component.pixels >= 0.1 * boxWidth * boxHeight
      );
    })
    .sort((first, second) => second.pixels - first.pixels);
  return { labels, components: kept };
}

interface FitInput {
  image: VideoFrame;
  scene: EncodedScene;
  decoder: Decoder;
  background: Uint8Array;
  labels: Int32Array;
  component: Component;
  others: readonly Float32Array[];
}

function fitFigure(input: FitInput): Float32Array {
  const { image, scene, decoder, background, labels, component, others } = input;
  const { width, height } = image;
  const margin = 12;
  const [left, top, right, bottom] = [
    Math.max(0, component.box[0] - margin),
    Math.max(0, component.box[1] - margin),
    Math.min(width - 1, component.box[2] + margin),
    Math.min(height - 1, component.box[3] + margin),
  ];
  const state = initialState(input);
  const render = (candidate: Float32Array, withOthers: boolean) =>
    decoder.decode(frameWith(scene, withOthers ? [...others, candidate] : [candidate]), 0).data;
  // Silhouette error: pixels of this region drawn but not foreground here, or foreground here but not drawn.
  const shapeError = (candidate: Float32Array) => {
    const rendered = render(candidate, false);
    let error = 0;
    for (let y = top; y <= bottom; y++) {
      for (let x = left; x <= right; x++) {
        const pixel = y * width + x;
        const label = labels[pixel]!;
        if (label !== component.label && label !== -1) continue;
        const byte = pixel * 3;
        const drawn =
          rendered[byte] !== background[byte] ||
          rendered[byte + 1] !== background[byte + 1] ||
          rendered[byte + 2] !== background[byte + 2];
        error += Number(drawn !== (label === component.label));
      }
    }
    return error;
  };
  const colourError = (candidate: Float32Array) => {
    const rendered = render(candidate, true);
    let error = 0;
    for (let y = top; y <= bottom; y++)
      for (let x = left; x <= right; x++) {
        const byte = (y * width + x) * 3;
        error +=
          Math.abs(rendered[byte]! - image.data[byte]!) +
          Math.abs(rendered[byte + 1]! - image.data[byte + 1]!) +
          Math.abs(rendered[byte + 2]! - image.data[byte + 2]!);
      }
    return error;
  };
  const tryValues = (entry: number, values: readonly number[], errorOf: (s: Float32Array) => number) => {
    let best = errorOf(state);
    let bestValue = state[entry]!;
    for (const value of values) {
      state[entry] = value;
      const error = errorOf(state);
      if (error < best) [best, bestValue] = [error, value];
    }
    state[entry] = bestValue;
  };
  /** Pixels of the region whose rendered colour differs between two candidates. */
  const changedPixels = (first: Float32Array, second: Float32Array) => {
    const a = render(first, true);
    const b = render(second, true);
    let count = 0;
    for (let y = top; y <= bottom; y++)
      for (let x = left; x <= right; x++) {
        const byte = (y * width + x) * 3;
        count += Number(a[byte] !== b[byte] || a[byte + 1] !== b[byte + 1] || a[byte + 2] !== b[byte + 2]);
      }
    return count;
  };
  /** Sets a presence entry on when that lowers the error by more than `margin` per pixel the item changes. */
  const toggle = (entry: number, errorOf: (s: Float32Array) => number, margin: number) => {
    const off = state.slice();
    off[entry] = 0;
    const on = state.slice();
    on[entry] = 1;
    state.set(errorOf(on) < errorOf(off) - margin * changedPixels(off, on) ? on : off);
  };
  const continuous: Array<[number, number, number, number]> = [
    [stateLayout.walked, 0.012, STAGE.left, STAGE.right],
    [stateLayout.depth, 0.06, 0, 1],
    [appearanceLayout.height, 0.12, 0, 1],
    [appearanceLayout.build, 0.12, 0, 1],
  ];
  for (let round = 0; round < 5; round++) {
    const scale = 0.5 ** Math.min(3, round);
    // The discrete parts are revisited after the last size step: a hat can stand in for a figure fitted too short.
    if (round !== 3) {
      for (const item of [appearanceLayout.umbrella, appearanceLayout.hat, appearanceLayout.bag])
        toggle(item, shapeError, 0);
      tryValues(stateLayout.sit, [0, 1], shapeError);
      tryValues(appearanceLayout.hairStyle, HAIR_STYLE_VALUES, shapeError);
    }
    for (const [entry, step, low, high] of round === 4 ? [] : continuous) {
      const value = state[entry]!;
      const steps = [-2, -1, 1, 2].map((times) => clamp(value + times * step * scale, low, high));
      tryValues(entry, steps, shapeError);
    }
  }
  readColours(state, input, render);
  for (const item of [...COLOURED, appearanceLayout.glasses, appearanceLayout.beard]) {
    const off = state.slice();
    off[item] = 0;
    const on = state.slice();
    on[item] = 1;
    if (COLOURED.includes(item)) readColours(on, input, render, [item + 1]);
    state.set(off);
    const painted = changedPixels(off, on);
    // An item is worn when it explains the pixels it paints, not when it patches a small misfit.
    const keep = colourError(on) < colourError(off) - 10 * painted ? on : off;
    state.set(keep);
  }
  readColours(state, input, render);
  return state;
}

/** Sets each visible part's colour to the image's median over the pixels the decoder paints with it. */
function readColours(
  state: Float32Array,
  input: FitInput,
  render: (candidate: Float32Array, withOthers: boolean) => Uint8Array,
  offsets: readonly number[] = [
    appearanceLayout.hair,
    appearanceLayout.top,
    appearanceLayout.bottom,
    appearanceLayout.shoes,
    ...COLOURED.filter((item) => state[item]! > 0.5).map((item) => item + 1),
  ],
): void {
  const probe = (set: (candidate: Float32Array, second: boolean) => void) => {
    const first = state.slice();
    const second = state.slice();
    set(first, false);
    set(second, true);
    const a = render(first, true);
    const b = render(second, true);
    const pixels: number[] = [];
    for (let pixel = 0, byte = 0; byte < a.length; pixel++, byte += 3)
      if (a[byte] !== b[byte] || a[byte + 1] !== b[byte + 1] || a[byte + 2] !== b[byte + 2])
        pixels.push(pixel);
    return medianColour(input.image, Int32Array.from(pixels));
  };
  for (const offset of offsets) {
    const colour = probe((candidate, second) => candidate.set(second ? [0, 1, 0] : [1, 0, 1], offset));
    if (colour) state.set(colour, offset);
  }
  const skin = probe((candidate, second) => {
    candidate[appearanceLayout.skin] = second ? 1 : 0;
  });
  if (skin) {
    let dot = 0;
    let norm = 0;
    for (let channel = 0; channel < 3; channel++) {
      const span = SKIN_DARK[channel]! - SKIN_LIGHT[channel]!;
      dot += (skin[channel]! * 255 - SKIN_LIGHT[channel]!) * span;
      norm += span * span;
    }
    state[appearanceLayout.skin] = clamp(dot / norm, 0, 1);
  }
}

/** A first guess from the region's box seen back through the camera: feet, centre, size, width. */
function initialState(input: FitInput): Float32Array {
  const { image, scene, labels, component } = input;
  const { width, height } = image;
  const [zoom, , , , offsetX, offsetY] = cameraTransform(
    { zoom: scene.state[sceneLayout.zoom]!, pan: scene.state[sceneLayout.pan]! },
    width,
    height,
  ) as [number, number, number, number, number, number];
  const worldX = (x: number) => (x - offsetX) / zoom;
  const worldY = (y: number) => (y - offsetY) / zoom;
  const [, top, , bottom] = component.box;
  // Centre: the middle of the region's lowest rows (legs and shoes are symmetric about it).
  let low = width;
  let high = 0;
  for (let y = Math.max(top, bottom - 2); y <= bottom; y++)
    for (let x = component.box[0]; x <= component.box[2]; x++)
      if (labels[y * width + x] === component.label) [low, high] = [Math.min(low, x), Math.max(high, x)];
  const horizon = backdropOf(scene.setting).horizon * height;
  const feetY = worldY(bottom + 1);
  const depth = clamp(((feetY - horizon) / (height - horizon) - 0.3) / 0.6, 0, 1);
  const tall = (feetY - worldY(top)) / 1.02;
  const base = height * (0.34 + 0.22 * depth);
  const torso = (worldX(component.box[2]) - worldX(component.box[0])) / 1.44;
  const state = new Float32Array(STATE_SIZE);
  state.fill(0.5, 0, appearanceLayout.height + 3);
  for (const item of [...COLOURED, appearanceLayout.glasses, appearanceLayout.beard]) state[item] = 0;
  state[appearanceLayout.hairStyle] = HAIR_STYLE_VALUES[0]!;
  state[stateLayout.walked] = clamp(worldX((low + high) / 2) / width, STAGE.left, STAGE.right);
  state[stateLayout.depth] = depth;
  state[appearanceLayout.height] = clamp((tall / base - 0.82) / 0.3, 0, 1);
  state[appearanceLayout.build] = clamp((torso / tall - 0.2) / 0.1, 0, 1);
  state[stateLayout.presence] = 1;
  return state;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
