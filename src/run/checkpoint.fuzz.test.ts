import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLocatedError, fuzzParameters } from '../../test/fuzz.js';
import { createMiniEngine } from '../engine/mini/mini-engine.js';
import { createPolicyEngine } from '../memory/policy.js';
import { createPolicy } from '../memory/policy-registry.js';
import { buildTimeline } from '../script/timeline.js';
import { createRunDirSink } from './create-run-dir-sink.js';
import { checkRunCheckpoint } from './run-checkpoint.js';
import { runScript } from './run-script.js';

// The checkpoint readers (issue 13, fuzzing): the run folder's checkpoint file, the run-level check, the miniature
// engine's snapshot and the iamflow policy's state. A real checkpoint (a 3-prompt iamflow run stopped after its
// fourth chunk) is damaged at random; every reader must accept it or refuse it with a located error, never crash.

const script = {
  id: 'fuzz',
  fps: 16,
  prompts: [
    'Nora, a young woman in a red coat, walks through a park.',
    'A tall man with a gray scarf waits at the station.',
    'Nora sits on a bench in her red coat.',
  ],
  seconds: [2, 2, 2],
  source: { path: 'inline' },
};
const size = { width: 64, height: 48 };

const dir = mkdtempSync(join(tmpdir(), 'iamflow-checkpoint-fuzz-'));
const stop = new AbortController();
let chunks = 0;
await runScript(
  { script, policy: { name: 'iamflow', agents: { syncVerify: true } }, seed: 3, size },
  createRunDirSink({ dir, checkpoints: true }),
  {
    checkpointEvery: 1,
    signal: stop.signal,
    onProgress: () => {
      if (++chunks === 4) stop.abort(new Error('stopped for the fuzz test'));
    },
  },
).catch(() => {});
const path = join(dir, '.checkpoint', 'checkpoint.json');
const text = readFileSync(path, 'utf8');
const original = JSON.parse(text) as { run: { identity: Record<string, unknown> } };

/** Every path to a value inside the checkpoint (arrays by index), to damage one at random. */
function paths(value: unknown, prefix: (string | number)[] = [], into: (string | number)[][] = []) {
  into.push(prefix);
  if (into.length > 20_000) return into;
  if (Array.isArray(value)) {
    for (const [index, item] of value.slice(0, 8).entries()) paths(item, [...prefix, index], into);
  } else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], into);
  return into;
}
const allPaths = paths(original).filter((path) => path.length > 0);

function replaced(path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(original) as Record<string | number, unknown>;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
  return copy;
}

/** Runs the readers a resume runs, in order; each must accept the value or refuse it with a located error. */
async function readAll(value: unknown): Promise<void> {
  const run = (value as { run?: unknown } | null)?.run;
  let checked: ReturnType<typeof checkRunCheckpoint>;
  try {
    checked = checkRunCheckpoint(run, original.run.identity as never, 'checkpoint.json');
  } catch (error) {
    expectLocatedError(error);
    return;
  }
  const engine = createMiniEngine({ ...size, seed: 3 });
  try {
    await engine.restore(checked.engine);
    const timeline = buildTimeline(script, engine.info);
    const policy = createPolicy(
      'iamflow',
      { engine: createPolicyEngine(engine), timeline, seed: 3, events: () => {} },
      { syncVerify: true },
    );
    try {
      await policy.restore!(checked.policy);
    } finally {
      await policy.dispose?.();
    }
  } catch (error) {
    expectLocatedError(error);
  } finally {
    await engine.release();
  }
}

describe('checkpoint readers never crash; a damaged checkpoint is refused with a located error', () => {
  it('the checkpoint as written reads back', async () => {
    await readAll(original);
  });

  it('the file cut short at any byte, or any text', async () => {
    const sink = createRunDirSink({ dir, checkpoints: true });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.nat({ max: text.length - 1 }).map((end) => text.slice(0, end)),
          fc.string(),
        ),
        async (content) => {
          writeFileSync(path, content);
          await sink.readCheckpoint!().then(
            () => {},
            (error: unknown) => expectLocatedError(error),
          );
        },
      ),
      fuzzParameters,
    );
    writeFileSync(path, text);
  });

  it('one value anywhere replaced by any JSON value', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: allPaths.length - 1 }),
        fc.jsonValue({ maxDepth: 2 }),
        async (index, value) => {
          await readAll(replaced(allPaths[index]!, value));
        },
      ),
      fuzzParameters,
    );
  });

  it('the whole checkpoint replaced by any JSON value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await readAll(value);
      }),
      fuzzParameters,
    );
  });
});

it('had a checkpoint to damage', () => {
  expect(allPaths.length).toBeGreaterThan(100);
});
