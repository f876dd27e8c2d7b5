import { createCanvas, ImageData } from '@napi-rs/canvas';
import { rgbToRgba } from '../../frame/encode-png.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import { createDecoder, packRgb } from './decoder.js';
import { encodeFigures, frameWith } from './encode-figures.js';
import { encodeScene } from './encode-scene.js';
import { type LatentFrame, SLOTS, stateLayout } from './tokens.js';

/**
 * The miniature engine's image encoder (its "VAE encoder"): pixels back to a latent frame's scene token and
 * figure slot tokens, by analysis through its own decoder (encode-scene.ts, encode-figures.ts). The result has
 * no text binding (zero binding vectors, no mention): the context pass that stores it binds it to text.
 * An image of another size is first scaled to the engine's frame size.
 *
 * @example
 * const decoded = decoder.decode(frame, 0);
 * const encoded = encodeImageTokens(decoded, { width: 480, height: 270, videoFramesPerLatent: 4 });
 */
export function encodeImageTokens(
  image: VideoFrame,
  size: { width: number; height: number; videoFramesPerLatent: number },
): Pick<LatentFrame, 'scene' | 'slots'> {
  // The fit runs at half the frame size: every decoder quantity is a fraction of the frame, and it is 4x cheaper.
  const [width, height] = [Math.round(size.width / 2), Math.round(size.height / 2)];
  const fitted = resizeFrame(image, width, height);
  const decoder = createDecoder(width, height, size.videoFramesPerLatent);
  const scene = encodeScene(fitted, decoder);
  const figures = encodeFigures(fitted, scene, decoder);
  // Slots are spatial tokens: a figure goes to the free slot whose home position (generator.ts) is nearest.
  const homes = Array.from({ length: SLOTS }, (_, slot) => 0.1 + (0.8 * (slot + 0.5)) / SLOTS);
  const order = figures
    .map((_, index) => index)
    .sort((a, b) => figures[a]![stateLayout.walked]! - figures[b]![stateLayout.walked]!);
  const placed: Float32Array[] = new Array(SLOTS);
  const free = new Set(homes.keys());
  for (const index of order) {
    const walked = figures[index]![stateLayout.walked]!;
    const slot = [...free].reduce((best, next) =>
      Math.abs(homes[next]! - walked) < Math.abs(homes[best]! - walked) ? next : best,
    );
    free.delete(slot);
    placed[slot] = figures[index]!;
  }
  const frame = frameWith(scene, []);
  placed.forEach((state, slot) => {
    if (state) frame.slots[slot]!.state = state;
  });
  return { scene: frame.scene, slots: frame.slots };
}

/** The frame scaled to `width` x `height` (the same object when it already has that size). */
export function resizeFrame(image: VideoFrame, width: number, height: number): VideoFrame {
  if (image.width === width && image.height === height) return image;
  const source = createCanvas(image.width, image.height);
  source
    .getContext('2d')
    .putImageData(
      new ImageData(rgbToRgba(image.data, image.width * image.height), image.width, image.height),
      0,
      0,
    );
  const target = createCanvas(width, height);
  const context = target.getContext('2d');
  context.imageSmoothingEnabled = false;
  context.drawImage(source, 0, 0, width, height);
  return { width, height, data: packRgb(context.getImageData(0, 0, width, height).data, width * height) };
}
