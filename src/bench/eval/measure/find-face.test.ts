import { describe, expect, it } from 'vitest';
import type { VideoFrame } from '../../../frame/video-frame.js';
import { findFace } from './find-face.js';

type Rgb = readonly [number, number, number];
const width = 20;
const height = 40;

/** A person 40 px tall filling a 20 px wide frame: hair, a face of `face` rows, a coat below. */
function figure(face: readonly Rgb[]): {
  frame: VideoFrame;
  mask: { width: number; height: number; data: Uint8Array };
} {
  const frame = { width, height, data: new Uint8Array(width * height * 3) };
  const mask = { width, height, data: new Uint8Array(width * height) };
  const rows: Rgb[] = [[30, 25, 22], [30, 25, 22], ...face];
  while (rows.length < height) rows.push([50, 150, 60]);
  for (const [y, rgb] of rows.entries()) {
    // The head is 6 px wide over the middle, the coat 14.
    const half = y < 2 + face.length ? 3 : 7;
    for (let x = 10 - half; x < 10 + half; x++) {
      frame.data.set(rgb, (y * width + x) * 3);
      mask.data[y * width + x] = 1;
    }
  }
  return { frame, mask };
}

const skin: Rgb = [224, 172, 140];
const glasses: Rgb = [20, 20, 20];

describe('findFace', () => {
  it('finds a face of two rows or more of skin tone under the hair', () => {
    const { frame, mask } = figure([skin, skin, skin]);
    expect(findFace(frame, mask, [0, 0, width, height])).toEqual({ top: 2, height: 3, centre: 9.5 });
  });

  it('finds a face that a row of glasses cuts into rows of one', () => {
    const { frame, mask } = figure([skin, glasses, skin]);
    expect(findFace(frame, mask, [0, 0, width, height])).toMatchObject({ top: 2, height: 3 });
  });

  it('finds no face in a single row of skin (an edge, a hand) or two rows apart', () => {
    expect(findFace(...withBox(figure([skin])))).toBeUndefined();
    expect(findFace(...withBox(figure([skin, glasses, glasses, skin])))).toBeUndefined();
  });
});

function withBox({ frame, mask }: ReturnType<typeof figure>) {
  return [frame, mask, [0, 0, width, height]] as const;
}
