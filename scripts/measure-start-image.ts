/**
 * Start images, measured (docs/references.md): on the suite's reappearance and multi-character scripts, each of
 * LongLive, MemFlow and IAMFlow with a start image against the same policy without it (miniature engine, which has
 * image-to-video: the picture becomes chunk 0's first latent frame, in the sink, for every policy).
 *
 * The start image is made as the references experiment makes its pictures, from a run without it: of the script's
 * first prompt generated at seed + 1 (another seed, so the picture is not what seed `seed` would draw anyway), the
 * first video frame of the first four chunks with the most figures drawn (a script that opens on an empty scene:
 * its first frame, a bare backdrop). Scored: the first frame's mean absolute pixel error to the picture (of 255), how far the
 * first frame's figures are from the picture's (the oracle: render-record looks, nearest figure, RMS over the
 * appearance entries), and identity consistency by the evaluator (pixels) and the oracle (render record).
 *
 *   nice npx tsx scripts/measure-start-image.ts [--per-dimension 3] [--seed 1] [--out out/start-image]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateCollected } from '../src/bench/runner/evaluate-collected.js';
import type { RenderRecordEntry } from '../src/engine/engine.js';
import { appearanceDistance } from '../src/engine/mini/appearance.js';
import { createMiniEngine } from '../src/engine/mini/mini-engine.js';
import { encodePng } from '../src/frame/encode-png.js';
import type { VideoFrame } from '../src/frame/video-frame.js';
import { createPolicy } from '../src/memory/policy-registry.js';
import { generateVideo } from '../src/pipeline/generate-video.js';
import { readScripts } from '../src/script/read-script.js';
import type { Script } from '../src/script/script.js';
import { buildTimeline } from '../src/script/timeline.js';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'bench/suite/narrastream-324.jsonl' },
    'per-dimension': { type: 'string', default: '3' },
    dimensions: { type: 'string', default: 'reappearance,multi-character' },
    policies: { type: 'string', default: 'longlive,memflow,iamflow' },
    out: { type: 'string', default: 'out/start-image' },
    seed: { type: 'string', default: '1' },
  },
});
const seed = Number(values.seed);
const size = { width: 240, height: 136 };

interface Run {
  frames: VideoFrame[];
  records: RenderRecordEntry[];
  generatedFrames: number;
}

async function run(script: Script, policy: string, startImage?: VideoFrame): Promise<Run> {
  const engine = createMiniEngine({ seed, ...size });
  const out: Run = { frames: [], records: [], generatedFrames: 0 };
  try {
    const result = await generateVideo({
      script,
      engine,
      timeline: buildTimeline(script, engine.info),
      seed,
      ...(startImage ? { startImage } : {}),
      policy: (context) => createPolicy(policy, context),
      onFrames: (_chunk, frames) => {
        out.frames.push(...frames.all());
      },
      onRenderRecord: (entries) => {
        out.records.push(...entries);
      },
    });
    out.generatedFrames = result.costs.generatedFrames;
  } finally {
    await engine.release();
  }
  return out;
}

/**
 * The picture: from a run of the script's first prompt at another seed, without a start image, the first video frame
 * of its first four chunks that shows the most figures (the render record says how many; the first frame when none
 * shows one), and the looks drawn in it.
 */
async function startPicture(script: Script) {
  const engine = createMiniEngine({ seed: seed + 1, ...size });
  const prompt = await engine.encodePrompt(script.prompts[0]!);
  let best: { image: VideoFrame; looks: number[][]; frame: number } | undefined;
  for (let chunk = 0; chunk < 4; chunk++) {
    await engine.generateChunk({ prompt });
    const frames = await engine.decodeChunk(chunk);
    engine.renderRecord(chunk).forEach((entry, index) => {
      if (best === undefined || entry.figures.length > best.looks.length) {
        const looks = entry.figures.map((figure) => figure.appearance);
        best = { image: frames[index]!, looks, frame: entry.frame };
      }
    });
  }
  await engine.release();
  // A script that opens on an empty scene gives a bare backdrop (its first frame): no looks to compare.
  return best!;
}

const meanAbsolute = (first: VideoFrame, second: VideoFrame) =>
  first.data.reduce((sum, value, index) => sum + Math.abs(value - second.data[index]!), 0) /
  first.data.length;

/** Mean over the picture's figures of the distance to the nearest figure of the frame (1 when it has none). */
function lookDistance(entry: RenderRecordEntry, looks: number[][]): number | undefined {
  if (looks.length === 0) return undefined;
  const nearest = looks.map((look) =>
    Math.min(1, ...entry.figures.map((figure) => appearanceDistance(figure.appearance, look))),
  );
  return nearest.reduce((sum, value) => sum + value, 0) / nearest.length;
}

async function score(script: Script, result: Run, picture: { image: VideoFrame; looks: number[][] }) {
  const { metrics } = await evaluateCollected(
    result.frames,
    result.records,
    buildTimeline(script),
    script.annotations,
  );
  return {
    firstPixel: meanAbsolute(result.frames[0]!, picture.image),
    firstLook: lookDistance(result.records[0]!, picture.looks),
    oracleLongRange: metrics['oracle.longRangeConsistency'],
    pixelLongRange: metrics.longRangeConsistency,
    oracleAdjacent: metrics['oracle.adjacentConsistency'],
    pixelAdjacent: metrics.adjacentConsistency,
  };
}

const { scripts } = await readScripts(values.suite);
const wanted = values.dimensions.split(',');
const policies = values.policies.split(',');
const chosen = wanted.flatMap((dimension) =>
  scripts.filter((script) => script.dimension === dimension).slice(0, Number(values['per-dimension'])),
);
const out = resolve(values.out);
const rows: Array<{
  script: string;
  policy: string;
  start: boolean;
  scores: Record<string, number | undefined>;
}> = [];
const started = performance.now();
for (const script of chosen) {
  const picture = await startPicture(script);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, `${script.id}-start.png`), encodePng(picture.image));
  for (const policy of policies) {
    for (const start of [true, false]) {
      const result = await run(script, policy, start ? picture.image : undefined);
      rows.push({ script: script.id, policy, start, scores: await score(script, result, picture) });
      if (start && result.generatedFrames !== buildTimeline(script).totalLatentFrames - 1)
        throw new Error(`${script.id} ${policy}: the start image was not the first latent frame`);
    }
  }
  process.stderr.write(
    `${script.id}: picture = frame ${picture.frame} (${picture.looks.length} figures), ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
  await writeFile(join(out, 'rows.json'), JSON.stringify(rows, null, 1));
}

const metrics = [
  'firstPixel',
  'firstLook',
  'oracleLongRange',
  'pixelLongRange',
  'oracleAdjacent',
  'pixelAdjacent',
] as const;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const digits = (metric: string) => (metric === 'firstLook' ? 3 : 1);
console.log(
  `${chosen.length} scripts (${wanted.map((d) => `first ${values['per-dimension']} ${d}`).join(', ')}), mini engine seed ${seed}, ${size.width}x${size.height}, start image = a frame of the first prompt at seed ${seed + 1} (the first with the most figures in 4 chunks); mean over scripts, in brackets the paired difference start image - none ± standard error`,
);
console.log(`\n| policy | start image | ${metrics.join(' | ')} |`);
console.log(`| :-- | :-- |${metrics.map(() => ' --: |').join('')}`);
for (const policy of policies) {
  const withStart = rows.filter((row) => row.policy === policy && row.start);
  const without = rows.filter((row) => row.policy === policy && !row.start);
  for (const start of [false, true]) {
    const cells = metrics.map((metric) => {
      // Both rows over the scripts where both runs have the metric.
      const pairs = withStart
        .map((row, index) => [row.scores[metric], without[index]!.scores[metric]] as const)
        .filter((pair): pair is readonly [number, number] => pair[0] !== undefined && pair[1] !== undefined);
      const m = mean(pairs.map(([value, base]) => (start ? value : base)));
      if (!start) return `${m.toFixed(digits(metric))} (n=${pairs.length})`;
      const diffs = pairs.map(([value, base]) => value - base);
      const d = mean(diffs);
      const sd = Math.sqrt(diffs.reduce((s, x) => s + (x - d) ** 2, 0) / Math.max(1, diffs.length - 1));
      const error = sd / Math.sqrt(Math.max(1, diffs.length));
      return `${m.toFixed(digits(metric))} (${d >= 0 ? '+' : ''}${d.toFixed(digits(metric))} ± ${error.toFixed(digits(metric))})`;
    });
    console.log(`| ${policy} | ${start ? 'yes' : 'no'} | ${cells.join(' | ')} |`);
  }
}
