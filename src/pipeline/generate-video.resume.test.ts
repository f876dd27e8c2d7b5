import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FrameVerifierV1 } from '../agents/vlm/frame-verifier.js';
import { createPixelVerifier } from '../agents/vlm/pixel/create-pixel-verifier.js';
import { createMiniEngine } from '../engine/index.js';
import { InputError } from '../errors/index.js';
import type { VideoFrame } from '../frame/video-frame.js';
import type { PolicyContext } from '../memory/policy.js';
import { createPolicy } from '../memory/policy-registry.js';
import type { Script } from '../script/script.js';
import { buildTimeline } from '../script/timeline.js';
import { generateVideo } from './generate-video.js';
import type { LoopCheckpoint } from './loop-checkpoint.js';

const script: Script = {
  id: 'resume',
  fps: 16,
  prompts: [
    'Nora, a woman in a yellow coat, walks in the park.',
    'Ravi, a man in a red jacket, waves in the street.',
    'Nora and Ravi sit on a bench in the park.',
  ],
  seconds: [3, 3, 3],
  source: { path: 'resume.jsonl' },
};

/**
 * Timing fields differ between any two runs; everything else must not. With verification on its own thread, when
 * the loop had to wait for room (`verify-backpressure`) and where a `verify-end` lands among the other events are
 * wall-clock facts too: back-pressure events are dropped and verification results put in chunk order at the end.
 */
const untimed = (value: unknown) =>
  JSON.parse(
    JSON.stringify(value, (key, item) => {
      if (/Ms$/.test(key) || key === 'max' || key === 'total') return undefined;
      if (!Array.isArray(item) || !item.some((event) => event?.type === 'verify-end')) return item;
      const events = item.filter((event) => event?.type !== 'verify-backpressure');
      const ends = events.filter((event) => event?.type === 'verify-end').sort((a, b) => a.chunk - b.chunk);
      return [...events.filter((event) => event?.type !== 'verify-end'), ...ends];
    }),
  );

/** Runs the script, from a checkpoint when given; checkpoints (as JSON text) and a hash per chunk come back. */
async function run(
  policy: string,
  resume?: LoopCheckpoint,
  settings?: () => Record<string, unknown>,
  startImage?: VideoFrame,
) {
  const engine = createMiniEngine({ width: 64, height: 48, seed: 3 });
  const checkpoints: string[] = [];
  const chunkHashes: string[] = [];
  try {
    const result = await generateVideo({
      script,
      engine,
      timeline: buildTimeline(script, engine.info),
      seed: 3,
      ...(startImage ? { startImage } : {}),
      policy: (context: PolicyContext) => createPolicy(policy, context, settings?.()),
      onFrames: (_chunk, frames) => {
        const hash = createHash('sha256');
        for (const frame of frames.all()) hash.update(frame.data);
        chunkHashes.push(hash.digest('hex'));
      },
      onRenderRecord: () => {},
      onCheckpoint: (checkpoint) => {
        checkpoints.push(JSON.stringify(checkpoint));
      },
      ...(resume ? { resume } : {}),
    });
    return { result, checkpoints, chunkHashes };
  } finally {
    await engine.release();
  }
}

describe('generateVideo checkpoints and resume (mini engine)', () => {
  for (const policy of ['iamflow', 'memflow', 'longlive', 'self-forcing']) {
    it(`${policy}: resumed from chunk 5 (after a JSON round trip) it makes the same chunks, events and state`, async () => {
      const whole = await run(policy);
      expect(whole.checkpoints).toHaveLength(12);
      const saved = JSON.parse(whole.checkpoints[4]!) as LoopCheckpoint;
      expect(saved.loop.nextChunk).toBe(5);
      const resumed = await run(policy, saved);
      expect(resumed.chunkHashes).toEqual(whole.chunkHashes.slice(5));
      expect(untimed(resumed.result.memoryEvents)).toEqual(untimed(whole.result.memoryEvents));
      expect(untimed(resumed.result.policy)).toEqual(untimed(whole.result.policy));
      expect(resumed.result.costs).toEqual(whole.result.costs);
      // Every later checkpoint agrees too: the state round-trips, not only the frames.
      expect(resumed.checkpoints.map((text) => untimed(JSON.parse(text)))).toEqual(
        whole.checkpoints.slice(5).map((text) => untimed(JSON.parse(text))),
      );
    });
  }

  it('iamflow with a slow verifier: verifications still pending at a checkpoint are queued again on resume', async () => {
    // The pixel verifier answers 30 ms late: the chunk just made is still being verified when its checkpoint is taken.
    const slow = (): Record<string, unknown> => {
      const pixel = createPixelVerifier();
      const verifier: FrameVerifierV1 = {
        ...pixel,
        verify: async (input) => {
          await new Promise((resolve) => setTimeout(resolve, 30));
          return pixel.verify(input);
        },
      };
      return { verifier };
    };
    const whole = await run('iamflow', undefined, slow);
    const pending = whole.checkpoints.map((text) => JSON.parse(text).policy.verifier.pending.length);
    const at = pending.findIndex((count, index) => count > 0 && index < 10);
    expect(at).toBeGreaterThanOrEqual(0);
    const resumed = await run('iamflow', JSON.parse(whole.checkpoints[at]!), slow);
    expect(resumed.chunkHashes).toEqual(whole.chunkHashes.slice(at + 1));
    expect(untimed(resumed.result.memoryEvents)).toEqual(untimed(whole.result.memoryEvents));
    expect(untimed(resumed.result.policy)).toEqual(untimed(whole.result.policy));
  });

  it('iamflow: the checkpoint holds the agents (registry, archive, verifier state) and refuses a damaged one', async () => {
    const whole = await run('iamflow');
    // biome-ignore lint/suspicious/noExplicitAny: a JSON checkpoint reached into and damaged on purpose
    const saved = JSON.parse(whole.checkpoints[6]!) as LoopCheckpoint & { policy: any };
    expect(saved.policy.registry.entities.length).toBeGreaterThan(0);
    expect(saved.policy.archive.entries.length).toBeGreaterThan(0);
    expect(saved.policy.verifier.state).toMatchObject({ format: 'iamflow-pixel-verifier-state' });
    const damaged = structuredClone(saved);
    damaged.policy.archive.entries[0].frame = -1;
    const error = await run('iamflow', damaged).catch((caught: unknown) => caught);
    expect(InputError.isInstance(error)).toBe(true);
    expect((error as InputError).issues[0]!.path.join('.')).toBe('policy.iamflow.archive.entries.0.frame');
    const other = structuredClone(saved);
    other.policy.settings = other.policy.settings.replace('"budget":"dynamic"', '"budget":"fixed"');
    await expect(run('iamflow', other)).rejects.toThrow(/saved with settings/);
  });

  it('a video started from a picture (longlive, memflow): resumed from chunk 4 it makes the same chunks', async () => {
    const source = createMiniEngine({ width: 64, height: 48, seed: 9 });
    await source.generateChunk({ prompt: await source.encodePrompt(script.prompts[1]!) });
    const picture = (await source.decodeChunk(0))[0]!;
    await source.release();
    for (const policy of ['longlive', 'memflow']) {
      const whole = await run(policy, undefined, undefined, picture);
      const plain = await run(policy);
      // The picture changed the video: the check below compares runs that differ from one without it.
      expect(whole.chunkHashes[0]).not.toBe(plain.chunkHashes[0]);
      expect(whole.chunkHashes[6]).not.toBe(plain.chunkHashes[6]);
      const saved = JSON.parse(whole.checkpoints[3]!) as LoopCheckpoint;
      // The resumed loop is not given the picture: the engine's snapshot holds it, in the sink.
      const resumed = await run(policy, saved);
      expect(resumed.chunkHashes).toEqual(whole.chunkHashes.slice(4));
      expect(resumed.result.costs).toEqual(whole.result.costs);
    }
  });
});
