import { describe, expect, it } from 'vitest';
import type { VideoFrame } from '../frame/video-frame.js';
import type { MemoryPolicy } from '../memory/policy.js';
import type { Script } from '../script/script.js';
import { buildTimeline } from '../script/timeline.js';
import { createFakeEngine, type FakeEngine } from './__fixtures__/fake-engine.js';
import { generateVideo } from './generate-video.js';

// One prompt of 3 s at 16 fps: 12 latent frames, 4 chunks of 12 video frames.
const script: Script = {
  id: 'one',
  fps: 16,
  prompts: ['a red fox'],
  seconds: [3],
  source: { path: 'one.jsonl' },
};
const timeline = buildTimeline(script);

/**
 * The fake engine with `decodeFrames`: the frames its `decodeChunk` makes at those indices, each call recorded (its
 * cost counters are the fake's; the mini engine's tests check that a subset counts only its frames).
 */
function engineDecodingSubsets(): FakeEngine & { asked: number[][] } {
  const engine = createFakeEngine();
  const asked: number[][] = [];
  const decodeChunk = engine.decodeChunk.bind(engine);
  engine.decodeFrames = async (chunk, indices) => {
    asked.push([...indices]);
    const all = await decodeChunk(chunk);
    engine.calls.pop(); // the whole-chunk call made here is not the loop's
    return indices.map((index) => all[index]!);
  };
  return Object.assign(engine, { asked });
}

/** A policy that reads the frames it declares (undefined: declares nothing, so it gets every frame). */
function readingPolicy(demand: readonly number[] | undefined, seen: VideoFrame[][]): MemoryPolicy {
  return {
    specificationVersion: 'v1',
    name: 'reader',
    transition: 'swap',
    ...(demand ? { framesRead: () => demand } : {}),
    async onChunkEnd({ frames }) {
      seen.push(demand ? demand.map((index) => frames.at(index)) : [...frames.all()]);
    },
  };
}

describe('generateVideo decodes the frames its consumers read', () => {
  it('gives a consumer that declares nothing every frame of every chunk', async () => {
    const engine = engineDecodingSubsets();
    const seen: VideoFrame[][] = [];
    const sunk: number[] = [];
    const result = await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      policy: readingPolicy([0], seen),
      onFrames: (_chunk, frames) => {
        sunk.push(frames.all().length);
      },
    });
    expect(sunk).toEqual([12, 12, 12, 12]);
    expect(engine.asked).toEqual([]);
    expect(engine.calls.filter((call) => call.startsWith('decode'))).toHaveLength(4);
    expect(seen.map((frames) => frames[0]!.data[0])).toEqual([0, 12, 24, 36]);
    expect(result.videoFrames).toBe(48);
  });

  it('decodes only the union of the declarations, and an undeclared frame cannot be read', async () => {
    const engine = engineDecodingSubsets();
    const seen: VideoFrame[][] = [];
    const sunk: number[][] = [];
    const result = await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      policy: readingPolicy([9, 5], seen),
      framesRead: () => [5, 1],
      onFrames: (_chunk, frames) => {
        sunk.push([frames.at(1).data[0]!, frames.at(5).data[0]!]);
        expect(frames.has(0)).toBe(false);
        expect(() => frames.at(0)).toThrow(/video frame 0 of the chunk was not decoded/);
        expect(() => frames.all()).toThrow(/not every frame/);
      },
    });
    expect(engine.asked).toEqual([
      [1, 5, 9],
      [1, 5, 9],
      [1, 5, 9],
      [1, 5, 9],
    ]);
    expect(engine.calls.filter((call) => call.startsWith('decode'))).toEqual([]);
    expect(sunk).toEqual([
      [1, 5],
      [13, 17],
      [25, 29],
      [37, 41],
    ]);
    expect(seen.map((frames) => frames.map((frame) => frame.data[0]))).toEqual([
      [9, 5],
      [21, 17],
      [33, 29],
      [45, 41],
    ]);
    // The run still made every frame of its timeline, whether or not they were drawn.
    expect(result.videoFrames).toBe(48);
  });

  it('asks the engine nothing when no consumer reads a frame', async () => {
    const engine = engineDecodingSubsets();
    const result = await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      policy: readingPolicy([], []),
    });
    expect(engine.asked).toEqual([]);
    expect(engine.calls.filter((call) => call.startsWith('decode'))).toEqual([]);
    expect(result.costs.decodedFrames).toBe(0);
    expect(result.videoFrames).toBe(48);
  });

  it('decodes whole chunks on an engine without decodeFrames, and declared consumers read their frames', async () => {
    const engine = createFakeEngine();
    const seen: VideoFrame[][] = [];
    await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      policy: readingPolicy([3], seen),
      framesRead: () => [],
      onFrames: (_chunk, frames) => {
        expect(frames.complete).toBe(true);
      },
    });
    expect(engine.calls.filter((call) => call.startsWith('decode'))).toEqual([
      'decode:0',
      'decode:1',
      'decode:2',
      'decode:3',
    ]);
    expect(seen.map((frames) => frames[0]!.data[0])).toEqual([3, 15, 27, 39]);
  });
});
