/**
 * Memory bench: generates a long script (default examples/ten-minutes.jsonl: 60 prompts of 10 s) the way
 * `iamflow generate` does (H.264 MP4, render record, keyframes, character sheets, run.json into a temp folder) and
 * prints the process's resident set size, its V8 heap after a full GC, and the engine's frame store at 1, 5 and 10
 * minutes of video (and at every further full minute of a longer script), then the peak RSS.
 *
 *   node --expose-gc --import tsx bench/memory.ts [--script examples/ten-minutes.jsonl] [--policy iamflow]
 *                                                [--size 240x136] [--quantize none|int8|fp8] [--keep DIR]
 *
 * Without --expose-gc the heap figure is whatever V8 has not collected yet.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CausalVideoEngineV1 } from '../src/engine/engine.js';
import { createMiniEngine } from '../src/engine/mini/mini-engine.js';
import type { Quantization } from '../src/engine/mini/quantize.js';
import { defaultPolicyName } from '../src/memory/policy-registry.js';
import { createRunDirSink } from '../src/run/create-run-dir-sink.js';
import { denoisingTimesteps } from '../src/run/run-defaults.js';
import { runScript } from '../src/run/run-script.js';
import { readScript } from '../src/script/read-script.js';

const { values } = parseArgs({
  options: {
    script: { type: 'string', default: 'examples/ten-minutes.jsonl' },
    policy: { type: 'string', default: defaultPolicyName },
    size: { type: 'string', default: '240x136' },
    quantize: { type: 'string', default: 'none' },
    keep: { type: 'string' },
  },
});
const [width, height] = values.size.split('x').map(Number) as [number, number];
const script = await readScript(values.script);
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'iamflow-memory-'));
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

let engine: (CausalVideoEngineV1 & { storeBytes(): number }) | undefined;
const marks = [1, 5, 10, ...Array.from({ length: 200 }, (_, minute) => minute + 11)];
const rows: string[] = [];
const started = performance.now();
const sample = (minute: number) => {
  gc?.();
  const usage = process.memoryUsage();
  rows.push(
    `| ${minute} | ${mb(usage.rss)} | ${mb(usage.heapUsed)} | ${mb(usage.external + usage.arrayBuffers)} | ${((engine?.storeBytes() ?? 0) / 1024).toFixed(1)} | ${((performance.now() - started) / 1000).toFixed(0)} |`,
  );
  console.error(rows.at(-1));
};
try {
  const { result } = await runScript(
    {
      script,
      engine: (settings) => {
        const { steps, ...rest } = settings;
        engine = createMiniEngine({
          ...rest,
          denoisingSteps: denoisingTimesteps(steps),
          quantization: values.quantize as Quantization,
        });
        return engine;
      },
      policy: { name: values.policy },
      seed: 1,
      size: { width, height },
    },
    createRunDirSink({ dir }),
    {
      onProgress: (progress) => {
        const seconds = progress.videoFramesDone / script.fps;
        while (marks.length > 0 && seconds >= marks[0]! * 60) sample(marks.shift()!);
      },
    },
  );
  console.log(
    `\n${script.id}: ${result.videoSeconds.toFixed(0)} s of video, ${script.prompts.length} prompts, policy ${result.policy.name}, ${width}x${height}, quantize ${values.quantize}, ${(result.wallMs / 1000).toFixed(0)} s wall${gc ? '' : ' (run with --expose-gc for a settled heap)'}\n`,
  );
  console.log(
    '| video minute | RSS MB | heap used MB (after GC) | external + array buffers MB | frame store KB | wall s |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  console.log(`\npeak RSS ${mb(result.memory.maxRssBytes)} MB (process.resourceUsage().maxRSS)`);
} finally {
  if (values.keep === undefined) rmSync(dir, { recursive: true, force: true });
}
