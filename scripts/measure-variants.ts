/**
 * Paired comparison of iamflow policy settings on suite scripts with the miniature engine (seed 1, 240x136, as
 * the bench). Prints, per variant, the mean scores and the paired difference to the first variant with its
 * standard error. Run by hand:
 *
 *   npx tsx scripts/measure-variants.ts --limit 2 \
 *     --variant 'fixed={"artefacts":"fixed"}' --variant 'faithful={"artefacts":"faithful"}'
 */
import { parseArgs } from 'node:util';
import { pairedScoreNames } from '../src/bench/report/paired-differences.js';
import { evaluateCollected } from '../src/bench/runner/evaluate-collected.js';
import { selectScripts } from '../src/bench/runner/plan-runs.js';
import type { RenderRecordEntry } from '../src/engine/engine.js';
import { createMiniEngine } from '../src/engine/mini/mini-engine.js';
import type { VideoFrame } from '../src/frame/video-frame.js';
import { createIamflowPolicy } from '../src/memory/iamflow/iamflow-policy.js';
import { generateVideo } from '../src/pipeline/generate-video.js';
import { readScripts } from '../src/script/read-script.js';
import { buildTimeline } from '../src/script/timeline.js';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'bench/suite/narrastream-324.jsonl' },
    limit: { type: 'string', default: '2' },
    variant: { type: 'string', multiple: true, default: ['reference={}'] },
    seed: { type: 'string', default: '1' },
  },
});

const variants = values.variant.map((item) => {
  const at = item.indexOf('=');
  return { name: item.slice(0, at), settings: JSON.parse(item.slice(at + 1)) as Record<string, unknown> };
});
const { scripts } = await readScripts(values.suite);
const chosen = selectScripts(scripts, { limit: Number(values.limit) });
const keys: readonly string[] = pairedScoreNames;
const rows = new Map<string, Array<Record<string, number>>>();

for (const script of chosen) {
  for (const variant of variants) {
    const engine = createMiniEngine({ seed: Number(values.seed), width: 240, height: 136 });
    const timeline = buildTimeline(script);
    const frames: VideoFrame[] = [];
    const records: RenderRecordEntry[] = [];
    const events: Array<{ type: string }> = [];
    try {
      await generateVideo({
        script,
        engine,
        timeline,
        policy: (context) =>
          createIamflowPolicy({ ...context, events: (event) => events.push(event) }, variant.settings),
        seed: 1,
        onFrames: (_chunk, chunkFrames) => {
          frames.push(...chunkFrames.all());
        },
        onRenderRecord: (record) => {
          records.push(...record);
        },
      });
    } finally {
      await engine.release();
    }
    const { scores, metrics } = await evaluateCollected(frames, records, timeline, script.annotations);
    const row: Record<string, number> = { ...scores, ...metrics };
    const banks = events.filter((event) => event.type === 'bank-set') as unknown as Array<{ ids: string[] }>;
    row.bankSets = banks.length;
    const list = rows.get(variant.name) ?? [];
    list.push(row);
    rows.set(variant.name, list);
    process.stderr.write(`${script.id} ${variant.name} total=${scores.total.toFixed(2)}\n`);
  }
}

const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const base = rows.get(variants[0]!.name)!;
console.log(
  `${chosen.length} scripts (first ${values.limit} of each suite dimension), seed ${values.seed}, 240x136`,
);
console.log(`| variant | ${keys.join(' | ')} |`);
console.log(`| :-- |${keys.map(() => ' --: |').join('')}`);
for (const variant of variants) {
  const list = rows.get(variant.name)!;
  const cells = keys.map((key) => {
    // a metric a run does not define (a character never seen twice) leaves that script out, and the count says so
    const values = finite(list.map((row) => row[key] ?? Number.NaN));
    const m = mean(values);
    const count = values.length < list.length ? ` [n=${values.length}]` : '';
    if (variant === variants[0]) return `${m.toFixed(2)}${count}`;
    const diffs = finite(
      list.map((row, index) => (row[key] ?? Number.NaN) - (base[index]![key] ?? Number.NaN)),
    );
    const d = mean(diffs);
    const sd = Math.sqrt(diffs.reduce((s, x) => s + (x - d) ** 2, 0) / Math.max(1, diffs.length - 1));
    const pairs = diffs.length < list.length ? ` [n=${diffs.length}]` : '';
    return `${m.toFixed(2)}${count} (${d >= 0 ? '+' : ''}${d.toFixed(2)} ± ${(sd / Math.sqrt(diffs.length)).toFixed(2)}${pairs})`;
  });
  console.log(`| ${variant.name} ${JSON.stringify(variant.settings)} | ${cells.join(' | ')} |`);
}
