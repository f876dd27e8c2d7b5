import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { VideoFrame } from '../../../../../frame/video-frame.js';

/**
 * Human's own `assets/screenshot-facematch.jpg` (1920x954): a grid of faces cut from group photos, 18 columns of
 * 106.67 px from y = 282, rows 112 px apart. Row 0, columns 0-8 are nine different photos of one man.
 */
const grid = { left: 0, top: 282, width: 1920 / 18, height: 112 } as const;

/** Cells (row, column) of the grid by who they show. */
export const faceGridCells = {
  manA: [0, 0],
  manB: [0, 1],
  manC: [0, 3],
  blondeWoman: [1, 6],
  darkHairedWoman: [2, 3],
} as const;

/** The screenshot's path inside the installed @vladmandic/human package. */
export function faceGridPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(dirname(require.resolve('@vladmandic/human'))), 'assets', 'screenshot-facematch.jpg');
}

/** Grid cells side by side on a grey `size` x `size` frame, as a still shot of one or more people. */
export async function faceGridFrame(
  cells: ReadonlyArray<readonly [number, number]>,
  size = 256,
): Promise<VideoFrame> {
  const image = await loadImage(faceGridPath());
  const canvas = createCanvas(size, size);
  const context = canvas.getContext('2d');
  context.fillStyle = '#808080';
  context.fillRect(0, 0, size, size);
  // Each face gets an equal slot; the bottom fifth of a cell (the demo's caption) is left out.
  const side = Math.min(size / 2, (size * 0.9) / cells.length);
  const gap = (size - side * cells.length) / (cells.length + 1);
  for (const [index, [row, column]] of cells.entries()) {
    context.drawImage(
      image,
      grid.left + column * grid.width,
      grid.top + row * grid.height,
      grid.width,
      grid.height * 0.8,
      gap + index * (side + gap),
      (size - side * 0.8) / 2,
      side,
      side * 0.8,
    );
  }
  const rgba = context.getImageData(0, 0, size, size).data;
  const data = new Uint8Array(size * size * 3);
  for (let pixel = 0; pixel < size * size; pixel++) data.set(rgba.subarray(pixel * 4, pixel * 4 + 3), pixel * 3);
  return { width: size, height: size, data };
}
