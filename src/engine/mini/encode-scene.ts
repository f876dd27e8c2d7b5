import type { VideoFrame } from '../../frame/video-frame.js';
import type { Decoder } from './decoder.js';
import { BACKDROPS, canonicalPalette } from './scenes.js';
import { type LatentFrame, SCENE_SIZE, SLOTS, STATE_SIZE, sceneLayout } from './tokens.js';
import { BINDING_SIZE } from './weights.js';

/** The scene part of an encoded image: setting id and scene state (palette, zoom, pan, zoom rate 0). */
export interface EncodedScene {
  setting: string | null;
  state: Float32Array;
}

const ZOOMS = [0.8, 0.9, 1, 1.15, 1.3, 1.5, 1.75, 2, 2.3, 2.6];
const COARSE_CAMERAS: Array<[number, number]> = [
  [1, 0.5],
  ...[1.25, 1.6, 2].flatMap((zoom) => [0.4, 0.5, 0.6].map((pan): [number, number] => [zoom, pan])),
];
const PANS = Array.from({ length: 15 }, (_, index) => 0.15 + 0.05 * index);

/** A latent frame holding only a scene (every slot absent), for rendering candidates. */
export function sceneOnlyFrame(scene: EncodedScene): LatentFrame {
  return {
    index: 0,
    prompt: '',
    scene: { setting: scene.setting, state: scene.state, binding: new Float32Array(BINDING_SIZE) },
    slots: Array.from({ length: SLOTS }, () => ({
      state: new Float32Array(STATE_SIZE),
      binding: new Float32Array(BINDING_SIZE),
      mention: null,
    })),
    cache: [],
  };
}

/**
 * Fits the scene token to an image by analysis through the decoder: the setting whose backdrop renders closest
 * (truncated L1, so figures barely count), then the camera (zoom, pan) on a grid, then the sky and ground colours
 * read from the pixels the decoder paints with them.
 */
export function encodeScene(image: VideoFrame, decoder: Decoder): EncodedScene {
  const settings = Object.keys(BACKDROPS).map((name) => (name === 'plain' ? null : name));
  const candidate = (setting: string | null, zoom: number, pan: number): EncodedScene => {
    const state = new Float32Array(SCENE_SIZE);
    state.set(canonicalPalette(setting));
    state[sceneLayout.zoom] = zoom;
    state[sceneLayout.pan] = pan;
    return { setting, state };
  };
  const errorOf = (scene: EncodedScene) => truncatedError(image, decoder.decode(sceneOnlyFrame(scene), 0));
  // Palettes drift from a setting's canonical one, so each setting is tried with it and with the colours read; its
  // props only line up under roughly the right camera, so each is scored at its best on a coarse camera grid.
  const ranked = settings
    .flatMap((setting) => {
      const read = candidate(setting, 1, 0.5);
      readPalette(image, decoder, read);
      return [candidate(setting, 1, 0.5), read];
    })
    .map((palette) => {
      const setting = palette.setting;
      let best = { scene: palette, error: Number.POSITIVE_INFINITY };
      for (const [zoom, pan] of COARSE_CAMERAS) {
        const scene = candidate(setting, zoom, pan);
        scene.state.set(palette.state.subarray(0, 6));
        const error = errorOf(scene);
        if (error < best.error) best = { scene, error };
      }
      return best;
    })
    .sort((first, second) => first.error - second.error);
  // The closest few get the full camera search; a backdrop without props wins a coarse camera too easily.
  const refined = ranked.slice(0, 3).map(({ scene, error }) => refineCamera(scene, error, errorOf));
  const best = refined.reduce((first, second) => (second.error < first.error ? second : first)).scene;
  readPalette(image, decoder, best);
  return best;
}

/** The camera on a grid, then by a local search halving its steps. */
function refineCamera(
  start: EncodedScene,
  startError: number,
  errorOf: (scene: EncodedScene) => number,
): { scene: EncodedScene; error: number } {
  let best = start;
  let bestError = startError;
  const palette = start.state.subarray(0, 6).slice();
  for (const zoom of ZOOMS)
    for (const pan of zoom === 1 ? [0.5] : PANS) {
      const state = start.state.slice();
      state.set(palette);
      state[sceneLayout.zoom] = zoom;
      state[sceneLayout.pan] = pan;
      const error = errorOf({ setting: start.setting, state });
      if (error < bestError) [best, bestError] = [{ setting: start.setting, state }, error];
    }
  for (let round = 0; round < 7; round++) {
    for (const [entry, step, low, high] of [
      [sceneLayout.zoom, 0.06, 0.8, 2.6],
      [sceneLayout.pan, 0.03, 0.15, 0.85],
    ] as const) {
      for (const direction of [-1, 1]) {
        const state = best.state.slice();
        state[entry] = Math.min(high, Math.max(low, state[entry]! + (direction * step) / 2 ** round));
        const error = errorOf({ setting: best.setting, state });
        if (error < bestError) [best, bestError] = [{ setting: best.setting, state }, error];
      }
    }
  }
  return { scene: best, error: bestError };
}

/** Sky (entries 0-2) and ground (3-5): the image's median over the pixels the decoder paints with each. */
function readPalette(image: VideoFrame, decoder: Decoder, scene: EncodedScene): void {
  for (const offset of [0, 3]) {
    const pixels = probePixels(decoder, (colour) => {
      const state = scene.state.slice();
      state.set(colour, offset);
      return sceneOnlyFrame({ setting: scene.setting, state });
    });
    const median = medianColour(image, pixels);
    if (median) scene.state.set(median, offset);
  }
}

/** Pixel indices that differ between two renders with a part painted magenta, then green. */
export function probePixels(decoder: Decoder, paint: (colour: number[]) => LatentFrame): Int32Array {
  const first = decoder.decode(paint([1, 0, 1]), 0).data;
  const second = decoder.decode(paint([0, 1, 0]), 0).data;
  const found: number[] = [];
  for (let pixel = 0, byte = 0; byte < first.length; pixel++, byte += 3)
    if (first[byte] !== second[byte] || first[byte + 1] !== second[byte + 1]) found.push(pixel);
  return Int32Array.from(found);
}

/** Per-channel median colour (0..1) of the image at these pixels, or null when there are none. */
export function medianColour(image: VideoFrame, pixels: Int32Array): number[] | null {
  if (pixels.length === 0) return null;
  const colour: number[] = [];
  for (let channel = 0; channel < 3; channel++) {
    const histogram = new Uint32Array(256);
    for (const pixel of pixels) histogram[image.data[pixel * 3 + channel]!]! += 1;
    let seen = 0;
    let value = 0;
    while (value < 255 && seen + histogram[value]! <= pixels.length / 2) seen += histogram[value++]!;
    colour.push(value / 255);
  }
  return colour;
}

/** Mean over pixels of min(L1 RGB difference, 60): a robust distance between two frames. */
function truncatedError(first: VideoFrame, second: VideoFrame): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < first.height; y++) {
    for (let x = 0; x < first.width; x++) {
      const byte = (y * first.width + x) * 3;
      const difference =
        Math.abs(first.data[byte]! - second.data[byte]!) +
        Math.abs(first.data[byte + 1]! - second.data[byte + 1]!) +
        Math.abs(first.data[byte + 2]! - second.data[byte + 2]!);
      sum += Math.min(60, difference);
      count += 1;
    }
  }
  return sum / count;
}
