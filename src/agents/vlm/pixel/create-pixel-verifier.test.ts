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
});

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
