import { describe, expect, it } from 'vitest';
import {
  adaptiveWindowFrames,
  cosineSimilarity,
  resolveSoftTransition,
  type SoftTransitionSchedule,
  transitionAlpha,
} from './transition.js';

const schedule = (curve: SoftTransitionSchedule['curve'], windowFrames: number): SoftTransitionSchedule => ({
  curve,
  delayFrames: 3,
  windowFrames,
  steepness: 6,
  chunkFrames: 3,
});

describe('adaptiveWindowFrames', () => {
  it.each([
    [0, 3], // identical prompts: shortest ramp
    [0.2, 3], // 3 + 2.4 = 5.4 -> 5 -> 3
    [0.25, 6], // 3 + 3 = 6
    [0.5, 9], // 3 + 6 = 9
    [0.74, 9], // 3 + 8.88 = 11.88 -> 11 -> 9
    [0.75, 12],
    [1, 15],
    [1.7, 15], // distances above 1 (opposite prompts) clamp
    [-0.1, 3],
  ])('distance %f -> %i frames', (distance, expected) => {
    expect(adaptiveWindowFrames(distance)).toBe(expected);
  });
});

describe('transitionAlpha', () => {
  it('holds 0 for the delay, then ramps by cosine and ends with null', () => {
    const s = schedule('cosine', 9);
    expect([0, 1, 2].map((f) => transitionAlpha(s, f))).toEqual([0, 0, 0]);
    expect(transitionAlpha(s, 3)).toBeCloseTo(0, 12);
    // t = 3/9: 0.5 * (1 - cos(pi / 3)) = 0.25
    expect(transitionAlpha(s, 6)).toBeCloseTo(0.25, 12);
    // t = 6/9: 0.5 * (1 - cos(2 pi / 3)) = 0.75
    expect(transitionAlpha(s, 9)).toBeCloseTo(0.75, 12);
    expect(transitionAlpha(s, 12)).toBeNull();
  });

  it('linear ramps evenly', () => {
    const s = schedule('linear', 6);
    expect([3, 6].map((f) => transitionAlpha(s, f))).toEqual([0, 0.5]);
    expect(transitionAlpha(s, 9)).toBeNull();
  });

  it('sigmoid is normalised to 0 at the start and symmetric around the middle', () => {
    const s = schedule('sigmoid', 6);
    expect(transitionAlpha(s, 3)).toBeCloseTo(0, 12);
    expect(transitionAlpha(s, 6)).toBeCloseTo(0.5, 12);
    // t = 2/6: raw = 1 / (1 + e^1) = 0.268941; low = 1 / (1 + e^3) = 0.047426; high = 0.952574
    expect(transitionAlpha(s, 5)).toBeCloseTo((0.268941 - 0.047426) / (0.952574 - 0.047426), 5);
  });

  it('step jumps once per chunk of the window, starting with the first', () => {
    const s = schedule('step', 9);
    expect([3, 6, 9].map((f) => transitionAlpha(s, f))).toEqual([1 / 3, 2 / 3, 1]);
  });
});

describe('resolveSoftTransition', () => {
  it('derives the window from the cosine distance of the mean embeddings', () => {
    // cos = 1/sqrt(2) -> d = 0.2929 -> 3 + 3.51 = 6.51 -> window 6
    const from = new Float32Array([1, 0]);
    const to = new Float32Array([1, 1]);
    expect(cosineSimilarity(from, to)).toBeCloseTo(Math.SQRT1_2, 6);
    expect(resolveSoftTransition(from, to)).toEqual({
      curve: 'cosine',
      delayFrames: 3,
      windowFrames: 6,
      steepness: 6,
      chunkFrames: 3,
    });
    expect(resolveSoftTransition(from, new Float32Array([0, 1])).windowFrames).toBe(15);
  });

  it('keeps a fixed window when one is given', () => {
    const v = new Float32Array([1, 0]);
    expect(resolveSoftTransition(v, v, { windowFrames: 12, curve: 'linear' }).windowFrames).toBe(12);
  });
});
