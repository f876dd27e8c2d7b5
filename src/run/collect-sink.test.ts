import { describe, expect, it } from 'vitest';
import type { GeneratedChunk } from '../engine/engine.js';
import type { VideoFrame } from '../frame/video-frame.js';
import { buildTimeline } from '../script/timeline.js';
import { createCollectSink } from './collect-sink.js';
import type { RunPlan } from './run-sink.js';

const timeline = buildTimeline({ prompts: ['a'], seconds: [1], fps: 16 });
const plan: RunPlan = { timeline, width: 2, height: 1, fps: 16, renderRecord: false, keyframes: false };
const frame = (value: number): VideoFrame => ({ width: 2, height: 1, data: new Uint8Array(6).fill(value) });
const chunk = {} as GeneratedChunk;

describe('createCollectSink', () => {
  it('keeps a copy of every frame without a selection', async () => {
    const sink = createCollectSink();
    await sink.open(plan);
    const source = [frame(1), frame(2)];
    await sink.onFrames(chunk, source);
    source[0]!.data.fill(9); // an engine reusing its buffer
    expect(sink.frames.map((kept) => kept.data[0])).toEqual([1, 2]);
  });

  it('keeps only the selected frames, counts all of them, and refuses to read one it left out', async () => {
    const sink = createCollectSink(undefined, { keep: () => ({ frameCount: 4, indices: new Set([1, 3]) }) });
    await sink.open(plan);
    await sink.onFrames(chunk, [frame(0), frame(1)]);
    await sink.onFrames(chunk, [frame(2), frame(3)]);
    await sink.commit(null);
    expect(sink.frames.length).toBe(4);
    expect(sink.frames[1]!.data[0]).toBe(1);
    expect(sink.frames[3]!.data[0]).toBe(3);
    expect(() => sink.frames[2]).toThrow(/frame 2 was read but not kept/);
  });

  it('fails the run when the engine makes another number of frames than the selection was made for', async () => {
    const sink = createCollectSink(undefined, { keep: () => ({ frameCount: 3, indices: new Set([0]) }) });
    await sink.open(plan);
    await sink.onFrames(chunk, [frame(0), frame(1)]);
    await expect(sink.commit(null)).rejects.toThrow(/made 2 frames where its plan said 3/);
  });

  it('passes every frame on to the next sink', async () => {
    const next = createCollectSink();
    const sink = createCollectSink(next, { keep: () => ({ frameCount: 2, indices: new Set([0]) }) });
    await sink.open(plan);
    await sink.onFrames(chunk, [frame(5), frame(6)]);
    expect(next.frames.map((kept) => kept.data[0])).toEqual([5, 6]);
  });
});
