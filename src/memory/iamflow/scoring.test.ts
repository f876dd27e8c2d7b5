import { describe, expect, it } from 'vitest';
import { pickArchiveEntry } from './chunk-candidates.js';
import { scoreFrame, tokenLogits } from './frame-score.js';
import { argMax, createSeededRandom, fuseScores, minMax } from './fuse-scores.js';

describe('scoreFrame', () => {
  it('takes per token the best scaled logit over keys and a weighted mean', () => {
    // d = 2, scale 1/sqrt(2); token 0 best on key [2, 0]: 2/sqrt2; token 1 best on key [1, 1]: 1/sqrt2
    const queries = [
      [1, 0],
      [0, 1],
    ];
    const keys = [
      [2, 0],
      [1, 1],
    ];
    const logits = tokenLogits(queries, keys);
    expect(logits[0]).toBeCloseTo(Math.SQRT2, 12);
    expect(logits[1]).toBeCloseTo(1 / Math.SQRT2, 12);
    const score = scoreFrame(queries, [2.5, 1], new Map([[7, [0]]]), keys);
    expect(score.text).toBeCloseTo((2.5 * Math.SQRT2 + 1 / Math.SQRT2) / 3.5, 12);
    expect(Object.keys(score.entities)).toEqual(['7']);
    expect(score.entities[7]).toBeCloseTo(Math.SQRT2, 12);
  });

  it('scores 0 for a frame without keys', () => {
    expect(scoreFrame([[1]], [1], new Map(), []).text).toBe(0);
  });
});

describe('fuseScores', () => {
  it('fuses 0.7 * minmax(text) + 0.3 * visual, 0.5 when missing', () => {
    const fused = fuseScores([1, 2, 3], [0.2, undefined, 0]);
    expect(fused.map((value) => Number(value.toFixed(10)))).toEqual([0.06, 0.5, 0.7]);
  });

  it('uses 0.5 for flat text scores', () => {
    expect(minMax([4, 4])).toEqual([0.5, 0.5]);
    expect(fuseScores([4, 4], [1, 0]).map((value) => Number(value.toFixed(10)))).toEqual([0.65, 0.35]);
  });

  it('supports the ablations', () => {
    expect(fuseScores([0, 10, 5], [0.9, 0.1, 0.2], { mode: 'semantic_only' })).toEqual([0, 1, 0.5]);
    expect(fuseScores([0, 10, 5], [0.9, undefined, 0.2], { mode: 'visual_only' })).toEqual([0.9, 0.5, 0.2]);
    const first = fuseScores([0, 0, 0], [], { mode: 'random', random: createSeededRandom(5) });
    const second = fuseScores([0, 0, 0], [], { mode: 'random', random: createSeededRandom(5) });
    expect(first).toEqual(second);
    expect(new Set(first).size).toBe(3);
  });

  it('argMax keeps the earliest of ties', () => {
    expect(argMax([0.2, 0.7, 0.7])).toBe(1);
  });
});

describe('pickArchiveEntry in the ablation modes', () => {
  const candidates = {
    chunk: 0,
    segment: 0,
    frames: [0.2, 0.9, 0.4].map((text, frame) => ({ frame, keys: [], text, entities: {} })),
  };
  const options = { coverage: 'prompt' as const, threshold: 0.5, provisional: false, idPrefix: 'f' };

  it('stores no text score in random and visual_only, as the reference', () => {
    const visual = pickArchiveEntry(candidates, [0.1, 0.2, 0.8], undefined, {
      ...options,
      mode: 'visual_only',
    });
    expect([visual.frame, visual.textScore, visual.score]).toEqual([2, 0, 0.8]);
    const random = pickArchiveEntry(candidates, [], undefined, {
      ...options,
      mode: 'random',
      random: () => 0.5,
    });
    expect([random.textScore, random.score]).toEqual([0, 0]);
  });

  it('ranks by the raw text score in semantic_only', () => {
    const entry = pickArchiveEntry(candidates, [1, 0, 0], undefined, { ...options, mode: 'semantic_only' });
    expect([entry.frame, entry.score]).toEqual([1, 0.9]);
  });
});
