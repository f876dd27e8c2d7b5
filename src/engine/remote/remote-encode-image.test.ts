import { afterAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../errors/engine-error.js';
import type { CausalVideoEngineV1 } from '../engine.js';
import { createMiniEngine } from '../mini/mini-engine.js';
import { serveEngine } from '../protocol/serve-engine.js';
import { createRemoteEngine } from './create-remote-engine.js';

const server = await serveEngine({
  port: 0,
  createEngine: ({ seed, width, height }) =>
    createMiniEngine({ seed: seed ?? 3, width: width ?? 96, height: height ?? 54 }),
});
// The same engine without the abilities: the session says so and the client offers no encodeImage, no image-to-video.
const blind = await serveEngine({
  port: 0,
  createEngine: () => {
    const { encodeImage: _encodeImage, ...engine } = createMiniEngine({ width: 32, height: 18 });
    return { ...engine, info: { ...engine.info, imageToVideo: false } } as CausalVideoEngineV1;
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

describe('startImage over the engine protocol', () => {
  it("carries the picture to the server: chunk 0 and the next are the local engine's, bit for bit", async () => {
    const source = createMiniEngine({ seed: 9, width: 96, height: 54 });
    await source.generateChunk({
      prompt: await source.encodePrompt('Nora, a woman with red hair, walks in the park.'),
    });
    const picture = (await source.decodeChunk(0))[0]!;
    const local = createMiniEngine({ seed: 5, width: 96, height: 54 });
    const remote = await createRemoteEngine({ url: server.url, session: { seed: 5, width: 96, height: 54 } });
    expect(remote.info.imageToVideo).toBe(true);
    const runs = [];
    for (const engine of [local, remote]) {
      const prompt = await engine.encodePrompt('Nora walks along the street.');
      const first = await engine.generateChunk({ prompt, startImage: picture });
      const frames = [...(await engine.decodeChunk(0))];
      const second = await engine.generateChunk({ prompt });
      frames.push(...(await engine.decodeChunk(second.chunk)));
      runs.push({
        keys: first.frames,
        frames: frames.map((frame) => Buffer.from(frame.data).toString('base64')),
      });
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(remote.costs()).toEqual(local.costs());
    // Chunk 1 was generated: the client refuses a second start image before it leaves.
    const late = await remote
      .generateChunk({ prompt: await remote.encodePrompt('Nora waits.'), startImage: picture })
      .catch((caught: unknown) => caught);
    expect(late).toBeInstanceOf(EngineError);
    expect((late as EngineError).issues[0]).toMatchObject({ code: 'start-image-not-first' });
    for (const engine of [source, local, remote]) await engine.release();
  });

  it('a session without image-to-video refuses a start image with a located error', async () => {
    const remote = await createRemoteEngine({ url: blind.url });
    expect(remote.info.imageToVideo).toBeUndefined();
    const picture = { width: 4, height: 4, data: new Uint8Array(48) };
    const error = await remote
      .generateChunk({ prompt: await remote.encodePrompt('Nora waits.'), startImage: picture })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).issues[0]).toMatchObject({
      code: 'start-image-unsupported',
      path: ['remote engine', 'generateChunk'],
      hint: expect.stringMatching(/imageToVideo/),
    });
    await remote.release();
  });
});
