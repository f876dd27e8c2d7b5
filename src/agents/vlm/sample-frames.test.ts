import { describe, expect, it } from 'vitest';
import { resizeFrame, sampleFrames } from './sample-frames.js';

describe('sampleFrames', () => {
  it('takes frames 0, 4, 8 and fits them in 256 keeping the aspect ratio', () => {
    const frames = Array.from({ length: 12 }, (_, index) => ({
      width: 320,
      height: 180,
      data: new Uint8Array(320 * 180 * 3).fill(index),
    }));
    const sampled = sampleFrames(frames, [0, 4, 8], 256);
    expect(sampled.map((frame) => [frame.width, frame.height, frame.data[0]])).toEqual([
      [256, 144, 0],
      [256, 144, 4],
      [256, 144, 8],
    ]);
  });

  it('never enlarges a frame that already fits', () => {
    const frame = { width: 240, height: 136, data: new Uint8Array(240 * 136 * 3) };
    expect(sampleFrames([frame], [0], 256)[0]).toBe(frame);
  });

  it('averages the source pixels each output pixel covers', () => {
    // 2 x 1 frame, red then blue, shrunk to 1 x 1: the mean colour.
    const frame = { width: 2, height: 1, data: new Uint8Array([200, 0, 0, 0, 0, 100]) };
    expect([...resizeFrame(frame, 1, 1).data]).toEqual([100, 0, 50]);
  });

  it('equals the area mean of the source rectangle of every output pixel, enlarging or shrinking', () => {
    for (const [width, height, toWidth, toHeight] of [
      [240, 136, 256, 256],
      [96, 54, 256, 144],
      [480, 270, 256, 256],
      [13, 7, 5, 11],
    ] as const) {
      const data = new Uint8Array(width * height * 3);
      for (let index = 0; index < data.length; index++) data[index] = (index * 2654435761) >>> 24;
      const resized = resizeFrame({ width, height, data }, toWidth, toHeight);
      for (let y = 0; y < toHeight; y++) {
        const top = Math.floor((y * height) / toHeight);
        const bottom = Math.max(top + 1, Math.floor(((y + 1) * height) / toHeight));
        for (let x = 0; x < toWidth; x++) {
          const left = Math.floor((x * width) / toWidth);
          const right = Math.max(left + 1, Math.floor(((x + 1) * width) / toWidth));
          for (let channel = 0; channel < 3; channel++) {
            let sum = 0;
            for (let sy = top; sy < bottom; sy++)
              for (let sx = left; sx < right; sx++) sum += data[(sy * width + sx) * 3 + channel]!;
            const expected = Math.round(sum / ((bottom - top) * (right - left)));
            if (resized.data[(y * toWidth + x) * 3 + channel] !== expected)
              expect.fail(`${width}x${height} -> ${toWidth}x${toHeight}: pixel ${x},${y} channel ${channel}`);
          }
        }
      }
    }
  });
});
