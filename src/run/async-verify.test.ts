import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MemoryEvent } from '../memory/memory-event.js';
import { createCollectSink } from './collect-sink.js';
import { runScript } from './run-script.js';

// Characters who return, so the verifier has entities to check and corrections to propose.
const segments = [
  { prompt: 'Nora, a young woman with red hair in a green coat, walks through a park.', seconds: 3 },
  { prompt: 'Ravi, a tall man in a yellow raincoat and navy trousers, waits at a bus stop.', seconds: 3 },
  { prompt: 'Nora meets Ravi at the bus stop; she waves.', seconds: 3 },
];

async function generate(syncVerify: boolean) {
  const sink = createCollectSink();
  const { result } = await runScript(
    {
      segments,
      policy: { name: 'iamflow', agents: { syncVerify } },
      seed: 3,
      size: { width: 160, height: 90 },
    },
    sink,
  );
  const hash = createHash('sha256');
  for (const frame of sink.frames) hash.update(frame.data);
  return { result, sink, videoHash: hash.digest('hex') };
}

/**
 * The policy's decisions in order, and the verification results by chunk, without wall-clock observations: a
 * result is recorded when the policy reads it (at once when sync, when needed or at the end when async).
 */
function decisions(events: readonly MemoryEvent[]) {
  const timeless = events
    .filter((event) => event.type !== 'verify-backpressure')
    .map((event) => ('waitMs' in event ? { ...event, waitMs: 0 } : event));
  return {
    ordered: timeless.filter((event) => event.type !== 'verify-end'),
    results: timeless.filter((event) => event.type === 'verify-end').sort((a, b) => a.chunk - b.chunk),
  };
}

describe('asynchronous verification', () => {
  it('gives the same video, render record and memory decisions as --sync-verify, verifying on its own thread', async () => {
    const sync = await generate(true);
    const async = await generate(false);
    const snapshotOf = (run: typeof sync) => run.result.policy.snapshot as Record<string, unknown>;
    expect(snapshotOf(sync).verifyThread).toBe(false);
    expect(snapshotOf(async).verifyThread).toBe(true);
    // The verifier really ran (on the thread) and its results were used.
    expect(snapshotOf(async).verifyBusyMs).toBeGreaterThan(0);
    expect(async.result.memoryEvents.filter((event) => event.type === 'verify-end').length).toBe(
      async.result.chunks.length,
    );
    expect(async.videoHash).toBe(sync.videoHash);
    expect(async.sink.frames.length).toBe(sync.sink.frames.length);
    expect(JSON.stringify(async.sink.renderRecord)).toBe(JSON.stringify(sync.sink.renderRecord));
    expect(decisions(async.result.memoryEvents)).toEqual(decisions(sync.result.memoryEvents));
    expect(async.result.memoryEvents.some((event) => event.type === 'verify-timeout')).toBe(false);
  }, 120_000);
});
