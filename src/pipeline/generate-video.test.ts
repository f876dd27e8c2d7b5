import { describe, expect, it } from 'vitest';
import type { MemoryEvent, MemoryPolicy } from '../memory/policy.js';
import { createPolicy } from '../memory/policy-registry.js';
import type { Script } from '../script/script.js';
import { buildTimeline } from '../script/timeline.js';
import { createFakeEngine, type FakeEngine } from './__fixtures__/fake-engine.js';
import { generateVideo } from './generate-video.js';
import { resolveSoftTransition, transitionAlpha } from './transition.js';

// 3 prompts of 3 s at 16 fps = 12 latent frames = 4 chunks each; the third repeats the first.
const script: Script = {
  id: 'three',
  fps: 16,
  prompts: ['a red fox', 'a blue whale', 'a red fox'],
  seconds: [3, 3, 3],
  source: { path: 'three.jsonl' },
};
const timeline = buildTimeline(script);

/** A clock that only moves when the fake engine or policy "works": generate 10 ms, decode 2 ms, policy 1 ms. */
function timedRun(engine: FakeEngine) {
  let now = 0;
  const generate = engine.generateChunk.bind(engine);
  const decode = engine.decodeChunk.bind(engine);
  engine.generateChunk = async (options) => {
    now += 10;
    return generate(options);
  };
  engine.decodeChunk = async (chunk) => {
    now += 2;
    return decode(chunk);
  };
  return { clock: () => now, tick: (ms: number) => (now += ms) };
}

describe('generateVideo', () => {
  it('runs every chunk in order, encodes each distinct prompt once and recaches at switches (longlive)', async () => {
    const engine = createFakeEngine();
    const result = await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      policy: (context) => createPolicy('longlive', context),
    });
    const structural = engine.calls.filter((c) => !c.startsWith('decode'));
    expect(structural).toEqual([
      'encode:a red fox',
      'generate:0',
      'generate:1',
      'generate:2',
      'generate:3',
      'encode:a blue whale',
      'recache:p2',
      'generate:4',
      'generate:5',
      'generate:6',
      'generate:7',
      'recache:p1',
      'generate:8',
      'generate:9',
      'generate:10',
      'generate:11',
    ]);
    expect(result.chunks.map((c) => c.segment)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
    expect(result.prompts.map((p) => p.encodingId)).toEqual(['p1', 'p2', 'p1']);
    expect(result.videoFrames).toBe(12 * 12);
    expect(result.videoSeconds).toBe(9);
    expect(result.switches.map((s) => [s.segment, s.chunk, s.transition])).toEqual([
      [1, 4, 'recache'],
      [2, 8, 'recache'],
    ]);
    // A recache re-runs sink + local window: min(12, 12) frames at the first switch, 12 at the second.
    expect(result.switches.map((s) => s.transitionCosts.recachedFrames)).toEqual([12, 12]);
    expect(result.switches[0]!.switchCosts.generatedFrames).toBe(3);
    expect(result.costs.recachedFrames).toBe(24);
    expect(result.costs.decodedFrames).toBe(144);
  });

  it('swaps the prompt in place without engine work at the switch (self-forcing)', async () => {
    const engine = createFakeEngine();
    const result = await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      policy: (context) => createPolicy('self-forcing', context),
    });
    expect(engine.calls.some((c) => c.startsWith('recache'))).toBe(false);
    expect(result.switches.map((s) => s.transitionCosts.attentionOps)).toEqual([0, 0]);
    expect(engine.generateOptions.map((o) => o.prompt.text)).toEqual([
      ...Array(4).fill('a red fox'),
      ...Array(4).fill('a blue whale'),
      ...Array(4).fill('a red fox'),
    ]);
    expect(engine.generateOptions.every((o) => o.blend === undefined)).toBe(true);
  });

  it("passes the policy's sparse memory activation on every generate and recache, and records it", async () => {
    const sparse = createFakeEngine();
    const result = await generateVideo({
      script,
      engine: sparse,
      timeline,
      seed: 1,
      policy: { specificationVersion: 'v1', name: 'sparse-test', transition: 'recache', memoryTopK: 2 },
    });
    expect(sparse.generateOptions).toHaveLength(12);
    expect(sparse.generateOptions.every((o) => o.memoryTopK === 2)).toBe(true);
    expect(sparse.recacheOptions).toEqual([{ memoryTopK: 2 }, { memoryTopK: 2 }]);
    expect(result.policy.memoryTopK).toBe(2);
    const dense = createFakeEngine();
    const longlive = await generateVideo({
      script,
      engine: dense,
      timeline,
      seed: 1,
      policy: (context) => createPolicy('longlive', context),
    });
    expect(dense.generateOptions.every((o) => !('memoryTopK' in o))).toBe(true);
    expect(dense.recacheOptions).toEqual([{}, {}]);
    expect(longlive.policy.memoryTopK).toBeNull();
  });

  it('blends old and new prompt by the soft schedule and never recaches', async () => {
    const engine = createFakeEngine();
    const result = await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      transition: 'soft',
      softTransition: { curve: 'linear', windowFrames: 6 },
      policy: (context) => createPolicy('longlive', context),
    });
    expect(engine.calls.some((c) => c.startsWith('recache'))).toBe(false);
    // Chunks 4..7 start 0, 3, 6, 9 frames after the switch: delay 3, linear over 6 -> 0, 0, 0.5, none.
    expect(engine.generateOptions.slice(4, 8).map((o) => o.blend?.alpha)).toEqual([0, 0, 0.5, undefined]);
    expect(engine.generateOptions[4]!.blend!.from.text).toBe('a red fox');
    expect(engine.generateOptions[8]!.blend!.from.text).toBe('a blue whale');
    expect(result.chunks.slice(4, 8).map((c) => c.alpha)).toEqual([0, 0, 0.5, undefined]);
    expect(result.switches[0]!.schedule).toMatchObject({ curve: 'linear', delayFrames: 3, windowFrames: 6 });
  });

  it('uses the adaptive window when none is fixed', async () => {
    const engine = createFakeEngine();
    const result = await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      transition: 'soft',
      policy: (context) => createPolicy('self-forcing', context),
    });
    const a = await engine.encodePrompt('a red fox');
    const b = await engine.encodePrompt('a blue whale');
    const schedule = resolveSoftTransition(a.embedding, b.embedding);
    expect(result.switches[0]!.schedule).toEqual(schedule);
    expect(engine.generateOptions.slice(4, 8).map((o) => o.blend?.alpha)).toEqual(
      [0, 3, 6, 9].map((f) => transitionAlpha(schedule, f) ?? undefined),
    );
  });

  it('measures each step with the injected clock, streams frames in order and hands the render record over last', async () => {
    const engine = createFakeEngine();
    const { clock, tick } = timedRun(engine);
    const order: string[] = [];
    const policy: MemoryPolicy = {
      specificationVersion: 'v1',
      name: 'ticking',
      transition: 'swap',
      async onChunkEnd({ chunk }) {
        tick(1);
        order.push(`policy:${chunk.chunk}`);
        if (chunk.chunk % 4 === 0) events.push({ type: 'bank-set', chunk: chunk.chunk, ids: [], frames: [] });
      },
      async finish() {
        order.push('finish');
      },
    };
    const events: MemoryEvent[] = [];
    const streamed: number[] = [];
    const progress: number[] = [];
    const result = await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      policy,
      memoryEvents: events,
      clock,
      onFrames: (chunk, frames) => {
        tick(3);
        streamed.push(chunk.chunk, frames.count);
      },
      onRenderRecord: (entries) => {
        order.push(`render:${entries.length}`);
        expect(entries.map((entry) => entry.frame)).toEqual(Array.from({ length: 144 }, (_, i) => i));
      },
      onChunk: (p) => progress.push(p.videoFramesDone),
    });
    expect(result.chunks[0]).toEqual({
      chunk: 0,
      segment: 0,
      generateMs: 10,
      decodeMs: 2,
      outputMs: 3,
      policyMs: 1,
    });
    expect(result.wallMs).toBe(12 * 16);
    expect(result.realtimeFactor).toBeCloseTo(9 / 0.192, 9);
    expect(streamed.slice(0, 4)).toEqual([0, 12, 1, 12]);
    expect(progress.at(-1)).toBe(144);
    // The render record reaches the sink once, after the policy's last onChunkEnd and its finish.
    expect(order.slice(-3)).toEqual(['policy:11', 'finish', 'render:144']);
    expect(result.memoryEvents).toEqual([
      { type: 'bank-set', chunk: 0, ids: [], frames: [] },
      { type: 'bank-set', chunk: 4, ids: [], frames: [] },
      { type: 'bank-set', chunk: 8, ids: [], frames: [] },
    ]);
  });

  it('collects the events of a policy created by a factory (memflow)', async () => {
    const engine = createFakeEngine();
    const result = await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      policy: (context) => createPolicy('memflow', context),
    });
    expect(result.policy.name).toBe('memflow');
    expect(result.memoryEvents.filter((e) => e.type === 'frame-store').map((e) => e.frame)).toEqual([
      6, 15, 24, 33,
    ]);
    expect(engine.bank).toHaveLength(3);
    expect(engine.bank.at(-1)).toBe('memflow-33');
    expect(result.policy.snapshot).toMatchObject({ capacity: 3 });
  });

  it('refuses a timeline laid out for another chunk size than the engine', async () => {
    const engine = createFakeEngine({ info: { chunkFrames: 4 } });
    await expect(
      generateVideo({
        script,
        engine,
        timeline,
        seed: 1,
        policy: (context) => createPolicy('longlive', context),
      }),
    ).rejects.toThrow(/does not match the engine/);
    expect(engine.calls).toEqual([]);
  });

  it('stops between chunks when the signal aborts', async () => {
    const engine = createFakeEngine();
    const controller = new AbortController();
    const run = generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      signal: controller.signal,
      policy: (context) => createPolicy('longlive', context),
      onChunk: (p) => {
        if (p.chunksDone === 2) controller.abort(new Error('interrupted'));
      },
    });
    await expect(run).rejects.toThrow('interrupted');
    expect(engine.calls.filter((c) => c.startsWith('generate'))).toEqual(['generate:0', 'generate:1']);
  });
});
