import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors/engine-error.js';
import { createMiniEngine } from './mini-engine.js';

async function run(retainFrames?: number) {
  const engine = createMiniEngine({
    seed: 2,
    width: 64,
    height: 36,
    ...(retainFrames ? { retainFrames } : {}),
  });
  const prompt = await engine.encodePrompt('Nora, a woman in a yellow coat, walks in the park.');
  const bytes: Uint8Array[] = [];
  for (let chunk = 0; chunk < 8; chunk++) {
    const generated = await engine.generateChunk({ prompt });
    if (chunk === 2) await engine.storeFrame(7, 'kept');
    if (chunk === 5) await engine.setBank(['kept']);
    bytes.push(...(await engine.decodeChunk(generated.chunk)).map((frame) => frame.data));
  }
  return { engine, bytes };
}

describe('frame retention', () => {
  it('a short window drops old frames without changing what is generated', async () => {
    const all = await run();
    const short = await run(12);
    expect(short.bytes.length).toBe(all.bytes.length);
    for (const [index, data] of all.bytes.entries())
      expect(Buffer.compare(data, short.bytes[index]!)).toBe(0);
    // 8 chunks of 3 latent frames: frames 0-2 are the sink, 3-11 were dropped, 12-23 are kept
    await expect(short.engine.storeFrame(5, 'old')).rejects.toThrow(EngineError);
    await expect(short.engine.storeFrame(5, 'old')).rejects.toThrow(/older than the 12 latent frames/);
    await expect(short.engine.decodeChunk(1)).rejects.toThrow(/chunk 1 is older/);
    expect(() => short.engine.renderRecord(2)).toThrow(/chunk 2 is older/);
    await short.engine.storeFrame(1, 'sink');
    await short.engine.storeFrame(12, 'recent');
    expect((await short.engine.decodeChunk(4)).length).toBe(12);
    await all.engine.storeFrame(5, 'old');
  });
});
