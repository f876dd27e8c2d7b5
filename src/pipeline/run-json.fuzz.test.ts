import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import { expectLocatedError, expectQuick, fuzzParameters } from '../../test/fuzz.js';
import { createPolicy } from '../memory/policy-registry.js';
import type { Script } from '../script/script.js';
import { buildTimeline } from '../script/timeline.js';
import { createFakeEngine } from './__fixtures__/fake-engine.js';
import { generateVideo } from './generate-video.js';
import { createRunJson, parseRunJson } from './run-json.js';

const script: Script = {
  id: 'pair',
  fps: 16,
  prompts: ['Ravi waits.', 'He walks.'],
  seconds: [1, 1],
  annotations: {
    characters: { ravi: { aliases: ['Ravi', 'he'], attrs: ['gray scarf'] } },
    present: [['ravi'], []],
  },
  source: { path: 'pair.jsonl', line: 1 },
};

/** A real run.json text, the seed of every mutation. */
let valid = '';

beforeAll(async () => {
  const result = await generateVideo({
    script,
    engine: createFakeEngine(),
    timeline: buildTimeline(script),
    seed: 7,
    transition: 'soft',
    policy: (context) => createPolicy('memflow', context),
  });
  const json = createRunJson(result, {
    script,
    seed: 7,
    policySettings: {},
    engineConfig: { width: 8, height: 6, seed: 7 },
    outputs: { video: 'video.mp4', renderRecord: 'render.jsonl', keyframes: [], runJson: 'run.json' },
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  valid = JSON.stringify(json, null, 2);
});

const path = 'runs/a/run.json';

/** parseRunJson returns a run.json or throws a located InputError naming the file; nothing else. */
function check(text: string): void {
  try {
    const parsed = expectQuick(() => parseRunJson(text, path));
    expect(parsed.version).toBe(1);
  } catch (error) {
    expectLocatedError(error);
    for (const issue of error.issues) expect(issue.path[0]).toBe(path);
  }
}

/** Replaces the value at one JSON path of the valid run.json. */
function mutate(value: unknown, steps: number[], replacement: unknown): unknown {
  if (steps.length === 0 || value === null || typeof value !== 'object') return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[steps[0]! % keys.length]!;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  copy[key] = mutate(copy[key], steps.slice(1), replacement);
  return copy;
}

describe('run.json reader never crashes or hangs; every rejection is located', () => {
  test.prop([fc.string({ maxLength: 200, unit: 'binary' })], fuzzParameters)('arbitrary text', check);

  test.prop([fc.nat()], fuzzParameters)('a run.json cut short at any byte (a killed write)', (cut) => {
    check(valid.slice(0, cut % (valid.length + 1)));
  });

  test.prop(
    [fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 5 }), fc.jsonValue({ maxDepth: 2 })],
    fuzzParameters,
  )('a run.json with one field replaced by any JSON value', (steps, replacement) => {
    const text = JSON.stringify(mutate(JSON.parse(valid), steps, replacement));
    if (text !== undefined) check(text);
  });

  test.prop([fc.nat(), fc.string({ maxLength: 4 })], fuzzParameters)(
    'a run.json with bytes inserted',
    (at, insert) => {
      const offset = at % (valid.length + 1);
      check(valid.slice(0, offset) + insert + valid.slice(offset));
    },
  );
});
