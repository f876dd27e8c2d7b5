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
import { openRunOutputs, prepareOutputDir } from '../src/cli/commands/generate-outputs.js';
import type { CausalVideoEngineV1 } from '../src/engine/engine.js';
import { createMiniEngine } from '../src/engine/mini/mini-engine.js';
import { createPolicy, defaultPolicyName } from '../src/memory/policies/index.js';
import { generateVideo } from '../src/pipeline/generate-video.js';
import { createRunJson } from '../src/pipeline/run-json.js';
import { type RunResult, sumCosts } from '../src/pipeline/run-result.js';
import type { Script } from '../src/script/script.js';
import { buildTimeline } from '../src/script/timeline.js';
import { createMp4Encoder, writePng } from '../src/video/index.js';

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
type EngineFactory = (settings: {
  width: number;
  height: number;
  seed: number;
  steps?: number;
}) => CausalVideoEngineV1;
const engineRoot = values['engine-root'];
const createEngine: EngineFactory =
  engineRoot === undefined
    ? createMiniEngine
    : ((await import(join(engineRoot, 'src/engine/mini/mini-engine.ts'))).createMiniEngine as EngineFactory);
const steps = values.steps === undefined ? undefined : Number(values.steps);

async function run(policy: string, mp4Folder: string | undefined): Promise<RunResult> {
  const engine = createEngine({
    width: 480,
    height: 270,
    seed: 1,
    ...(steps === undefined ? {} : { steps }),
  });
  const timeline = buildTimeline(script, engine.info);
  // With --mp4 the frames take the CLI's path: write-behind H.264 encoder, render record, keyframes, run.json.
  const out = mp4Folder ? join(mp4Folder, policy) : undefined;
  if (out) await prepareOutputDir(out, out);
  const outputs = out
    ? await openRunOutputs({
        out,
        timeline,
        encoder: createMp4Encoder({ path: join(out, 'video.mp4'), width: 480, height: 270, fps: 16 }),
        writePng,
        renderRecord: true,
      })
    : undefined;
  try {
    const result = await generateVideo({
      script,
      engine,
      timeline,
      policy: (context) => createPolicy(policy, context),
      ...(outputs ? { onFrames: outputs.onFrames } : {}),
    });
    if (outputs) {
      const files = outputs.files;
      const details = {
        script,
        seed: 1,
        policySettings: {},
        engineConfig: { width: 480, height: 270, seed: 1 },
      };
      await outputs.commit(
        createRunJson(result, { ...details, outputs: files, createdAt: new Date().toISOString() }),
      );
    }
    return result;
  } catch (error) {
    await outputs?.abort();
    throw error;
  } finally {
    await engine.release();
  }
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
  `speed bench (${engineLabel}): 6 prompts, 60 s, 480x270, seed 1${steps === undefined ? '' : `, ${steps} steps`}${values.mp4 ? ', with MP4 encoding' : ''}`,
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
