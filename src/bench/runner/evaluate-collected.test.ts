import { describe, expect, it } from 'vitest';
import type { VideoFrame } from '../../frame/video-frame.js';
import { createCollectSink } from '../../run/collect-sink.js';
import { runScript } from '../../run/run-script.js';
import type { Script, ScriptAnnotations } from '../../script/script.js';
import { buildTimeline } from '../../script/timeline.js';
import { evaluatedFrameIndices } from '../eval/sample-frames.js';
import { evaluateCollected } from './evaluate-collected.js';

/** Frames that throw when one outside `keep` is read, as the bench's collect sink does. */
function keepOnly(frames: readonly VideoFrame[], keep: ReadonlySet<number>): VideoFrame[] {
  const sparse: VideoFrame[] = [];
  for (const index of keep) sparse[index] = frames[index]!;
  sparse.length = frames.length;
  return new Proxy(sparse, {
    get(target, property, receiver) {
      if (typeof property === 'string' && /^\d+$/.test(property) && !keep.has(Number(property)))
        throw new Error(`frame ${property} read but not kept`);
      return Reflect.get(target, property, receiver);
    },
  });
}

/** A moving noise video: a textured backdrop and a bright block walking across it. */
function syntheticFrames(count: number, width: number, height: number, seed: number): VideoFrame[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const backdrop = Uint8Array.from({ length: width * height * 3 }, () => 60 + Math.floor(random() * 40));
  return Array.from({ length: count }, (_, index) => {
    const data = backdrop.slice();
    const left = index % (width - 6);
    for (let y = Math.floor(height / 4); y < height - 2; y++)
      for (let x = left; x < left + 5; x++) data.set([200, 40 + (index % 7), 30], (y * width + x) * 3);
    return { width, height, data };
  });
}

describe('evaluateCollected from the evaluated frames only', () => {
  it('scores a miniature-engine run exactly as from every frame', async () => {
    const script: Script = {
      id: 'tiny',
      source: { path: 'tiny.jsonl', line: 1 },
      prompts: [
        'In a park, Ravi, a tall man with a red coat, walks.',
        'A fountain in the park.',
        'Ravi sits on a bench in the park.',
      ],
      seconds: [2, 2, 2],
      fps: 16,
      annotations: {
        characters: { a: { aliases: ['Ravi', 'a tall man'], attrs: ['red coat'] } },
        present: [['a'], [], ['a']],
      },
    };
    // One generation feeds both: the outer sink keeps every frame, the inner one only the evaluated ones.
    const sparse = createCollectSink(undefined, {
      keep: ({ timeline }) => ({
        frameCount: timeline.totalVideoFrames,
        indices: evaluatedFrameIndices(timeline, timeline.totalVideoFrames),
      }),
    });
    const all = createCollectSink(sparse);
    const { result } = await runScript(
      {
        script,
        policy: { name: 'memflow' },
        seed: 3,
        size: { width: 96, height: 54 },
        output: { keyframes: false, renderRecord: true },
      },
      all,
    );
    const kept = Object.keys(sparse.frames).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(all.frames.length);
    const full = await evaluateCollected(all.frames, all.renderRecord, result.timeline, script.annotations);
    const fast = await evaluateCollected(
      sparse.frames,
      all.renderRecord,
      result.timeline,
      script.annotations,
    );
    expect(Object.keys(full.metrics).length).toBeGreaterThan(10);
    expect(fast).toEqual(full);
  });

  it('reads no frame outside evaluatedFrameIndices, for segments of many lengths', async () => {
    const annotations: ScriptAnnotations = {
      characters: { a: { aliases: ['Ravi'], attrs: ['red coat'] } },
      present: [['a'], ['a'], [], ['a']],
    };
    for (const seconds of [
      [0.5, 0.5, 0.5, 0.5],
      [1, 3, 0.5, 2],
      [4, 1, 1, 6],
    ]) {
      const timeline = buildTimeline({ prompts: ['p', 'q', 'r', 's'], seconds, fps: 16 });
      const frames = syntheticFrames(timeline.totalVideoFrames, 48, 27, seconds.length + seconds[1]!);
      const keep = evaluatedFrameIndices(timeline, frames.length);
      for (const withAnnotations of [undefined, annotations]) {
        const full = await evaluateCollected(frames, [], timeline, withAnnotations);
        const fast = await evaluateCollected(keepOnly(frames, keep), [], timeline, withAnnotations);
        expect(fast).toEqual(full);
      }
    }
  });
});
