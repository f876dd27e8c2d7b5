import { expect } from 'vitest';
import { type CaseSkip, describeCases } from '../../test/case-suite.js';
import type { CausalVideoEngineV1 } from './engine.js';

/** Options of {@link runEngineContract}. */
export interface EngineContractOptions {
  /** Name shown in the test titles. */
  name: string;
  /**
   * Creates a fresh engine for one test; may be async (a remote engine connects, a test server starts). Every case
   * releases the engine it made.
   */
  createEngine: () => CausalVideoEngineV1 | Promise<CausalVideoEngineV1>;
  /**
   * A reason skips the whole suite (e.g. no server configured); `[{ reason, tests }]` skips the named cases.
   */
  skip?: CaseSkip;
}

/**
 * The shared behaviour every `CausalVideoEngineV1` must show (hono's common case suite style): geometry, keys,
 * the frame store and bank, recache, costs, decode and release.
 *
 * @example
 * runEngineContract({ name: 'mini', createEngine: () => createMiniEngine({ width: 96, height: 54 }) });
 */
export function runEngineContract(options: EngineContractOptions): void {
  describeCases(`engine contract: ${options.name}`, options.skip, (it) => {
    const start = async () => {
      const engine = await options.createEngine();
      const prompt = await engine.encodePrompt('A woman in a yellow coat walks in the park.');
      return { engine, prompt };
    };

    it('encodes prompts into tokens with offsets and keys of keyDimension', async () => {
      const { engine, prompt } = await start();
      expect(prompt.tokens.length).toBeGreaterThan(3);
      for (const token of prompt.tokens) {
        expect(prompt.text.slice(token.start, token.end)).toBe(token.text);
        expect(token.key.length).toBe(engine.info.keyDimension);
      }
      const length = Math.hypot(...prompt.embedding);
      expect(length).toBeCloseTo(1, 3);
      await engine.release();
    });

    it('generates chunks of chunkFrames latent frames with keys of keyDimension', async () => {
      const { engine, prompt } = await start();
      for (let chunk = 0; chunk < 3; chunk++) {
        const generated = await engine.generateChunk({ prompt });
        expect(generated.chunk).toBe(chunk);
        expect(generated.startFrame).toBe(chunk * engine.info.chunkFrames);
        expect(generated.frames.map((frame) => frame.frame)).toEqual(
          Array.from({ length: engine.info.chunkFrames }, (_, index) => generated.startFrame + index),
        );
        for (const frame of generated.frames) {
          expect(frame.keys.length).toBeGreaterThan(0);
          for (const key of frame.keys) expect(key.length).toBe(engine.info.keyDimension);
        }
      }
      await engine.release();
    });

    it('decodes chunkFrames * videoFramesPerLatent RGB frames of the engine size', async () => {
      const { engine, prompt } = await start();
      const generated = await engine.generateChunk({ prompt });
      const frames = await engine.decodeChunk(generated.chunk);
      expect(frames).toHaveLength(engine.info.chunkFrames * engine.info.videoFramesPerLatent);
      for (const frame of frames) {
        expect([frame.width, frame.height]).toEqual([engine.info.width, engine.info.height]);
        expect(frame.data.length).toBe(engine.info.width * engine.info.height * 3);
      }
      expect(engine.costs().decodedFrames).toBe(frames.length);
      await engine.release();
    });

    it('stores, banks and drops frames; setBank rejects unknown ids and overflow', async () => {
      const { engine, prompt } = await start();
      await engine.generateChunk({ prompt });
      await engine.storeFrame(0, 'first');
      await engine.storeFrame(2, 'third');
      await expect(engine.storeFrame(engine.info.chunkFrames, 'not-generated')).rejects.toThrow();
      await engine.setBank(['first', 'third']);
      await expect(engine.setBank(['missing'])).rejects.toThrow(/missing/);
      const tooMany = Array.from({ length: engine.info.bankCapacity + 1 }, () => 'first');
      await expect(engine.setBank(tooMany)).rejects.toThrow();
      await engine.dropFrame('first');
      await engine.dropFrame('never-stored');
      await expect(engine.setBank(['first'])).rejects.toThrow();
      await engine.setBank(['third']);
      await engine.setBank([]);
      const next = await engine.generateChunk({ prompt });
      expect(next.chunk).toBe(1);
      await engine.release();
    });

    it('recache re-runs context passes and counts recached frames', async () => {
      const { engine, prompt } = await start();
      for (let chunk = 0; chunk < 4; chunk++) await engine.generateChunk({ prompt });
      const before = engine.costs();
      await engine.recache(await engine.encodePrompt('A man in a blue hoodie reads in the library.'));
      const after = engine.costs();
      expect(after.contextPasses).toBeGreaterThan(before.contextPasses);
      expect(after.recachedFrames).toBeGreaterThan(before.recachedFrames);
      expect(after.attentionOps).toBeGreaterThan(before.attentionOps);
      await engine.release();
    });

    it('costs grow monotonically with work', async () => {
      const { engine, prompt } = await start();
      const zero = engine.costs();
      expect(Object.values(zero).every((value) => value === 0)).toBe(true);
      let previous = zero;
      for (let chunk = 0; chunk < 3; chunk++) {
        await engine.generateChunk({ prompt });
        const current = engine.costs();
        expect(current.generatedFrames).toBe(previous.generatedFrames + engine.info.chunkFrames);
        expect(current.denoisingPasses).toBeGreaterThan(previous.denoisingPasses);
        expect(current.contextPasses).toBeGreaterThan(previous.contextPasses);
        expect(current.attentionOps).toBeGreaterThan(previous.attentionOps);
        previous = current;
      }
      await engine.release();
    });

    it('is unusable after release', async () => {
      const { engine, prompt } = await start();
      await engine.release();
      await expect(engine.generateChunk({ prompt })).rejects.toThrow();
      await expect(engine.encodePrompt('A man waits.')).rejects.toThrow();
      await expect(engine.decodeChunk(0)).rejects.toThrow();
    });
  });
}
