import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { type Fault, startFaultServer } from '../../test/fault-server.js';
import { createCollectSink } from './collect-sink.js';
import { runScript } from './run-script.js';
import type { AgentSettings, RunSpecInput } from './run-spec.js';

// Fault injection: the iamflow policy's LLM and VLM endpoints point at a local server that fails in one way for
// every request. Each run must finish (every call has a timeout), record the fallback with its reason, and make
// exactly the video the embedded agents make: the fallback is the rules extractor / pixel verifier, so a faulty
// endpoint may cost time but never changes the video silently.

const spec: RunSpecInput = {
  segments: [
    { prompt: 'Nora, a young woman in a red coat, walks through a park.', seconds: 1 },
    { prompt: 'A tall man with a gray scarf waits at the station.', seconds: 1 },
    { prompt: 'Nora sits on a bench in her red coat.', seconds: 1 },
  ],
  policy: { name: 'iamflow' },
  seed: 5,
  size: { width: 64, height: 36 },
};

const endpoint = (url: string) => ({ url, timeoutMs: 250, maxRetries: 1 });

async function run(agents: AgentSettings = {}) {
  const sink = createCollectSink();
  const started = performance.now();
  const { result } = await runScript({ ...spec, policy: { name: 'iamflow', agents } }, sink);
  const hash = createHash('sha256');
  for (const frame of sink.frames) hash.update(frame.data);
  // The iamflow policy's snapshot: extractions and the verification log, as run.json keeps them.
  const snapshot = (result.policy as { snapshot: Snapshot }).snapshot;
  return { video: hash.digest('hex'), seconds: (performance.now() - started) / 1000, snapshot };
}

interface Snapshot {
  extractions: Array<{ provider: string; warnings: Array<{ type: string; reason?: string }> }>;
  state: { verification: Array<{ provider: string; warnings: string[] }> };
}

const faults: Array<[string, Fault]> = [
  ['500', { kind: 'status', status: 500 }],
  ['429 asking for an hour', { kind: 'status', status: 429, retryAfter: 3600 }],
  ['401', { kind: 'status', status: 401 }],
  ['garbage body', { kind: 'garbage' }],
  ['truncated JSON', { kind: 'truncated' }],
  ['JSON of the wrong shape', { kind: 'wrong-shape' }],
  ['no answer', { kind: 'hang' }],
  ['hang mid-body', { kind: 'hang-mid-body' }],
  ['connection reset', { kind: 'reset' }],
];

const embedded = await run();
const servers: Array<{ close(): Promise<void> }> = [];
afterAll(async () => {
  for (const server of servers) await server.close();
});

describe('agent endpoints that fail', () => {
  it.each(faults)(
    'LLM %s: falls back to the rules extractor, records why, same video',
    async (_name, fault) => {
      const server = await startFaultServer(() => fault);
      servers.push(server);
      const faulty = await run({ llm: endpoint(server.baseURL) });
      expect(server.arrivals.length).toBeGreaterThan(0);
      expect(faulty.snapshot.extractions.length).toBeGreaterThan(0);
      for (const extraction of faulty.snapshot.extractions) {
        expect(extraction.provider).toBe('openai+rules');
        expect(extraction.warnings[0]).toMatchObject({
          type: 'fallback',
          reason: expect.stringMatching(/\S/),
        });
      }
      expect(faulty.video).toBe(embedded.video);
      // Two attempts of at most 250 ms per prompt, plus the run itself: never a hang.
      expect(faulty.seconds).toBeLessThan(embedded.seconds + 20);
    },
    60_000,
  );

  it.each(faults)(
    'VLM %s: falls back to the pixel verifier, records why, same video',
    async (_name, fault) => {
      const server = await startFaultServer(() => fault);
      servers.push(server);
      const faulty = await run({ vlm: endpoint(server.baseURL) });
      expect(server.arrivals.length).toBeGreaterThan(0);
      const log = faulty.snapshot.state.verification;
      expect(log.length).toBeGreaterThan(0);
      for (const entry of log) {
        expect(entry.provider).toBe('openai+pixel');
        expect(entry.warnings[0]).toMatch(/^fallback from openai: \S/);
      }
      expect(faulty.video).toBe(embedded.video);
      expect(faulty.seconds).toBeLessThan(embedded.seconds + 20);
    },
    60_000,
  );

  it('waits out a 429 with Retry-After and then uses the answer (no fallback)', async () => {
    const reply = JSON.stringify({ characters: [] });
    const server = await startFaultServer((n) =>
      n === 0 ? { kind: 'status', status: 429, retryAfter: 1 } : { kind: 'answer', content: reply },
    );
    servers.push(server);
    const faulty = await run({ llm: { url: server.baseURL, timeoutMs: 2_000, maxRetries: 2 } });
    expect(server.arrivals[1]! - server.arrivals[0]!).toBeGreaterThanOrEqual(950);
    expect(faulty.snapshot.extractions[0]!.warnings).toEqual([]);
  }, 60_000);
});
