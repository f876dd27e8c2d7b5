import { describe, expect, it } from 'vitest';
import { createPolicy } from '../memory/policy-registry.js';
import type { Script } from '../script/script.js';
import { buildTimeline } from '../script/timeline.js';
import { createFakeEngine } from './__fixtures__/fake-engine.js';
import { generateVideo } from './generate-video.js';
import { createRunJson, runJsonSchema } from './run-json.js';
import { subtractCosts, sumCosts } from './run-result.js';

const script: Script = {
  id: 'pair',
  fps: 16,
  prompts: ['Ravi waits.', 'He walks.'],
  seconds: [3, 3],
  annotations: {
    characters: { ravi: { aliases: ['Ravi', 'he'], attrs: ['gray scarf'] } },
    present: [['ravi'], ['ravi']],
  },
  source: { path: 'pair.jsonl', line: 1 },
};

async function runJson() {
  const result = await generateVideo({
    script,
    engine: createFakeEngine(),
    timeline: buildTimeline(script),
    seed: 7,
    transition: 'soft',
    policy: (context) => createPolicy('memflow', context),
  });
  return createRunJson(result, {
    script,
    seed: 7,
    policySettings: {},
    engineConfig: { width: 8, height: 6, seed: 7 },
    outputs: {
      video: 'video.mp4',
      renderRecord: 'render.jsonl',
      keyframes: ['keyframes/prompt-01.png'],
      runJson: 'run.json',
    },
    createdAt: '2025-01-01T00:00:00.000Z',
  });
}

describe('run.json', () => {
  it('round-trips through JSON and the schema with annotations, switches and events', async () => {
    const json = await runJson();
    const parsed = runJsonSchema.parse(JSON.parse(JSON.stringify(json)));
    expect(parsed.script.annotations?.present).toEqual([['ravi'], ['ravi']]);
    expect(parsed.costs.switches).toHaveLength(1);
    expect(parsed.costs.switches[0]!.schedule?.curve).toBe('cosine');
    expect(parsed.memoryEvents.map((e) => e.type)).toContain('frame-store');
    expect(parsed.video).toEqual({ frames: 96, seconds: 6, width: 8, height: 6, fps: 16 });
    expect(parsed.policy).toMatchObject({ name: 'memflow', transition: 'soft' });
  });

  it('rejects a file without its version', async () => {
    const { version: _version, ...rest } = await runJson();
    expect(runJsonSchema.safeParse(rest).success).toBe(false);
  });
});

describe('cost arithmetic', () => {
  it('sums and subtracts component-wise', () => {
    const a = {
      generatedFrames: 3,
      denoisingPasses: 4,
      contextPasses: 1,
      recachedFrames: 0,
      attentionOps: 90,
      decodedFrames: 12,
    };
    const b = {
      generatedFrames: 6,
      denoisingPasses: 8,
      contextPasses: 3,
      recachedFrames: 12,
      attentionOps: 200,
      decodedFrames: 24,
    };
    expect(sumCosts([a, b])).toEqual({
      generatedFrames: 9,
      denoisingPasses: 12,
      contextPasses: 4,
      recachedFrames: 12,
      attentionOps: 290,
      decodedFrames: 36,
    });
    expect(subtractCosts(b, a)).toEqual({
      generatedFrames: 3,
      denoisingPasses: 4,
      contextPasses: 2,
      recachedFrames: 12,
      attentionOps: 110,
      decodedFrames: 12,
    });
  });
});
