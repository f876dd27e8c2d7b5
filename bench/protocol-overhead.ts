/**
 * Protocol overhead bench: generates the same script with the miniature engine in process (local) and through
 * the engine protocol (remote: createRemoteEngine -> HTTP on 127.0.0.1 -> serveEngine -> the same engine), side by
 * side, and prints each run's wall time and the remote / local ratio. The server runs as deployed, in its own
 * process (`iamflow engine serve`); with --in-process it shares this thread, so the ratio also counts the server's
 * side of the protocol (JSON, base64 keys, rgb24 frames) with no overlap.
 *
 *   npx tsx bench/protocol-overhead.ts                  # 480x270, 6 prompts x 10 s, policies iamflow and longlive
 *   npx tsx bench/protocol-overhead.ts --seconds 5 --repeats 3 --render-record
 *   npx tsx bench/protocol-overhead.ts --outputs      # write what `iamflow generate` writes (MP4, render record)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serveEngine } from '../src/engine/protocol/serve-engine.js';
import { defaultPolicyName } from '../src/memory/policy-registry.js';
import type { RunResult } from '../src/pipeline/run-result.js';
import { createRunDirSink } from '../src/run/create-run-dir-sink.js';
import { runDefaults } from '../src/run/run-defaults.js';
import { createMiniEngineFactory, runScript } from '../src/run/run-script.js';
import type { RunSink } from '../src/run/run-sink.js';
import type { RunSpecInput } from '../src/run/run-spec.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    repeats: { type: 'string', default: '2' },
    size: { type: 'string', default: `${runDefaults.width}x${runDefaults.height}` },
    'render-record': { type: 'boolean', default: false },
    'in-process': { type: 'boolean', default: false },
    outputs: { type: 'boolean', default: false },
  },
  strict: true,
});
const seconds = Number(values.seconds);
const repeats = Number(values.repeats);
const [width, height] = values.size.split('x').map(Number) as [number, number];

const prompts = [
  'A young woman named Nora with long red hair and a yellow raincoat walks along a rainy city street at dusk, medium tracking shot.',
  'Nora stops at a crosswalk beside a tall man in a gray coat and round glasses, rain falling around them, close-up.',
  'The man in the gray coat crosses the street alone and enters a small cafe, warm light in the windows, wide shot.',
  'Inside the cafe, an old woman with white hair and a blue scarf pours coffee behind the counter, medium shot.',
  'Nora enters the cafe, shakes the rain off her yellow raincoat and sits at the counter next to the man, medium shot.',
  'Nora and the man with round glasses laugh together while the old woman serves them, warm evening light, wide shot.',
];

/** Discards the frames (as bench/speed.ts does): measures generation, decoding, transfer and policy. */
const discard: RunSink = {
  open: async () => null,
  onFrames: async () => {},
  onRenderRecord: async () => {},
  commit: async () => {},
  abort: async () => {},
};

/** The server as deployed: `iamflow engine serve` in its own process (or, with --in-process, in this one). */
async function startServer(): Promise<{ url: string; close(): Promise<void> }> {
  if (values['in-process']) {
    return serveEngine({
      port: 0,
      createEngine: ({ width: w = width, height: h = height, seed = 1, fps = 16, steps = 4 }) =>
        createMiniEngineFactory()({ width: w, height: h, seed, fps, steps }),
    });
  }
  const cli = new URL('../src/cli/main.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'engine', 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  return {
    url: line.toString().trim(),
    close: async () => {
      child.kill('SIGINT');
      await once(child, 'exit');
    },
  };
}
const server = await startServer();

// With --outputs every run writes what `iamflow generate` writes (H.264 MP4, keyframes, render record, run.json).
const outputFolder = values.outputs ? mkdtempSync(join(tmpdir(), 'iamflow-overhead-')) : undefined;

async function run(policy: string, engine: 'local' | 'remote'): Promise<RunResult> {
  const sink = outputFolder ? createRunDirSink({ dir: join(outputFolder, `${policy}-${engine}`) }) : discard;
  const spec: RunSpecInput = {
    segments: prompts.map((prompt) => ({ prompt, seconds })),
    policy: { name: policy },
    size: { width, height },
    output: {
      keyframes: outputFolder !== undefined,
      renderRecord: outputFolder !== undefined || values['render-record'],
    },
    ...(engine === 'remote' ? { engine: { provider: 'remote', url: server.url } } : {}),
  };
  return (await runScript(spec, sink)).result;
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const fixed = (value: number, digits = 2) => value.toFixed(digits);
const rows: string[][] = [];
let worst = 0;
let worstCpu = 0;
try {
  // Warm both paths up (JIT, the decoder's canvas, the server's first session) before measuring.
  const warmUp = async (engine: 'local' | 'remote') => {
    const spec: RunSpecInput = { segments: [{ prompt: prompts[0]!, seconds: 1 }], size: { width, height } };
    await runScript(
      engine === 'remote' ? { ...spec, engine: { provider: 'remote', url: server.url } } : spec,
      discard,
    );
  };
  await warmUp('local');
  await warmUp('remote');
  for (const policy of [...new Set([defaultPolicyName, 'longlive'])]) {
    const walls: Record<'local' | 'remote', number[]> = { local: [], remote: [] };
    // CPU seconds of this process (user + system): unlike wall time, not inflated by waiting for a busy machine.
    const cpus: Record<'local' | 'remote', number[]> = { local: [], remote: [] };
    const phases: Record<'local' | 'remote', { generate: number; decode: number; policy: number }> = {
      local: { generate: 0, decode: 0, policy: 0 },
      remote: { generate: 0, decode: 0, policy: 0 },
    };
    // Alternate local and remote so drift of a shared machine hits both alike.
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const engine of ['local', 'remote'] as const) {
        const before = process.cpuUsage();
        const result = await run(policy, engine);
        const used = process.cpuUsage(before);
        cpus[engine].push((used.user + used.system) / 1e6);
        walls[engine].push(result.wallMs / 1000);
        phases[engine].generate +=
          result.chunks.reduce((sum, chunk) => sum + chunk.generateMs, 0) / 1000 / repeats;
        phases[engine].decode +=
          result.chunks.reduce((sum, chunk) => sum + chunk.decodeMs, 0) / 1000 / repeats;
        phases[engine].policy +=
          result.chunks.reduce((sum, chunk) => sum + chunk.policyMs, 0) / 1000 / repeats;
      }
    }
    const local = median(walls.local);
    const remote = median(walls.remote);
    const cpuRatio = median(cpus.remote) / median(cpus.local);
    worst = Math.max(worst, remote / local);
    worstCpu = Math.max(worstCpu, cpuRatio);
    rows.push([
      policy,
      fixed(local),
      fixed(remote),
      `${fixed(remote / local, 3)}x`,
      `${fixed((remote / local - 1) * 100, 1)}%`,
      `${fixed(median(cpus.local))} / ${fixed(median(cpus.remote))}`,
      `${fixed(cpuRatio, 3)}x`,
      `${fixed(phases.local.generate)} / ${fixed(phases.remote.generate)}`,
      `${fixed(phases.local.decode)} / ${fixed(phases.remote.decode)}`,
      `${fixed(phases.local.policy)} / ${fixed(phases.remote.policy)}`,
    ]);
  }
} finally {
  await server.close();
  if (outputFolder) rmSync(outputFolder, { recursive: true, force: true });
}

const header = [
  'policy',
  'local s',
  'remote s',
  'ratio',
  'overhead',
  'cpu s (l / r)',
  'cpu ratio',
  'generate s (l / r)',
  'decode s (l / r)',
  'policy s (l / r)',
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
console.log(
  `protocol overhead: ${prompts.length} prompts x ${seconds} s, ${width}x${height}, median of ${repeats}, ` +
    `${outputFolder ? "writing generate's outputs (MP4, keyframes, render record)" : `frames discarded, render record ${values['render-record'] ? 'fetched' : 'off'}`}, server ${values['in-process'] ? 'in this process' : 'in its own process'} on ${server.url}`,
);
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log(
  `worst remote / local: ${fixed(worst, 3)}x (${fixed((worst - 1) * 100, 1)}% overhead; goal: < 10%)`,
);
