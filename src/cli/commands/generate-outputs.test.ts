import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VideoFrame } from '../../frame/video-frame.js';
import type { RunJson } from '../../pipeline/run-json.js';
import { buildTimeline } from '../../script/timeline.js';
import { type FrameEncoder, openRunOutputs } from './generate-outputs.js';

// 2 prompts x 3 s: 8 chunks of 12 video frames; keyframes are video frames 24 and 72.
const timeline = buildTimeline({ prompts: ['a', 'b'], seconds: [3, 3], fps: 16 });
const frame = (value: number): VideoFrame => ({ width: 2, height: 1, data: new Uint8Array(6).fill(value) });
const chunk = (index: number) => ({ chunk: index, startFrame: index * 3, frames: [] });
const frames = (index: number) => Array.from({ length: 12 }, (_, i) => frame(index * 12 + i));

async function open(encoder: FrameEncoder, bufferedFrames = 4) {
  const out = mkdtempSync(join(tmpdir(), 'iamflow-outputs-'));
  const pngs: string[] = [];
  const outputs = await openRunOutputs({
    out,
    timeline,
    encoder,
    writePng: async (path, f) => {
      pngs.push(`${path.slice(out.length + 1)}:${f.data[0]}`);
    },
    renderRecord: true,
    bufferedFrames,
  });
  return { out, outputs, pngs };
}

describe('openRunOutputs', () => {
  it('encodes every frame in order although writes lag behind, then writes keyframes and run.json', async () => {
    const written: number[] = [];
    const encoder: FrameEncoder = {
      write: async (f) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        written.push(f.data[0]!);
      },
      close: async () => {},
      abort: async () => {},
    };
    const { out, outputs, pngs } = await open(encoder);
    for (let i = 0; i < 8; i++) await outputs.onFrames(chunk(i), frames(i), []);
    expect(existsSync(join(out, 'render.jsonl'))).toBe(false);
    await outputs.commit({ version: 1 } as RunJson);
    expect(written).toEqual(Array.from({ length: 96 }, (_, i) => i));
    expect(pngs).toEqual(['keyframes/prompt-01.png:24', 'keyframes/prompt-02.png:72']);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'))).toEqual({ version: 1 });
    expect(existsSync(join(out, 'render.jsonl'))).toBe(true);
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
    const { outputs } = await open(encoder, 4);
    const state = await Promise.race([
      outputs.onFrames(chunk(0), frames(0)).then(() => 'returned'),
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
    const { out, outputs } = await open(encoder, 2);
    await expect(
      (async () => {
        for (let i = 0; i < 8; i++) await outputs.onFrames(chunk(i), frames(i), []);
      })(),
    ).rejects.toThrow('ffmpeg exited');
    await outputs.abort();
    expect(existsSync(join(out, 'render.jsonl.part'))).toBe(false);
    expect(existsSync(join(out, 'run.json'))).toBe(false);
  });
});
