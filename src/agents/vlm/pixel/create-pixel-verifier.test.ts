import { describe, expect, it } from 'vitest';
import { runVerifierCases } from '../verifier.case.js';
import { createPixelVerifier, restoreAspect } from './create-pixel-verifier.js';

const frame = (value: number) => ({ width: 8, height: 6, data: new Uint8Array(8 * 6 * 3).fill(value) });

describe('pixel verifier', () => {
  it('scores 0.5 and sees nobody when no entity is expected', async () => {
    const verifier = createPixelVerifier();
    const result = await verifier.verify({
      frames: [frame(10), frame(10), frame(10)],
      entities: [],
      firstChunkOfSegment: true,
    });
    expect(result).toEqual({ scores: [0.5, 0.5, 0.5], seen: [[], [], []] });
  });

  it('scores 0 for an expected entity on an empty scene', async () => {
    const verifier = createPixelVerifier();
    const result = await verifier.verify({
      frames: [frame(10), frame(10), frame(10)],
      entities: [{ id: 1, name: 'Nora', attrs: ['red coat'] }],
      firstChunkOfSegment: false,
    });
    expect(result.scores).toEqual([0, 0, 0]);
    expect(result.seen).toEqual([[], [], []]);
  });

  it('reports where it saw an entity, as fractions of the frame', async () => {
    const verifier = createPixelVerifier({ historyFrames: 3 });
    const frames = [8, 28, 48].map((left) => figureFrame(left));
    const result = await verifier.verify({
      frames,
      entities: [{ id: 1, name: 'Nora', attrs: ['red coat'] }],
      firstChunkOfSegment: false,
    });
    expect(result.seen).toEqual([[1], [1], [1]]);
    const [left, top, width, height] = result.boxes![1]![0]!.box;
    expect(result.boxes![1]![0]!.id).toBe(1);
    expect(left * 64).toBeCloseTo(28, 0);
    expect(top * 48).toBeCloseTo(14, 0);
    expect(width * 64).toBeCloseTo(8, 0);
    expect(height * 48).toBeCloseTo(24, 0);
  });
});

/** A 64 x 48 gray scene with one red 8 x 24 figure at `left`. */
function figureFrame(left: number) {
  const data = new Uint8Array(64 * 48 * 3).fill(120);
  for (let y = 14; y < 38; y += 1) {
    for (let x = left; x < left + 8; x += 1) data.set([200, 30, 30], (y * 64 + x) * 3);
  }
  return { width: 64, height: 48, data };
}

runVerifierCases({ name: 'pixel', createVerifier: () => createPixelVerifier() });

describe('restoreAspect', () => {
  it('stretches squeezed frames back to their source proportions and leaves others alone', () => {
    const square = { width: 256, height: 256, data: new Uint8Array(256 * 256 * 3) };
    const input = { frames: [square], entities: [], firstChunkOfSegment: false };
    const [restored] = restoreAspect({ ...input, sourceAspect: 240 / 136 });
    expect([restored!.width, restored!.height]).toEqual([256, 145]);
    expect(restoreAspect(input)[0]).toBe(square);
    expect(restoreAspect({ ...input, sourceAspect: 1 })[0]).toBe(square);
  });
});
