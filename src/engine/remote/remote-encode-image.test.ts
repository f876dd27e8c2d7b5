import { afterAll, describe, expect, it } from 'vitest';
import type { CausalVideoEngineV1 } from '../engine.js';
import { createMiniEngine } from '../mini/mini-engine.js';
import { serveEngine } from '../protocol/serve-engine.js';
import { createRemoteEngine } from './create-remote-engine.js';

const server = await serveEngine({
  port: 0,
  createEngine: ({ seed, width, height }) =>
    createMiniEngine({ seed: seed ?? 3, width: width ?? 96, height: height ?? 54 }),
});
// The same engine without the ability: the session says so and the client offers no encodeImage.
const blind = await serveEngine({
  port: 0,
  createEngine: () => {
    const { encodeImage: _encodeImage, ...engine } = createMiniEngine({ width: 32, height: 18 });
    return engine as CausalVideoEngineV1;
  },
});
afterAll(async () => {
  await server.close();
  await blind.close();
});

describe('encodeImage over the engine protocol', () => {
  it('stores the encoded picture on the server: the bank then gives the same frames as the local engine', async () => {
    const source = createMiniEngine({ seed: 9, width: 96, height: 54 });
    const introduced = await source.encodePrompt(
      'Nora, a woman with red hair and a yellow coat, walks in the park.',
    );
    await source.generateChunk({ prompt: introduced });
    const picture = (await source.decodeChunk(0))[0]!;
    const local = createMiniEngine({ seed: 5, width: 96, height: 54 });
    const remote = await createRemoteEngine({ url: server.url, session: { seed: 5, width: 96, height: 54 } });
    expect(remote.encodeImage).toBeTypeOf('function');
    const frames = [];
    for (const engine of [local, remote]) {
      const prompt = await engine.encodePrompt('Nora walks along the street.');
      await engine.generateChunk({ prompt });
      // A deferred store goes ahead of the picture, in call order.
      await engine.storeFrame(1, 'early');
      await engine.encodeImage!({ image: picture, id: 'ref:nora', text: 'Nora, a woman', position: 3 });
      await engine.setBank(['early', 'ref:nora']);
      const chunk = await engine.generateChunk({ prompt });
      frames.push(await engine.decodeChunk(chunk.chunk));
    }
    expect(Buffer.from(frames[1]![0]!.data).equals(Buffer.from(frames[0]![0]!.data))).toBe(true);
    expect(remote.costs()).toEqual(local.costs());
    for (const engine of [source, local, remote]) await engine.release();
  });

  it('a session whose engine cannot encode images offers no encodeImage', async () => {
    const remote = await createRemoteEngine({ url: blind.url });
    expect(remote.encodeImage).toBeUndefined();
    await remote.release();
  });
});
