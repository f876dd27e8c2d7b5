import { describe, expect, it } from 'vitest';
import type { FrameFeatures } from './analyse-frame.js';
import { clusterByCosine } from './embedding-similarity.js';
import {
  embeddingConsistency,
  faceConsistency,
  faceSwaps,
  nameFaceTracks,
  personDuplication,
  type SegmentFeatures,
} from './face-identity-metrics.js';

/** A deterministic pseudo-random unit-ish vector per seed (no Math.random: tests must repeat). */
function vector(seed: number, length = 64): number[] {
  let state = seed * 2654435761;
  return Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  });
}

/** `base` with a little noise of its own, as another photo of the same face. */
function noisy(base: number[], seed: number, amount = 0.15): number[] {
  const noise = vector(seed, base.length);
  return base.map((value, index) => value + amount * noise[index]!);
}

const alice = vector(1);
const bob = vector(2);

function frame(
  faces: Array<{ embedding: number[]; height?: number }>,
  persons = faces.length,
): FrameFeatures {
  return {
    faces: faces.map(({ embedding, height = 0.4 }) => ({
      score: 1,
      box: [0.1, 0.1, 0.3, height],
      embedding,
    })),
    persons: Array.from({ length: persons }, () => ({ score: 1, box: [0, 0, 0.4, 0.9] })),
    background: [1, 0, 0],
  };
}

function segment(index: number, present: string[], face: number[], seed: number): SegmentFeatures {
  return {
    index,
    present,
    frames: [0, 1, 2].map((offset) => frame([{ embedding: noisy(face, seed * 10 + offset) }])),
  };
}

describe('face identity metrics', () => {
  it('clusters noisy copies of two vectors into two identities', () => {
    const vectors = [noisy(alice, 11), noisy(bob, 12), noisy(alice, 13), noisy(bob, 14)];
    expect(clusterByCosine(vectors, 0.7)).toEqual([0, 1, 0, 1]);
  });

  it('scores the same face across segments high and a swapped face low, and flags the swap', () => {
    const consistent = [
      segment(0, ['a'], alice, 1),
      segment(1, ['a'], alice, 2),
      segment(2, ['b'], bob, 3),
      segment(3, ['a'], alice, 4),
    ];
    const swapped = [
      segment(0, ['a'], alice, 1),
      segment(1, ['a'], bob, 2),
      segment(2, ['b'], bob, 3),
      segment(3, ['a'], alice, 4),
    ];
    const good = nameFaceTracks(consistent);
    const bad = nameFaceTracks(swapped);
    const goodScores = faceConsistency(good);
    const badScores = faceConsistency(bad);
    expect(good.identities).toBe(2);
    expect(goodScores.adjacent).toBeGreaterThan(90);
    expect(goodScores.longRange).toBeGreaterThan(90);
    expect(badScores.adjacent).toBeLessThan(30);
    // Long range: a(0,3) still the same face, a(1,3) swapped -> about half-way.
    expect(badScores.longRange).toBeLessThan(goodScores.longRange! - 30);
    expect(faceSwaps(good)).toBe(100);
    // Segments 1 and 3 are compared with a's reference (segment 0); segment 1 fits b's better.
    expect(faceSwaps(bad)).toBe(50);
  });

  it('names the faces of a shared segment after the characters’ reference looks', () => {
    const segments: SegmentFeatures[] = [
      segment(0, ['a'], alice, 1),
      segment(1, ['b'], bob, 2),
      {
        index: 2,
        present: ['a', 'b'],
        frames: [0, 1].map((offset) =>
          frame([
            { embedding: noisy(bob, 50 + offset) },
            { embedding: noisy(alice, 60 + offset), height: 0.2 },
          ]),
        ),
      },
    ];
    const named = nameFaceTracks(segments);
    const shared = named.bySegment.get(2)!;
    expect(shared.get('a')!.cluster).toBe(named.bySegment.get(0)!.get('a')!.cluster);
    expect(shared.get('b')!.cluster).toBe(named.bySegment.get(1)!.get('b')!.cluster);
  });

  it('counts a second full-size person as duplication but not a small background extra', () => {
    const one = { index: 0, present: ['a'], frames: [frame([{ embedding: alice }])] };
    const extra = {
      index: 0,
      present: ['a'],
      frames: [frame([{ embedding: alice }, { embedding: bob, height: 0.1 }], 1)],
    };
    const twin = { index: 0, present: ['a'], frames: [frame([{ embedding: alice }, { embedding: alice }])] };
    expect(personDuplication([one])).toBe(100);
    expect(personDuplication([extra])).toBe(100);
    expect(personDuplication([twin])).toBe(50);
  });

  it('gives 100 for an unchanged embedding within a segment and less when it changes', () => {
    const still = { index: 0, frames: [0, 1, 2].map(() => frame([])) };
    const changing = {
      index: 0,
      frames: [
        [1, 0, 0],
        [0.7, 0.7, 0],
        [0, 1, 0],
      ].map((background) => ({ ...frame([]), background })),
    };
    expect(embeddingConsistency([still], (item) => item.background)).toBeCloseTo(100, 6);
    expect(embeddingConsistency([changing], (item) => item.background)).toBeLessThan(60);
    expect(embeddingConsistency([still], (item) => item.subject)).toBeUndefined();
  });
});
