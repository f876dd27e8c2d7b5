import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMiniEngine } from '../engine/index.js';
import { eventsOfType } from '../memory/memory-event.js';
import { createPolicy } from '../memory/policy-registry.js';
import type { Script } from '../script/script.js';
import { buildTimeline } from '../script/timeline.js';
import { generateVideo } from './generate-video.js';
import type { RunResult } from './run-result.js';

const script: Script = {
  id: 'mini',
  fps: 16,
  prompts: [
    'A woman with long red hair and a yellow raincoat walks along a rainy street.',
    'She stops beside a tall man in a gray coat at a crosswalk.',
    'The woman in the yellow raincoat waits alone in a small cafe.',
  ],
  seconds: [3, 3, 3],
  source: { path: 'mini.jsonl' },
};

async function run(policy: string, seed = 3): Promise<{ result: RunResult; digest: string }> {
  const engine = createMiniEngine({ width: 64, height: 36, seed });
  const hash = createHash('sha256');
  try {
    const result = await generateVideo({
      script,
      engine,
      timeline: buildTimeline(script, engine.info),
      seed,
      policy: (context) => createPolicy(policy, context),
      onFrames: (_chunk, frames) => {
        for (const frame of frames.all()) hash.update(frame.data);
      },
    });
    return { result, digest: hash.digest('hex') };
  } finally {
    await engine.release();
  }
}

describe('generateVideo with the miniature engine', () => {
  it('is deterministic for a seed and differs across seeds', async () => {
    const [a, b, c] = [await run('longlive'), await run('longlive'), await run('longlive', 4)];
    expect(a.digest).toBe(b.digest);
    expect(c.digest).not.toBe(a.digest);
    expect(a.result.videoFrames).toBe(144);
  });

  it('charges LongLive a recache at every switch that Self-Forcing does not pay', async () => {
    const longlive = (await run('longlive')).result;
    const selfForcing = (await run('self-forcing')).result;
    // min(12, t) latent frames, less the sink (it keeps its first-prompt keys): t = 12 -> 9, t = 24 -> 12.
    expect(longlive.switches.map((s) => s.transitionCosts.recachedFrames)).toEqual([9, 12]);
    expect(selfForcing.switches.map((s) => s.transitionCosts.attentionOps)).toEqual([0, 0]);
    for (const [i, s] of longlive.switches.entries()) {
      expect(s.switchCosts.attentionOps).toBeGreaterThan(selfForcing.switches[i]!.switchCosts.attentionOps);
    }
  });

  it('fills the MemFlow bank through the engine without errors', async () => {
    const { result } = await run('memflow');
    const banks = eventsOfType(result.memoryEvents, 'bank-set').map((e) => e.frames);
    expect(banks.slice(0, 3)).toEqual([[6], [6, 15], [6, 15, 24]]);
    // Chunk 11 (frame 33): full, so one of 6, 15, 24 went by score and 33 was appended.
    expect(banks[3]).toHaveLength(3);
    expect(banks[3]!.at(-1)).toBe(33);
  });

  it('hands the policy a view of the engine without its render record, and the record only after the run', async () => {
    const engine = createMiniEngine({ width: 64, height: 36, seed: 3 });
    const seen: unknown[] = [];
    let records = 0;
    try {
      await generateVideo({
        script,
        engine,
        timeline: buildTimeline(script, engine.info),
        seed: 3,
        policy: (context) => {
          const view: object = context.engine;
          seen.push('renderRecord' in view, view === engine, Object.keys(view).sort().join(','));
          return {
            specificationVersion: 'v1',
            name: 'probe',
            transition: 'swap',
            async onChunkEnd() {
              seen.push(records);
            },
          };
        },
        onRenderRecord: (entries) => {
          records = entries.length;
        },
      });
    } finally {
      await engine.release();
    }
    // The view: what a policy may use (info, state calls, image encoding), nothing that reads what was drawn.
    expect(seen.slice(0, 3)).toEqual([
      false,
      false,
      'dropFrame,encodeImage,info,modelId,provider,setBank,specificationVersion,storeFrame',
    ]);
    // Every onChunkEnd ran before the render record left the loop.
    expect(seen.slice(3).every((count) => count === 0)).toBe(true);
    expect(records).toBe(144);
  });
});
