import { afterAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../errors/engine-error.js';
import { runEngineContract } from '../engine-contract.case.js';
import { createMiniEngine } from '../mini/mini-engine.js';
import { serveEngine } from '../protocol/serve-engine.js';
import { createRemoteEngine } from './create-remote-engine.js';

// A real HTTP server on a free loopback port, serving the miniature engine.
const server = await serveEngine({
  port: 0,
  maxSessions: 8,
  createEngine: ({ seed, width, height }) =>
    createMiniEngine({ seed: seed ?? 3, width: width ?? 96, height: height ?? 54 }),
});
const guarded = await serveEngine({
  port: 0,
  token: 'sesame',
  createEngine: () => createMiniEngine({ width: 32, height: 18 }),
});
afterAll(async () => {
  await server.close();
  await guarded.close();
});

runEngineContract({
  name: 'remote over mini (HTTP, 127.0.0.1)',
  createEngine: () => createRemoteEngine({ url: server.url }),
});
runEngineContract({
  name: 'remote over mini, frames decoded ahead in the generate reply',
  createEngine: () => createRemoteEngine({ url: server.url, decodeAhead: true }),
});
runEngineContract({
  name: 'remote over mini, one round trip per state call',
  createEngine: () => createRemoteEngine({ url: server.url, deferStateCalls: false }),
});

describe('createRemoteEngine', () => {
  it('returns what the local engine returns, bit for bit (keys, frames, costs, render record)', async () => {
    const local = createMiniEngine({ seed: 5, width: 64, height: 36 });
    const remote = await createRemoteEngine({ url: server.url, session: { seed: 5, width: 64, height: 36 } });
    expect(remote.info).toEqual(local.info);
    for (const engine of [local, remote]) {
      const prompt = await engine.encodePrompt('Nora, a woman with red hair, walks in the rain.');
      const other = await engine.encodePrompt('A tall man in a gray coat waits at the cafe.');
      await engine.generateChunk({ prompt });
      await engine.storeFrame(1, 'nora');
      await engine.setBank(['nora']);
      await engine.generateChunk({ prompt: other, blend: { from: prompt, alpha: 0.25 } });
      await engine.recache(other);
    }
    const [a, b] = [local, remote].map(async (engine) => {
      const prompt = await engine.encodePrompt('A tall man in a gray coat waits at the cafe.');
      const chunk = await engine.generateChunk({ prompt });
      return {
        prompt,
        chunk,
        frames: await engine.decodeChunk(chunk.chunk),
        record: engine.renderRecord?.(chunk.chunk),
      };
    });
    const [localRun, remoteRun] = await Promise.all([a, b]);
    expect(remoteRun).toEqual(localRun);
    expect(remote.costs()).toEqual(local.costs());
    expect(remote.storeBytes?.()).toBe(local.storeBytes());
    await Promise.all([local.release(), remote.release()]);
  });

  it('carries sparse memory activation (memoryTopK) on generate and recache: the same bytes and work as local', async () => {
    const local = createMiniEngine({ seed: 6, width: 64, height: 36 });
    const remote = await createRemoteEngine({ url: server.url, session: { seed: 6, width: 64, height: 36 } });
    const dense = createMiniEngine({ seed: 6, width: 64, height: 36 });
    const runs = [local, remote, dense].map(async (engine, which) => {
      const sparse = which < 2 ? { memoryTopK: 2 } : {};
      const prompt = await engine.encodePrompt('Nora, a woman with red hair, walks in the rain.');
      const other = await engine.encodePrompt('A tall man in a gray coat waits at the cafe.');
      for (let chunk = 0; chunk < 3; chunk++) {
        await engine.generateChunk({ prompt, ...sparse });
        await engine.storeFrame(chunk * 3, `f${chunk}`);
      }
      await engine.setBank(['f1', 'f2']);
      await engine.recache(other, sparse);
      const chunk = await engine.generateChunk({ prompt: other, ...sparse });
      return { chunk, frames: await engine.decodeChunk(chunk.chunk), costs: engine.costs() };
    });
    const [localRun, remoteRun, denseRun] = await Promise.all(runs);
    expect(remoteRun).toEqual(localRun);
    // the option really crossed the wire: the dense engine computed more attention for the same calls
    expect(denseRun!.costs.attentionOps).toBeGreaterThan(localRun!.costs.attentionOps);
    await Promise.all([local.release(), remote.release(), dense.release()]);
  });

  it('sends the token and turns a refusal into a located EngineError', async () => {
    const error = await createRemoteEngine({ url: guarded.url }).catch((caught: unknown) => caught);
    expect(EngineError.isInstance(error)).toBe(true);
    expect((error as EngineError).message).toMatch(
      /POST http:\/\/127\.0\.0\.1:\d+\/v1\/sessions: unauthorized/,
    );
    expect((error as EngineError).issues[0]).toMatchObject({
      code: 'unauthorized',
      hint: expect.any(String),
    });
    const engine = await createRemoteEngine({ url: guarded.url, token: 'sesame' });
    expect(engine.info.width).toBe(32);
    await engine.release();
  });

  it('names the server error code of a failed call', async () => {
    const engine = await createRemoteEngine({ url: server.url, deferStateCalls: false });
    const error = await engine.setBank(['nothing']).catch((caught: unknown) => caught);
    expect((error as EngineError).issues[0]).toMatchObject({
      code: 'unknown-frame-id',
      path: ['remote engine', expect.stringMatching(/^PUT .*\/bank$/)],
    });
    await engine.release();
    await engine.release();
  });

  it('times out every call, and retries idempotent calls only', async () => {
    const calls: string[] = [];
    const session = {
      session: 's',
      protocol: 'iamflow-engine/1',
      provider: 'x',
      modelId: 'y',
      info: {
        width: 16,
        height: 16,
        fps: 16,
        videoFramesPerLatent: 4,
        chunkFrames: 3,
        sinkFrames: 3,
        localFrames: 9,
        bankCapacity: 6,
        denoisingSteps: [1000],
        keyDimension: 4,
      },
      costs: {
        generatedFrames: 0,
        denoisingPasses: 0,
        contextPasses: 0,
        recachedFrames: 0,
        attentionOps: 0,
        decodedFrames: 0,
      },
    };
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = String(input);
      calls.push(`${init?.method} ${url.replace(/^http:\/\/h/, '')}`);
      if (init?.method === 'POST' && url.endsWith('/sessions'))
        return Response.json(session, { status: 201 });
      if (url.endsWith('/bank'))
        return Response.json({ error: { code: 'engine-failed', message: 'boom' } }, { status: 500 });
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    };
    const engine = await createRemoteEngine({
      url: 'http://h',
      fetch,
      timeoutMs: 50,
      maxRetries: 1,
      retryDelayMs: 1,
      deferStateCalls: false,
    });
    await expect(engine.setBank([])).rejects.toThrow(
      /PUT http:\/\/h\/v1\/sessions\/s\/bank: engine-failed: boom/,
    );
    const prompt = { id: 'p', text: 'x', tokens: [], embedding: new Float32Array(4) };
    await expect(engine.generateChunk({ prompt })).rejects.toThrow(/no answer within 50 ms/);
    expect(calls).toEqual([
      'POST /v1/sessions',
      'PUT /v1/sessions/s/bank',
      'PUT /v1/sessions/s/bank',
      'POST /v1/sessions/s/chunks',
    ]);
  });

  it('sends deferred state calls ahead of the next generate; a refusal there names the deferred call', async () => {
    const bodies: unknown[] = [];
    const recording: typeof globalThis.fetch = async (input, init) => {
      if (String(input).endsWith('/chunks')) bodies.push(JSON.parse(String(init?.body)));
      return globalThis.fetch(input, init);
    };
    const engine = await createRemoteEngine({ url: server.url, fetch: recording });
    const prompt = await engine.encodePrompt('Ravi waits at the station.');
    await engine.generateChunk({ prompt });
    await engine.storeFrame(1, 'ravi');
    await engine.setBank(['ravi']);
    await engine.dropFrame('old');
    await engine.generateChunk({ prompt });
    expect(bodies[1]).toMatchObject({
      chunk: 1,
      before: [
        { op: 'store', frame: 1, id: 'ravi' },
        { op: 'bank', ids: ['ravi'] },
        { op: 'drop', id: 'old' },
      ],
    });
    expect(bodies[0]).not.toHaveProperty('before');
    await engine.release();
    // The server refuses what the client could not know: here a bank op sent by hand.
    const raw = await fetch(`${server.url}/v1/sessions`, { method: 'POST', body: '{}' }).then((r) =>
      r.json(),
    );
    const session = (raw as { session: string }).session;
    const refused = await fetch(`${server.url}/v1/sessions/${session}/chunks`, {
      method: 'POST',
      body: JSON.stringify({
        prompt: { id: 'x', text: 'Ravi waits.' },
        before: [{ op: 'bank', ids: ['nope'] }],
      }),
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      error: {
        code: 'unknown-frame-id',
        message: expect.stringMatching(/^before\[0\] bank: no stored frame has id nope/),
      },
    });
    await fetch(`${server.url}/v1/sessions/${session}`, { method: 'DELETE' });
  });

  it('rejects a malformed reply with the field it could not read', async () => {
    const fetch: typeof globalThis.fetch = async () =>
      Response.json({ session: 's', protocol: 'iamflow-engine/1' }, { status: 201 });
    await expect(createRemoteEngine({ url: 'http://h', fetch })).rejects.toThrow(/reply field provider/);
  });
});
