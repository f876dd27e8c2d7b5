import { describe, expect, it } from 'vitest';
import { resolveSoftTransition, softTransitionDefaults } from '../../pipeline/transition.js';
import { iamflowDefaults } from './iamflow-defaults.js';
import { createIamflowPolicy } from './iamflow-policy.js';
import { parseIamflowSettings } from './iamflow-settings.js';

describe('reference parameters', () => {
  it('pins every value of iamflowDefaults to the reference', () => {
    expect(iamflowDefaults).toEqual({
      evictionLagChunks: 3,
      entityTokenWeight: 2.5,
      sceneHeadWeight: 0.7,
      cameraTailWeight: 0.5,
      baseTokenWeight: 1,
      referenceTextSlots: 512,
      spanMargin: 0.02,
      sceneHeadFraction: 0.08,
      cameraTailFraction: 0.92,
      fallbackSpan: [0.1, 0.85],
      fallbackTokenWeight: 1.5,
      promptBodyWeight: 1.2,
      promptMinSlots: 4,
      textWeight: 0.7,
      visualWeight: 0.3,
      missingVisualScore: 0.5,
      entityCoverThreshold: 0.5,
      minMultiEntityBudget: 2,
      maxBudget: 4,
      fixedBudget: 4,
      promptTopFrames: 3,
      verifyFrameIndices: [0, 4, 8],
      verifySize: 256,
      verifyTimeoutMs: 30_000,
      correctionChunk: 1,
      verifyQueueCapacity: 4,
      memoryTopK: 3,
    });
  });

  it('pins the soft transition: adaptive cosine, delay 3, window 3..15, fixed window 9, steepness 6', () => {
    expect(softTransitionDefaults).toEqual({
      curve: 'cosine',
      adaptive: true,
      windowFrames: 9,
      delayFrames: 3,
      minWindowFrames: 3,
      maxWindowFrames: 15,
      steepness: 6,
      chunkFrames: 3,
    });
    const a = new Float32Array([1, 0]);
    const b = new Float32Array([0, 1]);
    expect(resolveSoftTransition(a, b).windowFrames).toBe(15);
    expect(resolveSoftTransition(a, b, { adaptive: false, curve: 'linear' }).windowFrames).toBe(9);
  });

  it('makes the reference behaviour the default of every policy setting', () => {
    const { extractor: _e, verifier: _v, ...settings } = parseIamflowSettings({});
    expect(settings).toEqual({
      selection: 'entity',
      budget: 'dynamic',
      score: 'fused',
      bankUpdate: 'reference',
      cover: 'reference',
      scoring: 'reference',
      artefacts: 'fixed',
      correction: 'replace',
      verifyTimeoutMs: 30_000,
      verifyFit: 'squash',
      syncVerify: false,
      sparseMemory: 'off',
      transition: 'soft',
      coverage: 'prompt',
      coverThreshold: 0.5,
      queueCapacity: 4,
      archiveCapacity: 128,
    });
    const engine = { info: { localFrames: 9, chunkFrames: 3 } } as never;
    const policy = createIamflowPolicy({ engine, timeline: {} as never, events: () => {}, seed: 1 });
    expect(policy.transition).toBe('soft');
    // dense attention by default; the reference's sparse memory activation (top 3 of sink + bank) on request
    expect(policy.memoryTopK).toBeUndefined();
    const sparse = createIamflowPolicy(
      { engine, timeline: {} as never, events: () => {}, seed: 1 },
      { sparseMemory: iamflowDefaults.memoryTopK },
    );
    expect(iamflowDefaults.memoryTopK).toBe(3);
    expect(sparse.memoryTopK).toBe(3);
    expect(() => parseIamflowSettings({ sparseMemory: 0 })).toThrow(/sparseMemory/);
  });
});
