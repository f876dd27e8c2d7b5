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
});
