import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeChunkFrames } from '../frame/chunk-frames.js';
import type { VideoFrame } from '../frame/video-frame.js';
import type { RunJson } from '../pipeline/run-json.js';
import { buildTimeline } from '../script/timeline.js';
import { createRunDirSink } from './create-run-dir-sink.js';
import type { FrameEncoder } from './run-sink.js';

// 2 prompts x 3 s: 8 chunks of 12 video frames; keyframes are video frames 24 and 72.
const timeline = buildTimeline({ prompts: ['a', 'b'], seconds: [3, 3], fps: 16 });
const frame = (value: number): VideoFrame => ({ width: 2, height: 1, data: new Uint8Array(6).fill(value) });
const chunk = (index: number) => ({ chunk: index, startFrame: index * 3, frames: [] });
const frames = (index: number) =>
  completeChunkFrames(Array.from({ length: 12 }, (_, i) => frame(index * 12 + i)));
const record = (index: number) => ({
  frame: index,
  latentFrame: Math.floor(index / 4),
  prompt: 'a',
  scene: { setting: null, appearance: [] },
  figures: [],
});

async function open(encoder: FrameEncoder, bufferedFrames = 4, keyframes = true) {
  const out = join(mkdtempSync(join(tmpdir(), 'iamflow-outputs-')), 'run');
  const pngs: string[] = [];
  const sink = createRunDirSink({
    dir: out,
    createEncoder: () => encoder,
    writePng: async (path, f) => {
      pngs.push(`${path.slice(out.length + 1)}:${f.data[0]}`);
      writeFileSync(path, f.data);
    },
    bufferedFrames,
    // These commits pass a stub run.json; src/characters tests the character sheets on real runs.
    characters: false,
  });
  const files = await sink.open({ timeline, width: 2, height: 1, fps: 16, renderRecord: true, keyframes });
  return { out, sink, pngs, files };
}

describe('createRunDirSink', () => {
  it('encodes every frame in order although writes lag behind, then writes keyframes, render record and run.json', async () => {
    const written: number[] = [];
    const encoder: FrameEncoder = {
      write: async (f) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        written.push(f.data[0]!);
      },
      close: async () => {},
      abort: async () => {},
    };
    const { out, sink, pngs, files } = await open(encoder);
    expect(files).toEqual({
      video: 'video.mp4',
      renderRecord: 'render.jsonl',
      keyframes: ['keyframes/prompt-01.png', 'keyframes/prompt-02.png'],
      runJson: 'run.json',
    });
    for (let i = 0; i < 8; i++) await sink.onFrames(chunk(i), frames(i));
    await sink.onRenderRecord(Array.from({ length: 96 }, (_, i) => record(i)));
    // Nothing under a final name before commit: the render record waits under a temporary one.
    expect(readdirSync(out).sort()).toEqual(['keyframes', 'render.jsonl.part']);
    await sink.commit({ version: 1 } as RunJson);
    expect(written).toEqual(Array.from({ length: 96 }, (_, i) => i));
    // PNGs are written to a temporary name (the fake writer records it) and renamed.
    expect(pngs).toEqual(['keyframes/prompt-01.png.part:24', 'keyframes/prompt-02.png.part:72']);
    expect(readdirSync(join(out, 'keyframes'))).toEqual(['prompt-01.png', 'prompt-02.png']);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'))).toEqual({ version: 1 });
    expect(readFileSync(join(out, 'render.jsonl'), 'utf8').trim().split('\n')).toHaveLength(96);
    expect(readdirSync(out).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('lists no keyframes and makes no keyframes folder when asked for none', async () => {
    const encoder: FrameEncoder = { write: () => {}, close: async () => {}, abort: async () => {} };
    const { out, sink, files } = await open(encoder, 4, false);
    expect(files?.keyframes).toEqual([]);
    for (let i = 0; i < 8; i++) await sink.onFrames(chunk(i), frames(i));
    await sink.commit(null);
    expect(existsSync(join(out, 'keyframes'))).toBe(false);
    expect(existsSync(join(out, 'run.json'))).toBe(false);
  });

  it('keeps at most bufferedFrames frames waiting for a stalled encoder', async () => {
    let calls = 0;
    const encoder: FrameEncoder = {
      write: () => {
        calls += 1;
        return new Promise(() => {}); // never drains
      },
      close: async () => {},
      abort: async () => {},
    };
    const { sink } = await open(encoder, 4);
    const state = await Promise.race([
      sink.onFrames(chunk(0), frames(0)).then(() => 'returned'),
      new Promise((resolve) => setTimeout(() => resolve('blocked'), 50)),
    ]);
    expect(state).toBe('blocked');
    expect(calls).toBe(1);
  });

  it('surfaces an encoder failure on a later write and removes partial files on abort', async () => {
    const encoder: FrameEncoder = {
      write: async (f) => {
        if (f.data[0] === 5) throw new Error('ffmpeg exited');
      },
      close: async () => {},
      abort: async () => {},
    };
    const { out, sink } = await open(encoder, 2);
    await sink.onRenderRecord([record(0)]);
    await expect(
      (async () => {
        for (let i = 0; i < 8; i++) await sink.onFrames(chunk(i), frames(i));
      })(),
    ).rejects.toThrow('ffmpeg exited');
    await sink.abort();
    expect(existsSync(join(out, 'render.jsonl.part'))).toBe(false);
    expect(existsSync(join(out, 'run.json'))).toBe(false);
  });
});
