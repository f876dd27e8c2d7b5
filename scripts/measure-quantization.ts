/**
 * What quantization buys and costs: runs suite scripts with the miniature engine at `--quantize none|int8|fp8`
 * (interleaved per script, one process), and prints per mode the render-record oracle's long-range consistency
 * (mean, and the paired difference to float32 with one standard error), generation wall time, the frame store's
 * bytes per stored frame and its peak over the run, the weights' bytes, and whether the video equals float32's.
 *
 *   npx tsx scripts/measure-quantization.ts [--scripts 6] [--size 240x136] [--policy iamflow] [--suite FILE]
 *                                           [--variants none,int8,fp8,int8-store,fp8-store,int8-weights,fp8-weights]
 *
 * `int8` and `fp8` quantize weights and stored frames (what `--quantize` does); `MODE-store` only the stored frames,
 * `MODE-weights` only the weights (to see which part costs what). Default variants: none, int8, fp8.
 *
 * Scripts are taken round-robin over the suite's dimensions (the first of each, then the second, ...).
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { evaluateRenderRecord } from '../src/bench/eval/oracle.js';
import type { RenderRecordEntry } from '../src/engine/engine.js';
import { createMiniEngine } from '../src/engine/mini/mini-engine.js';
import { type Quantization, quantizations } from '../src/engine/mini/quantize.js';
import { denoisingTimesteps } from '../src/run/run-defaults.js';
import { runScript } from '../src/run/run-script.js';
import type { RunSink } from '../src/run/run-sink.js';
import { readScripts } from '../src/script/read-script.js';
import type { Script } from '../src/script/script.js';

const { values } = parseArgs({
  options: {
    scripts: { type: 'string', default: '6' },
    size: { type: 'string', default: '240x136' },
    policy: { type: 'string', default: 'iamflow' },
    suite: { type: 'string', default: 'bench/suite/narrastream-324.jsonl' },
    variants: { type: 'string', default: 'none,int8,fp8' },
  },
});
/** A variant: the stored frames' format and the weights' format. */
const variants = values.variants.split(',').map((name) => {
  const [mode, part] = name.split('-') as [Quantization, 'store' | 'weights' | undefined];
  if (!quantizations.includes(mode) || (part !== undefined && part !== 'store' && part !== 'weights'))
    throw new Error(`unknown variant ${name}`);
  return {
    name,
    store: part === 'weights' ? ('none' as const) : mode,
    weights: part === 'store' ? ('none' as const) : mode,
  };
});
const [width, height] = values.size.split('x').map(Number) as [number, number];
const { scripts: all } = await readScripts(values.suite);
const byDimension = new Map<string, Script[]>();
for (const script of all) {
  const dimension = script.dimension ?? script.id.replace(/-\d+$/, '');
  byDimension.set(dimension, [...(byDimension.get(dimension) ?? []), script]);
}
const chosen: Script[] = [];
for (let round = 0; chosen.length < Number(values.scripts); round++) {
  const before = chosen.length;
  for (const list of byDimension.values())
    if (list[round] && chosen.length < Number(values.scripts)) chosen.push(list[round]!);
  if (chosen.length === before) break;
}

/** Hashes frames and render record as they stream (nothing kept but the record). */
function digestSink(): RunSink & { digest(): string; record: RenderRecordEntry[] } {
  const hash = createHash('sha256');
  const record: RenderRecordEntry[] = [];
  return {
    record,
    async open() {
      return null;
    },
    async onFrames(_chunk, frames) {
      for (const frame of frames.all()) hash.update(frame.data);
    },
    async onRenderRecord(entries) {
      record.push(...entries);
      hash.update(JSON.stringify(entries));
    },
    async commit() {},
    async abort() {},
    digest: () => hash.digest('hex').slice(0, 16),
  };
}

interface Row {
  script: string;
  mode: string;
  longRange: number;
  generateSeconds: number;
  peakStoreBytes: number;
  weightBytes: number;
  digest: string;
}
const rows: Row[] = [];
for (const script of chosen) {
  for (const { name: mode, store, weights } of variants) {
    const sink = digestSink();
    const { result } = await runScript(
      {
        script,
        engine: ({ steps, ...settings }) =>
          createMiniEngine({
            ...settings,
            denoisingSteps: denoisingTimesteps(steps),
            quantization: store,
            weightQuantization: weights,
          }),
        policy: { name: values.policy },
        seed: 1,
        size: { width, height },
        output: { keyframes: false, renderRecord: true },
      },
      sink,
    );
    const oracle = script.annotations
      ? evaluateRenderRecord(sink.record, result.timeline, script.annotations)
      : undefined;
    const generateMs = result.chunks.reduce((sum, c) => sum + c.generateMs + c.decodeMs + c.policyMs, 0);
    const row: Row = {
      script: script.id,
      mode,
      longRange: oracle?.metrics.longRangeConsistency ?? Number.NaN,
      generateSeconds: generateMs / 1000,
      peakStoreBytes: result.memory.peakStoreBytes ?? 0,
      weightBytes: result.memory.weightBytes ?? 0,
      digest: sink.digest(),
    };
    rows.push(row);
    console.error(
      `${row.script} ${mode}: oracle long-range ${row.longRange.toFixed(2)}, ${row.generateSeconds.toFixed(1)} s, store peak ${row.peakStoreBytes} B, weights ${row.weightBytes} B, digest ${row.digest}`,
    );
  }
}

/** Bytes of one stored latent frame per mode: generate a chunk, store its first frame, read storeBytes. */
async function bytesPerStoredFrame(mode: Quantization): Promise<number> {
  const engine = createMiniEngine({ width: 64, height: 36, quantization: mode });
  const prompt = await engine.encodePrompt('Nora, a woman in a yellow coat, walks in the park');
  await engine.generateChunk({ prompt });
  await engine.storeFrame(0, 'a');
  const bytes = engine.storeBytes();
  await engine.release();
  return bytes;
}

const mean = (list: number[]) => list.reduce((sum, value) => sum + value, 0) / Math.max(1, list.length);
const perFrame = new Map<string, number>();
for (const { name, store } of variants) perFrame.set(name, await bytesPerStoredFrame(store));
console.log(
  `\n${chosen.length} scripts (${chosen.map((s) => s.id).join(', ')}), policy ${values.policy}, ${width}x${height}, seed 1\n`,
);
console.log(
  '| mode | bytes / stored frame | vs fp32 | peak store (mean) | weight bytes | oracle long-range (mean) | paired diff vs none (± 1 se) | generate s (mean) | video = none |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const { name: mode } of variants) {
  const mine = rows.filter((row) => row.mode === mode);
  const diffs = mine.map((row) => {
    const base = rows.find((other) => other.script === row.script && other.mode === 'none')!;
    return row.longRange - base.longRange;
  });
  const diffMean = mean(diffs);
  const se = Math.sqrt(mean(diffs.map((d) => (d - diffMean) ** 2)) / Math.max(1, diffs.length - 1));
  const same = mine.filter(
    (row) => row.digest === rows.find((o) => o.script === row.script && o.mode === 'none')!.digest,
  ).length;
  const bytes = perFrame.get(mode)!;
  console.log(
    `| ${mode} | ${bytes} | ${((perFrame.get('none') ?? Number.NaN) / bytes).toFixed(2)}x | ${Math.round(mean(mine.map((r) => r.peakStoreBytes)))} | ${mine[0]?.weightBytes ?? 0} | ${mean(mine.map((r) => r.longRange)).toFixed(2)} | ${diffMean >= 0 ? '+' : ''}${diffMean.toFixed(2)} ± ${se.toFixed(2)} | ${mean(mine.map((r) => r.generateSeconds)).toFixed(2)} | ${same}/${mine.length} |`,
  );
}
