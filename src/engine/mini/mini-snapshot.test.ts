import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors/index.js';
import { createMiniEngine } from './mini-engine.js';

const nora = 'Nora, a woman in a yellow coat, walks in the park.';
const ravi = 'Ravi, a man in a red jacket, waves in the street.';

/** Four chunks with a recache, a stored frame in the bank and a dropped one: every kind of state is in play. */
async function prepare(seed: number, quantization: 'none' | 'int8' = 'none') {
  const engine = createMiniEngine({ seed, width: 96, height: 64, quantization });
  const first = await engine.encodePrompt(nora);
  for (let chunk = 0; chunk < 3; chunk++) await engine.generateChunk({ prompt: first });
  await engine.storeFrame(4, 'a');
  await engine.storeFrame(7, 'b');
  await engine.setBank(['a', 'b']);
  await engine.dropFrame('b');
  const second = await engine.encodePrompt(ravi);
  await engine.recache(second);
  await engine.generateChunk({ prompt: second, blend: { from: first, alpha: 0.5 } });
  return { engine, second };
}

/** The next two chunks' frames, keys and render record. */
async function continueRun(engine: ReturnType<typeof createMiniEngine>) {
  const prompt = await engine.encodePrompt(ravi);
  const out = [];
  for (let index = 0; index < 2; index++) {
    const chunk = await engine.generateChunk({ prompt });
    out.push({
      keys: chunk.frames.map((frame) => frame.keys.map((key) => Array.from(key))),
      frames: (await engine.decodeChunk(chunk.chunk)).map((frame) =>
        Buffer.from(frame.data).toString('base64'),
      ),
      record: engine.renderRecord(chunk.chunk),
    });
  }
  return { out, costs: engine.costs(), bytes: engine.storeBytes() };
}

describe('mini engine snapshot/restore', () => {
  for (const quantization of ['none', 'int8'] as const) {
    it(`a restored engine (${quantization} store) continues exactly as the original, through JSON`, async () => {
      const { engine } = await prepare(5, quantization);
      const snapshot = JSON.parse(JSON.stringify(await engine.snapshot()));
      const expected = await continueRun(engine);

      const fresh = createMiniEngine({ seed: 5, width: 96, height: 64, quantization });
      await fresh.restore(snapshot);
      // The old chunks' render record comes back too (the resumed loop reads it again).
      expect(fresh.renderRecord(2)).toEqual(engine.renderRecord(2));
      expect(await continueRun(fresh)).toEqual(expected);
    });
  }

  it('without the restore, a fresh engine does not continue the same way (the test can fail)', async () => {
    const { engine } = await prepare(5);
    const expected = await continueRun(engine);
    const fresh = createMiniEngine({ seed: 5, width: 96, height: 64 });
    await expect(continueRun(fresh)).resolves.not.toEqual(expected);
  });

  it('refuses a snapshot of another seed or size, and a damaged one, naming where', async () => {
    const { engine } = await prepare(5);
    const snapshot = JSON.parse(JSON.stringify(await engine.snapshot()));
    const otherSeed = createMiniEngine({ seed: 6, width: 96, height: 64 });
    await expect(otherSeed.restore(snapshot)).rejects.toThrow(/taken from another engine/);
    const otherSize = createMiniEngine({ seed: 5, width: 128, height: 64 });
    await expect(otherSize.restore(snapshot)).rejects.toThrow(EngineError);

    const damaged = structuredClone(snapshot);
    damaged.frames[2].scene.state.base64 = 'AAA';
    const target = createMiniEngine({ seed: 5, width: 96, height: 64 });
    const error = await target.restore(damaged).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).issues[0]).toMatchObject({ code: 'invalid-snapshot' });
    await expect(target.restore({ format: 'other' })).rejects.toThrow(/not a miniature engine snapshot/);
  });
});
