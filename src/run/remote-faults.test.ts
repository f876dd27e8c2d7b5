import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveEngine } from '../engine/protocol/serve-engine.js';
import { createRunDirSink } from './create-run-dir-sink.js';
import { createMiniEngineFactory, runScript } from './run-script.js';
import type { RunSpecInput } from './run-spec.js';

// Fault injection against a remote engine: a real protocol server (the miniature engine behind HTTP), reached
// through a TCP proxy that cuts the connection in the middle of the N-th chunk request; and a server whose engine
// decodes frames of the wrong size. Each run must end with a located error naming the call, in bounded time,
// leaving no half-written file in the run folder and an earlier run's files untouched.

const spec = (url: string): RunSpecInput => ({
  segments: [
    { prompt: 'Nora, a young woman in a red coat, walks through a park.', seconds: 1 },
    { prompt: 'Nora sits on a bench.', seconds: 1 },
  ],
  policy: { name: 'longlive' },
  engine: { provider: 'remote', url, timeoutMs: 5_000 },
  seed: 3,
  size: { width: 64, height: 36 },
});

const healthy = await serveEngine({
  port: 0,
  createEngine: ({ width = 64, height = 36, seed = 1, fps = 16, steps = 4 }) =>
    createMiniEngineFactory()({ width, height, seed, fps, steps }),
});

// An engine whose decoder returns frames two pixels narrower than the session's size.
const shrinking = await serveEngine({
  port: 0,
  createEngine: async ({ width = 64, height = 36, seed = 1, fps = 16, steps = 4 }) => {
    const engine = await createMiniEngineFactory()({ width, height, seed, fps, steps });
    const decodeChunk = engine.decodeChunk.bind(engine);
    engine.decodeChunk = async (chunk) =>
      (await decodeChunk(chunk)).map((frame) => ({
        width: frame.width - 2,
        height: frame.height,
        data: frame.data.subarray(0, (frame.width - 2) * frame.height * 3),
      }));
    return engine;
  },
});

/** A TCP proxy to `target` that destroys both sides once it has forwarded `cutAt` bytes of the N-th chunk call. */
async function cuttingProxy(target: string, chunkCall: number) {
  const { hostname, port } = new URL(target);
  let chunkCalls = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = new Socket();
    sockets.add(client).add(upstream);
    upstream.connect(Number(port), hostname);
    client.on('data', (data: Buffer) => {
      if (data.includes('/chunks') && data.includes('POST ') && ++chunkCalls === chunkCall) {
        // Forward half the request, then drop the connection mid-call.
        upstream.write(data.subarray(0, data.length >> 1));
        setTimeout(() => {
          client.destroy();
          upstream.destroy();
        }, 20);
        return;
      }
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => client.write(data));
    for (const socket of [client, upstream]) socket.on('error', () => {});
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const closers: Array<() => Promise<void>> = [() => healthy.close(), () => shrinking.close()];
afterAll(async () => {
  for (const close of closers) await close();
});

function runDirWithEarlierFiles(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'iamflow-remote-fault-')), 'run');
  mkdirSync(dir);
  writeFileSync(join(dir, 'video.mp4'), 'an earlier run');
  return dir;
}

describe('a remote engine that fails mid-run', () => {
  it.each([1, 2, 3])(
    'cut in the middle of chunk call %i: a located error naming the call, no hang, no half file',
    async (chunkCall) => {
      const proxy = await cuttingProxy(healthy.url, chunkCall);
      closers.push(proxy.close);
      const dir = runDirWithEarlierFiles();
      const started = performance.now();
      const failure = await runScript(spec(proxy.url), createRunDirSink({ dir })).then(
        () => undefined,
        (error: unknown) => error as Error,
      );
      expect(failure?.name).toBe('EngineError');
      expect(failure?.message).toMatch(/POST .*\/chunks/);
      expect(performance.now() - started).toBeLessThan(30_000);
      expect(readdirSync(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
      // The earlier run's video is still there, untouched.
      expect(existsSync(join(dir, 'video.mp4'))).toBe(true);
    },
    60_000,
  );

  it('frames of the wrong size: refused with the sizes, not encoded into a skewed video', async () => {
    const dir = runDirWithEarlierFiles();
    const failure = await runScript(spec(shrinking.url), createRunDirSink({ dir })).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure?.name).toBe('EngineError');
    expect(failure?.message).toMatch(/62x36.*64x36|64x36.*62x36/);
    expect(readdirSync(dir).filter((name) => name.endsWith('.part'))).toEqual([]);
  }, 60_000);
});
