import { describe, expect, it, vi } from 'vitest';
import { EngineError } from '../../errors/engine-error.js';
import { activateMemory, attendContext, flattenContext, KEY_SIZE } from './attention.js';
import { kernels } from './kernels.js';
import { createMiniEngine } from './mini-engine.js';
import { type ContextFrame, type KeyValueToken, SLOTS, STATE_SIZE, stateLayout } from './tokens.js';
import { BINDING_SIZE } from './weights.js';

/** A context frame whose six tokens all carry the key `key` (fully present, so fully gated). */
function frame(position: number, part: ContextFrame['part'], key: Float32Array): ContextFrame {
  const cache: KeyValueToken[] = Array.from({ length: SLOTS }, (_, slot) => {
    const value = new Float32Array(STATE_SIZE).fill(0.5);
    value[stateLayout.presence] = 1;
    return { slot, key: key.slice(), value, mention: `p${position}` };
  });
  return {
    position,
    part,
    scene: { setting: null, state: new Float32Array(9), binding: new Float32Array(BINDING_SIZE) },
    cache,
  };
}

/** A key pointing along binding entry `entry` with length `length`. */
function axis(entry: number, length = 1): Float32Array {
  const key = new Float32Array(KEY_SIZE);
  key[entry] = length;
  return key;
}

// sink 0..2, bank at 10 and 20, local 30..32; frame f's keys point along binding entry f (context order)
const context: ContextFrame[] = [
  frame(0, 'sink', axis(0)),
  frame(1, 'sink', axis(1)),
  frame(2, 'sink', axis(2)),
  frame(10, 'bank', axis(3)),
  frame(20, 'bank', axis(4)),
  frame(30, 'local', axis(5)),
  frame(31, 'local', axis(6)),
  frame(32, 'local', axis(7)),
];

describe('sparse memory activation (activateMemory)', () => {
  it('keeps the top-k sink and bank frames by mean query . mean key, in context order, plus all local frames', () => {
    const flat = flattenContext(context, 33);
    // Slot 0 wants frame 0 strongly and slot 1 wants it as strongly away: the mean query does not want it.
    const queries = Array.from({ length: SLOTS }, () => new Float32Array(KEY_SIZE));
    queries[0]![0] = 6;
    queries[1]![0] = -6;
    for (const query of queries) {
      query[1] = 1; // sink frame 1
      query[3] = 2; // bank frame at 10
      query[4] = 0.5; // bank frame at 20
      query[2] = 0.2; // sink frame 2: below the bank frame at 20, so dropped
    }
    const { kept, ranges, scores } = activateMemory(flat, queries, 3);
    expect(kept).toEqual([1, 3, 4]);
    expect(scores[3]!).toBeGreaterThan(scores[1]!);
    expect(scores[1]!).toBeGreaterThan(scores[4]!);
    expect(scores[4]!).toBeGreaterThan(scores[2]!);
    expect(scores[2]!).toBeGreaterThan(scores[0]!);
    expect(scores.slice(5)).toEqual([undefined, undefined, undefined]);
    // flat key indices: frame f's tokens are 6f .. 6f + 5; frames 3 and 4 are adjacent and merge
    expect(ranges).toEqual([
      { part: 'sink', begin: 6, end: 12 },
      { part: 'bank', begin: 18, end: 30 },
      { part: 'local', begin: 30, end: 48 },
    ]);
    // top 1 keeps the bank frame at 10 alone
    expect(activateMemory(flat, queries, 1).kept).toEqual([3]);
  });

  it('breaks a tie (same keys, same position) toward the earlier frame in context order', () => {
    const twins = [frame(0, 'sink', axis(0)), frame(20, 'bank', axis(1)), frame(20, 'bank', axis(1))];
    const queries = Array.from({ length: SLOTS }, () => axis(1));
    expect(activateMemory(flattenContext(twins, 21), queries, 1).kept).toEqual([1]);
  });

  it('scores with the temporal factor: an equal match further back scores lower', () => {
    const far: ContextFrame[] = [
      frame(0, 'sink', axis(0)),
      frame(200, 'bank', axis(0)),
      frame(400, 'bank', axis(0)),
    ];
    const queries = Array.from({ length: SLOTS }, () => axis(0, 3));
    expect(activateMemory(flattenContext(far, 401), queries, 1).kept).toEqual([2]);
  });

  it('selects nothing and scores nothing with an empty bank, or when sink + bank fit in k', () => {
    const queries = Array.from({ length: SLOTS }, () => axis(1));
    const spy = vi.spyOn(kernels, 'dot');
    const noBank = flattenContext(
      context.filter((entry) => entry.part !== 'bank'),
      33,
    );
    expect(activateMemory(noBank, queries, 1).ranges).toBe(noBank.parts);
    const flat = flattenContext(context, 33);
    expect(activateMemory(flat, queries, 5).ranges).toBe(flat.parts);
    expect(activateMemory(flat, queries, undefined).ranges).toBe(flat.parts);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('attention over the kept ranges reads only their keys: one dot per kept key, the rest never touched', () => {
    const flat = flattenContext(context, 33);
    const queries = Array.from({ length: SLOTS }, () => axis(3, 2));
    const { ranges } = activateMemory(flat, queries, 3);
    const skipped = new Set(flat.keys.filter((_, key) => !ranges.some((r) => key >= r.begin && key < r.end)));
    const spy = vi.spyOn(kernels, 'dot');
    const binding = new Float32Array(BINDING_SIZE);
    binding[3] = 1;
    const state = new Float32Array(STATE_SIZE).fill(0.5);
    const result = attendContext(flat, 0, binding, state, state, ranges);
    const read = spy.mock.calls.map((call) => call[1]);
    spy.mockRestore();
    // 3 memory frames + 3 local frames, 6 keys each
    expect(read).toHaveLength(6 * SLOTS);
    expect(read.some((key) => skipped.has(key))).toBe(false);
    expect(skipped.size).toBe(2 * SLOTS);
    expect(result.mention).toBe('p10');
  });
});

/** Two engines with identical history up to a 4-frame bank, then one chunk dense or sparse. */
async function engineWithBank(seed: number) {
  const engine = createMiniEngine({ seed, width: 48, height: 27 });
  const prompt = await engine.encodePrompt('Nora, a woman in a yellow coat, walks in the park.');
  for (let chunk = 0; chunk < 4; chunk++) {
    await engine.generateChunk({ prompt });
    await engine.storeFrame(chunk * 3, `f${chunk}`);
  }
  await engine.setBank(['f0', 'f1', 'f2', 'f3']);
  return { engine, prompt };
}

describe('mini engine with memoryTopK', () => {
  it('computes exactly the skipped frames less: sink 3 + bank 4 -> top 3 skips 4 frames per pass', async () => {
    const dense = await engineWithBank(4);
    const sparse = await engineWithBank(4);
    expect(sparse.engine.costs()).toEqual(dense.engine.costs());
    const before = dense.engine.costs().attentionOps;
    await dense.engine.generateChunk({ prompt: dense.prompt });
    await sparse.engine.generateChunk({ prompt: sparse.prompt, memoryTopK: 3 });
    const denseOps = dense.engine.costs().attentionOps - before;
    const sparseOps = sparse.engine.costs().attentionOps - before;
    // per frame: (4 denoising steps + 1 context pass) x (6 slot queries x 4 skipped frames x 6 keys - 7 routing
    // scores) + 4 skipped scene keys; 3 frames a chunk
    const steps = dense.engine.info.denoisingSteps.length;
    const perFrame = (steps + 1) * (SLOTS * 4 * SLOTS - 7) + 4;
    expect(denseOps - sparseOps).toBe(3 * perFrame);
    expect(denseOps - sparseOps).toBe(2067);
    expect(sparseOps / denseOps).toBeLessThan(0.8);
    // the recache's context passes skip the same frames
    const other = await dense.engine.encodePrompt('A man with a gray beard reads in the library.');
    const [a, b] = [dense.engine.costs().attentionOps, sparse.engine.costs().attentionOps];
    await dense.engine.recache(other);
    await sparse.engine.recache(other, { memoryTopK: 3 });
    const recached = dense.engine.costs().recachedFrames - 0;
    expect(dense.engine.costs().attentionOps - a - (sparse.engine.costs().attentionOps - b)).toBe(
      recached * (SLOTS * 4 * SLOTS - 7),
    );
    await Promise.all([dense.engine.release(), sparse.engine.release()]);
  });

  it('is deterministic, differs from dense with a bank, equals dense without one', async () => {
    const run = async (memoryTopK: number | undefined, bank: boolean) => {
      const { engine, prompt } = await engineWithBank(9);
      if (!bank) await engine.setBank([]);
      const options = memoryTopK === undefined ? { prompt } : { prompt, memoryTopK };
      const bytes: Uint8Array[] = [];
      for (let chunk = 0; chunk < 2; chunk++) {
        const generated = await engine.generateChunk(options);
        bytes.push(...(await engine.decodeChunk(generated.chunk)).map((video) => video.data));
      }
      const snapshot = await engine.snapshot();
      await engine.release();
      return { bytes: Buffer.concat(bytes), snapshot: JSON.stringify(snapshot) };
    };
    const first = await run(3, true);
    const second = await run(3, true);
    expect(Buffer.compare(first.bytes, second.bytes)).toBe(0);
    expect(second.snapshot).toBe(first.snapshot);
    const dense = await run(undefined, true);
    expect(dense.snapshot).not.toBe(first.snapshot);
    // without bank frames there is nothing to route: byte-identical to dense attention
    const noBankSparse = await run(3, false);
    const noBankDense = await run(undefined, false);
    expect(Buffer.compare(noBankSparse.bytes, noBankDense.bytes)).toBe(0);
    expect(noBankSparse.snapshot).toBe(noBankDense.snapshot);
  });

  it('continues a restored snapshot as if never stopped', async () => {
    const straight = await engineWithBank(2);
    const resumed = await engineWithBank(2);
    const copy = createMiniEngine({ seed: 2, width: 48, height: 27 });
    await copy.restore(JSON.parse(JSON.stringify(await resumed.engine.snapshot())));
    const next = async (engine: typeof copy) => {
      const prompt = await engine.encodePrompt('Nora, a woman in a yellow coat, walks in the park.');
      const chunk = await engine.generateChunk({ prompt, memoryTopK: 3 });
      return { frames: await engine.decodeChunk(chunk.chunk), costs: engine.costs() };
    };
    expect(await next(copy)).toEqual(await next(straight.engine));
    await Promise.all([straight.engine.release(), resumed.engine.release(), copy.release()]);
  });

  it('rejects a memoryTopK that is not a whole number of at least 1, naming the field', async () => {
    const engine = createMiniEngine({ width: 32, height: 18 });
    const prompt = await engine.encodePrompt('A man walks.');
    for (const memoryTopK of [0, 2.5, -1]) {
      const error = await engine.generateChunk({ prompt, memoryTopK }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).issues[0]).toMatchObject({
        code: 'invalid-memory-top-k',
        path: ['memoryTopK'],
      });
    }
    await engine.release();
  });
});
