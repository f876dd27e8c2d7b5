/**
 * Speed bench: generates one 6-prompt, 60 s script at the default size (480x270) with the default policy, LongLive
 * and Self-Forcing, in one process one after the other, and prints each run's realtime factor (video seconds per
 * wall second) and the engine work at prompt switches, LongLive / Self-Forcing.
 *
 *   npx tsx bench/speed.ts            # generation + decoding + policy (frames discarded)
 *   npx tsx bench/speed.ts --mp4      # also write what `iamflow generate` writes (H.264 MP4, keyframes, render
 *                                     # record, run.json) into a temp folder
 *   npx tsx bench/speed.ts --steps 2  # the miniature engine with 2 denoising steps (default 4)
 *   npx tsx bench/speed.ts --engine-root /tmp/old --label v1
 *                                     # the engine of another source tree, e.g. the previous commit exported with
 *                                     # `git archive <commit> src | tar -x -C /tmp/old` (side-by-side comparison)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultPolicyName } from '../src/memory/policy-registry.js';
import { type RunResult, sumCosts } from '../src/pipeline/run-result.js';
import { createRunDirSink } from '../src/run/create-run-dir-sink.js';
import { runDefaults } from '../src/run/run-defaults.js';
import { runScript } from '../src/run/run-script.js';
import type { RunSink } from '../src/run/run-sink.js';
import type { EngineFactory } from '../src/run/run-spec.js';
import type { Script } from '../src/script/script.js';

const script: Script = {
  id: 'speed-bench',
  fps: 16,
  seconds: [10, 10, 10, 10, 10, 10],
  prompts: [
    'A young woman named Nora with long red hair and a yellow raincoat walks along a rainy city street at dusk, medium tracking shot.',
    'Nora stops at a crosswalk beside a tall man in a gray coat and round glasses, rain falling around them, close-up.',
    'The man in the gray coat crosses the street alone and enters a small cafe, warm light in the windows, wide shot.',
    'Inside the cafe, an old woman with white hair and a blue scarf pours coffee behind the counter, medium shot.',
    'Nora enters the cafe, shakes the rain off her yellow raincoat and sits at the counter next to the man, medium shot.',
    'Nora and the man with round glasses laugh together while the old woman serves them, warm evening light, wide shot.',
  ],
  source: { path: 'bench/speed.ts' },
};

const { values } = parseArgs({
  options: {
    mp4: { type: 'boolean', default: false },
    steps: { type: 'string' },
    'engine-root': { type: 'string' },
    label: { type: 'string' },
    policy: { type: 'string', multiple: true },
  },
  strict: true,
});
const engineRoot = values['engine-root'];
// Another tree's miniature engine (its own createMiniEngine), for a side-by-side comparison.
const engine: EngineFactory | undefined =
  engineRoot === undefined
    ? undefined
    : ((await import(join(engineRoot, 'src/engine/mini/mini-engine.ts'))).createMiniEngine as EngineFactory);
const steps = values.steps === undefined ? runDefaults.steps : Number(values.steps);

/** Discards every frame: measures generation, decoding and policy alone. */
const discard: RunSink = {
  open: async () => null,
  onFrames: async () => {},
  onRenderRecord: async () => {},
  commit: async () => {},
  abort: async () => {},
};

async function run(policy: string, mp4Folder: string | undefined): Promise<RunResult> {
  // With --mp4 the frames take generate's path: write-behind H.264 encoder, keyframes, render record, run.json.
  const sink = mp4Folder ? createRunDirSink({ dir: join(mp4Folder, policy) }) : discard;
  const output = { keyframes: mp4Folder !== undefined, renderRecord: mp4Folder !== undefined };
  const spec = { script, policy: { name: policy }, output, steps, ...(engine ? { engine } : {}) };
  const { result } = await runScript(spec, sink);
  return result;
}

const mp4Folder = values.mp4 ? mkdtempSync(join(tmpdir(), 'iamflow-speed-')) : undefined;
const policies = values.policy ?? [...new Set([defaultPolicyName, 'longlive', 'self-forcing'])];
const results = new Map<string, RunResult>();
try {
  for (const policy of policies) results.set(policy, await run(policy, mp4Folder));
} finally {
  if (mp4Folder) rmSync(mp4Folder, { recursive: true, force: true });
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const rows = [...results].map(([policy, result]) => {
  const switches = sumCosts(result.switches.map((s) => s.switchCosts));
  const phases = ['generateMs', 'decodeMs', 'outputMs', 'policyMs'] as const;
  const totals = phases.map((phase) => result.chunks.reduce((sum, c) => sum + c[phase], 0) / 1000);
  return [
    policy,
    fixed(result.videoSeconds, 1),
    fixed(result.wallMs / 1000),
    `${fixed(result.realtimeFactor)}x`,
    ...totals.map((t) => fixed(t)),
    String(switches.attentionOps),
    String(switches.recachedFrames),
  ];
});
const header = [
  'policy',
  'video s',
  'wall s',
  'realtime',
  'gen s',
  'decode s',
  'output s',
  'policy s',
  'switch attn',
  'recached',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
const engineLabel = values.label ?? (engineRoot === undefined ? 'this tree' : engineRoot);
console.log(
  `speed bench (${engineLabel}): 6 prompts, 60 s, ${runDefaults.width}x${runDefaults.height}, seed ${runDefaults.seed}, ${steps} steps${values.mp4 ? ', with MP4 encoding' : ''}`,
);
console.log(line(header));
for (const row of rows) console.log(line(row));

const attention = (policy: string) =>
  sumCosts(results.get(policy)!.switches.map((s) => s.switchCosts)).attentionOps;
if (results.has('longlive') && results.has('self-forcing')) {
  const ratio = attention('longlive') / attention('self-forcing');
  console.log(
    `engine work at switches (transition + first chunk, attention ops), longlive / self-forcing: ${fixed(ratio)}x`,
  );
}
const slowest = Math.min(...[...results.values()].map((r) => r.realtimeFactor));
console.log(`slowest realtime factor: ${fixed(slowest)}x (goal: >= 4x on one core)`);
