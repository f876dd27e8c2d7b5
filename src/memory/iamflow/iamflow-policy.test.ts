import { describe, expect, it } from 'vitest';
import type { EntityExtractorV1, ExtractionInput } from '../../agents/llm/entity-extractor.js';
import type { FrameVerifierV1, VerifyInput } from '../../agents/vlm/frame-verifier.js';
import type { CausalVideoEngineV1, EncodedPrompt } from '../../engine/engine.js';
import { completeChunkFrames } from '../../frame/chunk-frames.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import type { Segment, Timeline } from '../../script/timeline.js';
import type { MemoryEvent } from '../policy.js';
import { createIamflowPolicy } from './iamflow-policy.js';

const prompts = ['Nora walks.', 'Nora and Ravi talk.'];

function encode(text: string): EncodedPrompt {
  const tokens = [...text.matchAll(/[A-Za-z]+/g)].map((match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
    key: new Float32Array([1, 0]),
  }));
  return { id: text, text, tokens, embedding: new Float32Array([1, 0]) };
}

const extractor: EntityExtractorV1 = {
  specificationVersion: 'v1',
  provider: 'fake',
  modelId: 'fake',
  async extract({ promptIndex }: ExtractionInput) {
    const nora = {
      id: 1,
      isNew: promptIndex === 1,
      kind: 'woman' as const,
      mention: 'Nora',
      attrs: ['red coat'],
    };
    if (promptIndex === 1) return { promptIndex, characters: [nora], spans: [span(1, 0, 'Nora')] };
    const ravi = { id: 2, isNew: true, kind: 'man' as const, mention: 'Ravi', attrs: [] };
    return {
      promptIndex,
      characters: [{ ...nora, attrs: [] }, ravi],
      spans: [span(1, 0, 'Nora'), span(2, 9, 'Ravi')],
    };
  },
};

function span(id: number, start: number, text: string) {
  return { id, role: 'mention' as const, start, end: start + text.length, text };
}

function fakeEngine(calls: string[]): CausalVideoEngineV1 {
  return {
    specificationVersion: 'v1',
    provider: 'fake',
    modelId: 'fake',
    info: {
      width: 4,
      height: 4,
      fps: 16,
      videoFramesPerLatent: 4,
      chunkFrames: 3,
      sinkFrames: 3,
      localFrames: 9,
      bankCapacity: 6,
      denoisingSteps: [1000, 750, 500, 250],
      keyDimension: 2,
    },
    encodePrompt: async (text) => encode(text),
    generateChunk: async () => {
      throw new Error('unused');
    },
    recache: async () => {},
    storeFrame: async (_frame, id) => void calls.push(`store ${id}`),
    dropFrame: async (id) => void calls.push(`drop ${id}`),
    setBank: async (ids) => void calls.push(`bank ${ids.join(',')}`),
    decodeChunk: async () => [],
    costs: () => ({
      generatedFrames: 0,
      denoisingPasses: 0,
      contextPasses: 0,
      recachedFrames: 0,
      attentionOps: 0,
      decodedFrames: 0,
    }),
    release: async () => {},
  };
}

const segments: Segment[] = [
  { index: 0, prompt: prompts[0]!, startFrame: 0, endFrame: 15, startChunk: 0, endChunk: 5 },
  { index: 1, prompt: prompts[1]!, startFrame: 15, endFrame: 24, startChunk: 5, endChunk: 8 },
];
const timeline: Timeline = {
  fps: 16,
  videoFramesPerLatent: 4,
  chunkFrames: 3,
  totalLatentFrames: 24,
  totalChunks: 8,
  totalVideoFrames: 96,
  segments,
};
const frames: VideoFrame[] = Array.from({ length: 12 }, () => ({
  width: 4,
  height: 4,
  data: new Uint8Array(48),
}));

async function run(settings: Record<string, unknown>, list: Segment[] = segments, seed = 1) {
  const calls: string[] = [];
  const events: MemoryEvent[] = [];
  const inputs: VerifyInput[] = [];
  const verifier: FrameVerifierV1 = {
    specificationVersion: 'v1',
    provider: 'fake-vlm',
    modelId: 'fake',
    async verify(input) {
      inputs.push(input);
      const corrections = input.firstChunkOfSegment ? [{ id: 1, attrs: ['green coat'] }] : undefined;
      return { scores: [0.5, 0.5, 0.5], ...(corrections ? { corrections } : {}) };
    },
  };
  const policy = createIamflowPolicy(
    { engine: fakeEngine(calls), timeline, events: (event) => events.push(event), seed },
    { extractor, verifier, ...settings },
  );
  for (const segment of list) {
    const prompt = encode(segment.prompt);
    await policy.onSegmentStart!({ segment, prompt });
    for (let chunk = segment.startChunk; chunk < segment.endChunk; chunk += 1) {
      // The middle frame of every chunk answers the prompt best: key [2, 0] against [1, 0].
      const keys = [0, 1, 2].map((offset) => ({
        frame: chunk * 3 + offset,
        keys: [new Float32Array([offset === 1 ? 2 : 1, 0])],
      }));
      await policy.onChunkEnd!({
        segment,
        prompt,
        chunk: { chunk, startFrame: chunk * 3, frames: keys },
        frames: completeChunkFrames(frames),
      });
    }
  }
  await policy.finish!();
  return { calls, events, inputs, snapshot: policy.snapshot!() as Record<string, unknown> };
}

describe('iamflow policy', () => {
  it('archives on the reference schedule, sets the cover at segment start, then appends and keeps', async () => {
    const { calls, events } = await run({});
    expect(calls).toEqual([
      // chunk 0 is the sink: never archived as the current chunk
      'store iamflow-f4',
      'bank iamflow-f4',
      'store iamflow-f7',
      'bank iamflow-f4,iamflow-f7',
      // chunk 3 archives chunk 0 as it leaves the local window; chunk 4 archives chunk 1 again (same frame)
      'store iamflow-f1',
      'bank iamflow-f1,iamflow-f4,iamflow-f7',
      'store iamflow-f4',
      // segment 2 needs IDs 1 and 2: one frame covers 1, the budget rises to 2 and fills by score (archive order)
      'bank ',
      'bank iamflow-f4,iamflow-f7',
      'store iamflow-f16',
      'bank iamflow-f4,iamflow-f7,iamflow-f16',
      'store iamflow-f19',
      'bank iamflow-f4,iamflow-f7,iamflow-f16,iamflow-f19',
      // full at 4: f22 replaces the first lowest entity score (f4; segment 1's prompt has fewer weights, so its
      // normalised query, sum w / (sum w + 1e-8), is a hair shorter)
      'store iamflow-f22',
      'bank iamflow-f7,iamflow-f16,iamflow-f19,iamflow-f22',
    ]);
    const set = events.filter((event) => event.type === 'memory-set');
    expect(set[0]).toMatchObject({ chunk: 0, skipped: 'first-segment', memory: [] });
    expect(set[1]).toMatchObject({
      chunk: 5,
      entityIds: [1, 2],
      memory: ['iamflow-f4', 'iamflow-f7'],
      budget: 2,
      coverFrames: 1,
      covered: [1],
      uncovered: [2],
    });
    expect(events.filter((event) => event.type.startsWith('memory-')).map((event) => event.type)).toEqual([
      'memory-set',
      'memory-append',
      'memory-append',
      'memory-append',
      'memory-keep',
      'memory-set',
      'memory-append',
      'memory-append',
      'memory-replace',
    ]);
    expect(events.filter((event) => event.type === 'chunk-evict').map((event) => event.archived)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    const corrections = events.filter((event) => event.type === 'attribute-correction');
    expect(corrections).toEqual([
      {
        type: 'attribute-correction',
        chunk: 1,
        id: 1,
        attrs: ['green coat'],
        before: ['red coat'],
        after: ['green coat'],
      },
    ]);
  });

  it('re-runs the cover after every archived frame with bankUpdate recover-every-chunk', async () => {
    const { events } = await run({ bankUpdate: 'recover-every-chunk' });
    const reselect = events.filter((event) => event.type === 'memory-reselect');
    expect(reselect).toHaveLength(7);
    expect(events.some((event) => event.type === 'memory-append')).toBe(false);
  });

  it('hands the verifier the prompt, three frames squeezed to 256 x 256 and, first, every registered entity', async () => {
    const { inputs, snapshot } = await run({ syncVerify: true });
    expect(inputs).toHaveLength(8);
    expect(inputs[0]!.frames.map((frame) => [frame.width, frame.height])).toEqual([
      [256, 256],
      [256, 256],
      [256, 256],
    ]);
    expect(inputs[0]!.prompt).toBe('Nora walks.');
    expect(inputs[0]!.entities).toEqual([{ id: 1, name: 'woman_1', attrs: ['red coat'] }]);
    expect(inputs[2]!.entities).toEqual([{ id: 1, name: 'woman_1', attrs: ['green coat'] }]);
    expect(inputs[5]!.registered?.map((entity) => entity.id)).toEqual([1, 2]);
    expect(inputs[6]!.registered).toBeUndefined();
    expect(inputs.map((input) => input.firstChunkOfSegment)).toEqual([
      true,
      false,
      false,
      false,
      false,
      true,
      false,
      false,
    ]);
    const state = snapshot.state as { verification: unknown[]; bank: string[] };
    expect(state.verification).toHaveLength(8);
    expect(state.bank).toEqual(['iamflow-f7', 'iamflow-f16', 'iamflow-f19', 'iamflow-f22']);
  });

  it('ranks prompt-mode memory by stored fused score, older first on ties, and rejects unknown settings', async () => {
    const { events } = await run({ selection: 'prompt' });
    const set = events.filter((event) => event.type === 'memory-set');
    expect(set[1]).toMatchObject({ memory: ['iamflow-f1', 'iamflow-f4', 'iamflow-f7'] });
    expect(() =>
      createIamflowPolicy(
        { engine: fakeEngine([]), timeline, events: () => {}, seed: 1 },
        { budjet: 'fixed' },
      ),
    ).toThrow(/budjet/);
  });

  it('draws the random score ablation from the run seed unless the settings fix one', async () => {
    const archived = async (settings: Record<string, unknown>, seed: number) =>
      (await run({ score: 'random', ...settings }, segments, seed)).events
        .filter((event) => event.type === 'frame-archive')
        .map((event) => event.frame);
    const seeds = [1, 2, 3, 4, 5];
    const bySeed = await Promise.all(seeds.map((seed) => archived({}, seed)));
    expect(await archived({}, 1)).toEqual(bySeed[0]);
    // The middle frame always wins on text score; random picks vary with the seed.
    expect(new Set(bySeed.map((frames) => frames.join())).size).toBeGreaterThan(1);
    const fixed = await Promise.all(seeds.map((seed) => archived({ seed: 9 }, seed)));
    expect(new Set(fixed.map((frames) => frames.join())).size).toBe(1);
    const { snapshot } = await run({ score: 'random' }, segments, 4);
    expect(snapshot.settings).toMatchObject({ score: 'random', seed: 4 });
  });

  it('archives without the visual score when the verification outlasts the timeout', async () => {
    const never: FrameVerifierV1 = {
      specificationVersion: 'v1',
      provider: 'slow',
      modelId: 'slow',
      verify: () => new Promise(() => {}),
    };
    const events: MemoryEvent[] = [];
    const policy = createIamflowPolicy(
      { engine: fakeEngine([]), timeline, events: (event) => events.push(event), seed: 1 },
      { extractor, verifier: never, verifyTimeoutMs: 5 },
    );
    const segment = segments[0]!;
    const prompt = encode(segment.prompt);
    await policy.onSegmentStart!({ segment, prompt });
    const keys = [0, 1, 2].map((offset) => ({
      frame: 3 + offset,
      keys: [new Float32Array([offset + 1, 0])],
    }));
    await policy.onChunkEnd!({
      segment,
      prompt,
      chunk: { chunk: 1, startFrame: 3, frames: keys },
      frames: completeChunkFrames(frames),
    });
    expect(events.find((event) => event.type === 'verify-timeout')).toMatchObject({
      sourceChunk: 1,
      timeoutMs: 5,
    });
    const archived = events.find((event) => event.type === 'frame-archive');
    // Without a visual result the stored score is the raw text score of the best frame.
    expect(archived).toMatchObject({ frame: 5, visualScore: null });
    expect(archived?.score).toBeCloseTo(archived?.textScore as number, 12);
  });

  it("applies a segment-start correction after the segment's second chunk, sync or async, never earlier", async () => {
    for (const syncVerify of [true, false]) {
      const { events } = await run({ syncVerify });
      const applied = events
        .filter((event) => event.type === 'attribute-correction')
        .map((event) => event.chunk);
      // Verified at chunk 0 and 5 (segment starts), applied at the end of chunks 1 and 6: in effect from 2 and 7.
      expect(applied).toEqual([1]);
      expect(events.some((event) => event.type === 'verify-late')).toBe(false);
    }
  });

  it('records a correction that arrived after the policy stopped waiting, without applying it', async () => {
    let release: (() => void) | undefined;
    const late: FrameVerifierV1 = {
      specificationVersion: 'v1',
      provider: 'late',
      modelId: 'late',
      async verify(input) {
        // The segment's first chunk answers only after the policy gave up on it.
        if (input.firstChunkOfSegment) await new Promise<void>((resolve) => (release = resolve));
        const corrections = input.firstChunkOfSegment ? [{ id: 1, attrs: ['green coat'] }] : undefined;
        return { scores: [0.5, 0.5, 0.5], ...(corrections ? { corrections } : {}) };
      },
    };
    const events: MemoryEvent[] = [];
    const policy = createIamflowPolicy(
      { engine: fakeEngine([]), timeline, events: (event) => events.push(event), seed: 1 },
      { extractor, verifier: late, verifyTimeoutMs: 5 },
    );
    const segment = segments[0]!;
    const prompt = encode(segment.prompt);
    await policy.onSegmentStart!({ segment, prompt });
    for (let chunk = 0; chunk < 3; chunk += 1) {
      const keys = [0, 1, 2].map((offset) => ({
        frame: chunk * 3 + offset,
        keys: [new Float32Array([1, 0])],
      }));
      await policy.onChunkEnd!({
        segment,
        prompt,
        chunk: { chunk, startFrame: chunk * 3, frames: keys },
        frames: completeChunkFrames(frames),
      });
    }
    release!();
    await policy.finish!();
    // Chunk 1 waits for its own result (queued behind chunk 0's), then for chunk 0's corrections; chunk 2 for its own.
    const timeouts = events.filter((event) => event.type === 'verify-timeout');
    expect(timeouts.map((event) => [event.chunk, event.sourceChunk])).toEqual([
      [1, 1],
      [1, 0],
      [2, 2],
    ]);
    expect(events.some((event) => event.type === 'attribute-correction')).toBe(false);
    const lateEvents = events.filter((event) => event.type === 'verify-late');
    expect(lateEvents.map((event) => [event.chunk, event.sourceChunk, event.arrived])).toEqual([
      [1, 1, true],
      [1, 0, true],
      [2, 2, true],
    ]);
    expect(lateEvents.find((event) => event.sourceChunk === 0)).toMatchObject({
      corrections: [{ id: 1, attrs: ['green coat'] }],
    });
  });

  it('leaves the bank empty after a soft switch that retrieves the last injected set, in faithful mode only', async () => {
    const short: Segment[] = [
      { index: 0, prompt: prompts[0]!, startFrame: 0, endFrame: 9, startChunk: 0, endChunk: 3 },
      { index: 1, prompt: prompts[1]!, startFrame: 9, endFrame: 12, startChunk: 3, endChunk: 4 },
    ];
    const banksAtSwitch = async (artefacts: string) => {
      const { events } = await run({ artefacts }, short);
      return events
        .filter((event) => event.type === 'bank-set' && event.chunk === 3)
        .map((event) => (event.type === 'bank-set' ? `${event.reason}:${event.ids.join(',')}` : ''));
    };
    // Segment 1 injected f4,f7; segment 2's cover (f4) plus the fill (f7) is the same set.
    expect(await banksAtSwitch('faithful')).toEqual([
      'switch:',
      'chunk-end:iamflow-f4,iamflow-f7,iamflow-f10',
    ]);
    expect(await banksAtSwitch('fixed')).toEqual([
      'switch:',
      'segment-start:iamflow-f4,iamflow-f7',
      'chunk-end:iamflow-f4,iamflow-f7,iamflow-f10',
    ]);
  });
});
