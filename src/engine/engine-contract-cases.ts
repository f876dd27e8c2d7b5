import assert from 'node:assert/strict';
import type { CausalVideoEngineV1, EncodedPrompt } from './engine.js';

/** Creates a fresh engine for one case; may be async (a remote engine opens a session). */
export type EngineMaker = () => CausalVideoEngineV1 | Promise<CausalVideoEngineV1>;

/** One case of the engine contract: a title and a body that throws (node:assert) when the engine fails it. */
export interface EngineContractCase {
  /** Stable title, used by `skip` lists and the conformance report. */
  name: string;
  /** Runs the case on engines from `createEngine`; releases every engine it made. */
  run(createEngine: EngineMaker): Promise<void>;
}

async function start(
  createEngine: EngineMaker,
): Promise<{ engine: CausalVideoEngineV1; prompt: EncodedPrompt }> {
  const engine = await createEngine();
  const prompt = await engine.encodePrompt('A woman in a yellow coat walks in the park.');
  return { engine, prompt };
}

/** Runs `body` on a fresh engine and releases it whatever happens (a failed case must not leak a session). */
async function withEngine(
  createEngine: EngineMaker,
  body: (engine: CausalVideoEngineV1, prompt: EncodedPrompt) => Promise<void>,
): Promise<void> {
  const { engine, prompt } = await start(createEngine);
  try {
    await body(engine, prompt);
  } finally {
    await engine.release().catch(() => {});
  }
}

const range = (length: number, from = 0) => Array.from({ length }, (_, index) => from + index);

/**
 * The shared behaviour every `CausalVideoEngineV1` must show, as data: geometry, keys, the frame store and bank,
 * recache, costs, decode and release. Run by vitest through `runEngineContract` and by `iamflow engine check`
 * through `checkEngineContract`.
 */
export const engineContractCases: readonly EngineContractCase[] = [
  {
    name: 'encodes prompts into tokens with offsets and keys of keyDimension',
    run: (createEngine) =>
      withEngine(createEngine, async (engine, prompt) => {
        assert.ok(prompt.tokens.length > 3, `expected more than 3 tokens, got ${prompt.tokens.length}`);
        for (const token of prompt.tokens) {
          assert.equal(prompt.text.slice(token.start, token.end), token.text, 'token offsets');
          assert.equal(token.key.length, engine.info.keyDimension, 'token key length');
        }
        const length = Math.hypot(...prompt.embedding);
        assert.ok(Math.abs(length - 1) < 5e-4, `embedding length ${length}, expected 1`);
      }),
  },
  {
    name: 'generates chunks of chunkFrames latent frames with keys of keyDimension',
    run: (createEngine) =>
      withEngine(createEngine, async (engine, prompt) => {
        for (let chunk = 0; chunk < 3; chunk++) {
          const generated = await engine.generateChunk({ prompt });
          assert.equal(generated.chunk, chunk, 'chunk index');
          assert.equal(generated.startFrame, chunk * engine.info.chunkFrames, 'startFrame');
          assert.deepEqual(
            generated.frames.map((frame) => frame.frame),
            range(engine.info.chunkFrames, generated.startFrame),
            'latent frame indices',
          );
          for (const frame of generated.frames) {
            assert.ok(frame.keys.length > 0, `frame ${frame.frame} has no keys`);
            for (const key of frame.keys)
              assert.equal(key.length, engine.info.keyDimension, 'frame key length');
          }
        }
      }),
  },
  {
    name: 'decodes chunkFrames * videoFramesPerLatent RGB frames of the engine size',
    run: (createEngine) =>
      withEngine(createEngine, async (engine, prompt) => {
        const generated = await engine.generateChunk({ prompt });
        const frames = await engine.decodeChunk(generated.chunk);
        assert.equal(
          frames.length,
          engine.info.chunkFrames * engine.info.videoFramesPerLatent,
          'frame count',
        );
        for (const frame of frames) {
          assert.deepEqual(
            [frame.width, frame.height],
            [engine.info.width, engine.info.height],
            'frame size',
          );
          assert.equal(frame.data.length, engine.info.width * engine.info.height * 3, 'rgb24 bytes');
        }
        assert.equal(engine.costs().decodedFrames, frames.length, 'costs().decodedFrames');
      }),
  },
  {
    name: 'decodeFrames (when offered) gives decodeChunk frames at the indices asked and counts only those',
    run: (createEngine) =>
      withEngine(createEngine, async (engine, prompt) => {
        if (!engine.decodeFrames) return;
        const generated = await engine.generateChunk({ prompt });
        const count = engine.info.chunkFrames * engine.info.videoFramesPerLatent;
        const indices = [count - 1, 0, Math.floor(count / 2)];
        const subset = await engine.decodeFrames(generated.chunk, indices);
        assert.equal(
          engine.costs().decodedFrames,
          indices.length,
          'costs().decodedFrames counts the frames asked',
        );
        assert.deepEqual(await engine.decodeFrames(generated.chunk, []), [], 'no index, no frame');
        const all = await engine.decodeChunk(generated.chunk);
        assert.equal(
          engine.costs().decodedFrames,
          indices.length + count,
          'decodeChunk counts the whole chunk',
        );
        assert.deepEqual(
          subset,
          indices.map((index) => all[index]),
          'each frame equals decodeChunk at its index, in the order asked',
        );
        await assert.rejects(engine.decodeFrames(generated.chunk, [count]), 'an index past the chunk');
        await assert.rejects(engine.decodeFrames(generated.chunk + 1, [0]), 'a chunk not generated');
      }),
  },
  {
    name: 'stores, banks and drops frames; setBank rejects unknown ids and overflow',
    run: (createEngine) =>
      withEngine(createEngine, async (engine, prompt) => {
        await engine.generateChunk({ prompt });
        await engine.storeFrame(0, 'first');
        await engine.storeFrame(2, 'third');
        await assert.rejects(
          engine.storeFrame(engine.info.chunkFrames, 'not-generated'),
          'store a future frame',
        );
        await engine.setBank(['first', 'third']);
        await assert.rejects(engine.setBank(['missing']), /missing/, 'bank an unknown id');
        const tooMany = Array.from({ length: engine.info.bankCapacity + 1 }, () => 'first');
        await assert.rejects(engine.setBank(tooMany), 'bank more than bankCapacity');
        await engine.dropFrame('first');
        await engine.dropFrame('never-stored');
        await assert.rejects(engine.setBank(['first']), 'bank a dropped id');
        await engine.setBank(['third']);
        await engine.setBank([]);
        const next = await engine.generateChunk({ prompt });
        assert.equal(next.chunk, 1, 'chunk index after bank changes');
      }),
  },
  {
    name: 'recache re-runs context passes and counts recached frames',
    run: (createEngine) =>
      withEngine(createEngine, async (engine, prompt) => {
        for (let chunk = 0; chunk < 4; chunk++) await engine.generateChunk({ prompt });
        const before = engine.costs();
        await engine.recache(await engine.encodePrompt('A man in a blue hoodie reads in the library.'));
        const after = engine.costs();
        assert.ok(after.contextPasses > before.contextPasses, 'contextPasses grows');
        assert.ok(after.recachedFrames > before.recachedFrames, 'recachedFrames grows');
        assert.ok(after.attentionOps > before.attentionOps, 'attentionOps grows');
      }),
  },
  {
    name: 'costs grow monotonically with work',
    run: (createEngine) =>
      withEngine(createEngine, async (engine, prompt) => {
        const zero = engine.costs();
        assert.ok(
          Object.values(zero).every((value) => value === 0),
          `costs start at 0: ${JSON.stringify(zero)}`,
        );
        let previous = zero;
        for (let chunk = 0; chunk < 3; chunk++) {
          await engine.generateChunk({ prompt });
          const current = engine.costs();
          assert.equal(
            current.generatedFrames,
            previous.generatedFrames + engine.info.chunkFrames,
            'generatedFrames',
          );
          assert.ok(current.denoisingPasses > previous.denoisingPasses, 'denoisingPasses grows');
          assert.ok(current.contextPasses > previous.contextPasses, 'contextPasses grows');
          assert.ok(current.attentionOps > previous.attentionOps, 'attentionOps grows');
          previous = current;
        }
      }),
  },
  {
    name: 'takes a start image on chunk 0 only, and only with info.imageToVideo',
    run: (createEngine) =>
      withEngine(createEngine, async (engine, prompt) => {
        const { width, height } = engine.info;
        const data = new Uint8Array(width * height * 3).map((_, index) => (index * 7) % 251);
        const startImage = { width, height, data };
        if (engine.info.imageToVideo !== true) {
          await assert.rejects(
            engine.generateChunk({ prompt, startImage }),
            'startImage without the ability',
          );
          const chunk = await engine.generateChunk({ prompt });
          assert.equal(chunk.chunk, 0, 'a refused start image generates nothing');
          return;
        }
        const chunk = await engine.generateChunk({ prompt, startImage });
        assert.equal(chunk.chunk, 0, 'chunk');
        assert.deepEqual(
          chunk.frames.map((frame) => frame.frame),
          range(engine.info.chunkFrames),
          'the picture is the first latent frame of chunk 0',
        );
        const frames = await engine.decodeChunk(0);
        assert.equal(frames.length, engine.info.chunkFrames * engine.info.videoFramesPerLatent, 'decoded');
        await assert.rejects(engine.generateChunk({ prompt, startImage }), 'startImage after chunk 0');
        assert.equal((await engine.generateChunk({ prompt })).chunk, 1, 'a refused call generates nothing');
      }),
  },
  {
    name: 'is unusable after release',
    run: async (createEngine) => {
      const { engine, prompt } = await start(createEngine);
      await engine.release();
      await assert.rejects(engine.generateChunk({ prompt }), 'generateChunk after release');
      await assert.rejects(engine.encodePrompt('A man waits.'), 'encodePrompt after release');
      await assert.rejects(engine.decodeChunk(0), 'decodeChunk after release');
    },
  },
];
