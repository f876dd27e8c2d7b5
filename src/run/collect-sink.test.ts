import { describe, expect, it } from 'vitest';
import type { GeneratedChunk } from '../engine/engine.js';
import { completeChunkFrames, partialChunkFrames } from '../frame/chunk-frames.js';
import type { VideoFrame } from '../frame/video-frame.js';
import { buildTimeline } from '../script/timeline.js';
import { type CollectSink, createCollectSink } from './collect-sink.js';
import type { RunPlan } from './run-sink.js';

const timeline = buildTimeline({ prompts: ['a'], seconds: [1], fps: 16 });
const plan: RunPlan = { timeline, width: 2, height: 1, fps: 16, renderRecord: false, keyframes: false };
const frame = (value: number): VideoFrame => ({ width: 2, height: 1, data: new Uint8Array(6).fill(value) });
const chunk = {} as GeneratedChunk;

const latentChunk = (index: number): GeneratedChunk => ({
  chunk: index,
  startFrame: index * 3,
  frames: [0, 1, 2].map((offset) => ({ frame: index * 3 + offset, keys: [] })),
});
const demandOf = async (sink: CollectSink) => {
  await sink.open(plan);
  return sink.framesRead!(latentChunk(0));
};

describe('createCollectSink', () => {
  it('keeps a copy of every frame without a selection', async () => {
    const sink = createCollectSink();
    await sink.open(plan);
    const source = [frame(1), frame(2)];
    await sink.onFrames(chunk, completeChunkFrames(source));
    source[0]!.data.fill(9); // an engine reusing its buffer
    expect(sink.frames.map((kept) => kept.data[0])).toEqual([1, 2]);
  });

  it('keeps only the selected frames, counts all of them, and refuses to read one it left out', async () => {
    const sink = createCollectSink(undefined, { keep: () => ({ frameCount: 4, indices: new Set([1, 3]) }) });
    await sink.open(plan);
    await sink.onFrames(chunk, completeChunkFrames([frame(0), frame(1)]));
    await sink.onFrames(chunk, completeChunkFrames([frame(2), frame(3)]));
    await sink.commit(null);
    expect(sink.frames.length).toBe(4);
    expect(sink.frames[1]!.data[0]).toBe(1);
    expect(sink.frames[3]!.data[0]).toBe(3);
    expect(() => sink.frames[2]).toThrow(/frame 2 was read but not kept/);
  });

  it('fails the run when the engine makes another number of frames than the selection was made for', async () => {
    const sink = createCollectSink(undefined, { keep: () => ({ frameCount: 3, indices: new Set([0]) }) });
    await sink.open(plan);
    await sink.onFrames(chunk, completeChunkFrames([frame(0), frame(1)]));
    await expect(sink.commit(null)).rejects.toThrow(/made 2 frames where its plan said 3/);
  });

  it('declares the frames it keeps, per chunk, and takes a chunk of only those', async () => {
    // 4 video frames per latent frame, 3 latent frames per chunk: chunk 1 holds video frames 12 .. 23.
    const sink = createCollectSink(undefined, {
      keep: () => ({ frameCount: 24, indices: new Set([0, 13, 23]) }),
    });
    await sink.open({ ...plan, timeline: { ...timeline, videoFramesPerLatent: 4 } });
    const first = latentChunk(0);
    const second = latentChunk(1);
    expect(sink.framesRead!(first)).toEqual([0]);
    expect(sink.framesRead!(second)).toEqual([1, 11]);
    await sink.onFrames(first, partialChunkFrames(12, new Map([[0, frame(0)]])));
    await sink.onFrames(
      second,
      partialChunkFrames(
        12,
        new Map([
          [1, frame(13)],
          [11, frame(23)],
        ]),
      ),
    );
    await sink.commit(null);
    expect([0, 13, 23].map((index) => sink.frames[index]!.data[0])).toEqual([0, 13, 23]);
  });

  it('asks for every frame without a selection, or when the next sink declares nothing', async () => {
    expect(await demandOf(createCollectSink())).toBe('all');
    const keep = () => ({ frameCount: 24, indices: new Set([0]) });
    expect(await demandOf(createCollectSink(createCollectSink(), { keep }))).toBe('all');
    expect(await demandOf(createCollectSink(createCollectSink(undefined, { keep }), { keep }))).toEqual([
      0, 0,
    ]);
  });

  it('passes every frame on to the next sink', async () => {
    const next = createCollectSink();
    const sink = createCollectSink(next, { keep: () => ({ frameCount: 2, indices: new Set([0]) }) });
    await sink.open(plan);
    await sink.onFrames(chunk, completeChunkFrames([frame(5), frame(6)]));
    expect(next.frames.map((kept) => kept.data[0])).toEqual([5, 6]);
  });
});
