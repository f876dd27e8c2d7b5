import { describe, expect, it } from 'vitest';
import type { EncodedPrompt } from '../../engine/engine.js';
import { completeChunkFrames } from '../../frame/chunk-frames.js';
import { createFakeEngine } from '../../pipeline/__fixtures__/fake-engine.js';
import { buildTimeline } from '../../script/timeline.js';
import type { MemoryEvent } from '../policy.js';
import { createMemFlowPolicy, scoreFrameForPrompt } from './memflow.js';

const v = (...values: number[]) => new Float32Array(values);
const prompt = (id: string, keys: Float32Array[]): EncodedPrompt => ({
  id,
  text: id,
  tokens: keys.map((key, i) => ({ text: `t${i}`, start: i, end: i + 1, key })),
  embedding: v(1, 0, 0, 0),
});

// First latent frames of chunks 2, 5, 8, 11, 14 (the 3rd, 6th, ... chunk): 6, 15, 24, 33, 42.
const keysByFrame: Record<number, Float32Array[]> = {
  6: [v(1, 0, 0, 0)],
  15: [v(0, 0, 1, 0)],
  24: [v(0.4, 0.6, 0, 0), v(0, 1, 0, 0)], // two pooled keys: mean (0.2, 0.8, 0, 0)
  33: [v(0, 0, 0, 1)],
  42: [v(0, 0, 1, 0)],
};

describe('scoreFrameForPrompt', () => {
  it('is mean text key . mean frame key', () => {
    const p = prompt('p', [v(1, 0, 0, 0), v(0, 1, 0, 0)]); // mean (0.5, 0.5, 0, 0)
    expect(scoreFrameForPrompt(p, { keys: keysByFrame[6]! })).toBeCloseTo(0.5, 6);
    expect(scoreFrameForPrompt(p, { keys: keysByFrame[15]! })).toBeCloseTo(0, 6);
    expect(scoreFrameForPrompt(p, { keys: keysByFrame[24]! })).toBeCloseTo(0.2 * 0.5 + 0.8 * 0.5, 6);
  });
});

describe('memflow', () => {
  it('records every 3rd chunk and keeps the 2 best-scoring frames for the current prompt when full', async () => {
    const engine = createFakeEngine({ frameKeys: (frame) => keysByFrame[frame] ?? [v(0, 0, 0, 0)] });
    const events: MemoryEvent[] = [];
    const timeline = buildTimeline({ prompts: ['a', 'b'], seconds: [6, 6], fps: 16 });
    const policy = createMemFlowPolicy({ engine, timeline, events: (e) => events.push(e), seed: 1 });
    expect(policy.transition).toBe('recache');
    const first = prompt('first', [v(1, 0, 0, 0), v(0, 1, 0, 0)]); // mean (0.5, 0.5, 0, 0)
    const second = prompt('second', [v(1, 0, 0, 0)]);
    const banks: string[][] = [];
    for (let index = 0; index < 15; index++) {
      const current = index < 12 ? first : second;
      const chunk = await engine.generateChunk({ prompt: current });
      await policy.onChunkEnd?.({
        segment: timeline.segments[0]!,
        prompt: current,
        chunk,
        frames: completeChunkFrames([]),
      });
      if (events.at(-1)?.type === 'bank-set' && events.at(-1)?.chunk === index) banks.push([...engine.bank]);
    }
    expect(banks).toEqual([
      ['memflow-6'],
      ['memflow-6', 'memflow-15'],
      ['memflow-6', 'memflow-15', 'memflow-24'],
      // chunk 11, prompt 1: scores 6 -> 0.5, 15 -> 0, 24 -> 0.5: 15 goes
      ['memflow-6', 'memflow-24', 'memflow-33'],
      // chunk 14, prompt 2 (mean key (1, 0, 0, 0)): 6 -> 1, 24 -> 0.2, 33 -> 0: 33 goes
      ['memflow-6', 'memflow-24', 'memflow-42'],
    ]);
    const drops = events.filter((e) => e.type === 'frame-drop');
    expect(drops.map((e) => [e.chunk, e.frame])).toEqual([
      [11, 15],
      [14, 33],
    ]);
    expect(engine.stored.has('memflow-15')).toBe(false);
    expect(policy.snapshot?.()).toEqual({
      capacity: 3,
      interval: 3,
      bank: [
        { id: 'memflow-6', frame: 6 },
        { id: 'memflow-24', frame: 24 },
        { id: 'memflow-42', frame: 42 },
      ],
    });
  });

  it('keeps the older frame on a score tie', async () => {
    const engine = createFakeEngine({ frameKeys: () => [v(1, 0, 0, 0)] });
    const timeline = buildTimeline({ prompts: ['a'], seconds: [3], fps: 16 });
    const policy = createMemFlowPolicy(
      { engine, timeline, events: () => {}, seed: 1 },
      { capacity: 2, interval: 1 },
    );
    const p = prompt('p', [v(1, 0, 0, 0)]);
    for (let index = 0; index < 3; index++) {
      const chunk = await engine.generateChunk({ prompt: p });
      await policy.onChunkEnd?.({
        segment: timeline.segments[0]!,
        prompt: p,
        chunk,
        frames: completeChunkFrames([]),
      });
    }
    expect(engine.bank).toEqual(['memflow-0', 'memflow-6']);
  });

  it('rejects unknown settings with an InputError', () => {
    const engine = createFakeEngine();
    const timeline = buildTimeline({ prompts: ['a'], seconds: [3], fps: 16 });
    expect(() => createMemFlowPolicy({ engine, timeline, events: () => {}, seed: 1 }, { size: 4 })).toThrow(
      /Unrecognized key/,
    );
  });
});
