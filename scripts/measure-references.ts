/**
 * Character references, measured (docs/references.md): on the suite's reappearance and multi-character scripts,
 * identity consistency of IAMFlow with references made from each character's first appearance, against IAMFlow
 * without references, MemFlow and LongLive (miniature engine, seed 1, 240x136, as the bench).
 *
 * A reference is made the way a user would: from the no-reference IAMFlow run, take the first sampled frame where
 * the character is drawn (the render record says where; alone on screen when such a frame exists, else with the
 * other figures painted out by extending the background rows beside them), write it as PNG, and name it in the
 * script (`references`: name = first alias, description = the other non-pronoun aliases and the attributes).
 * Consistency is scored by the evaluator (pixels) and by the oracle (render record), both long-range.
 *
 *   npx tsx scripts/measure-references.ts [--per-dimension 6] [--out out/references] [--seed 1]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { characterOfMention } from '../src/bench/eval/oracle.js';
import { segmentSpans } from '../src/bench/eval/sample-frames.js';
import { evaluateCollected } from '../src/bench/runner/evaluate-collected.js';
import type { RenderRecordEntry } from '../src/engine/engine.js';
import { createMiniEngine } from '../src/engine/mini/mini-engine.js';
import { encodePng } from '../src/frame/encode-png.js';
import type { VideoFrame } from '../src/frame/video-frame.js';
import type { MemoryEvent } from '../src/memory/memory-event.js';
import type { PolicyReferences } from '../src/memory/policy.js';
import { createPolicy } from '../src/memory/policy-registry.js';
import { generateVideo } from '../src/pipeline/generate-video.js';
import { loadReferences } from '../src/run/load-references.js';
import { readScripts } from '../src/script/read-script.js';
import type { Script } from '../src/script/script.js';
import { buildTimeline } from '../src/script/timeline.js';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'bench/suite/narrastream-324.jsonl' },
    'per-dimension': { type: 'string', default: '6' },
    dimensions: { type: 'string', default: 'reappearance,multi-character' },
    out: { type: 'string', default: 'out/references' },
    seed: { type: 'string', default: '1' },
  },
});
const seed = Number(values.seed);
const size = { width: 240, height: 136 };
const PRONOUNS = new Set(['he', 'she', 'they', 'him', 'her', 'them']);

interface Run {
  frames: VideoFrame[];
  records: RenderRecordEntry[];
  events: MemoryEvent[];
}

async function run(script: Script, policy: string, references?: PolicyReferences): Promise<Run> {
  const engine = createMiniEngine({ seed, ...size });
  const timeline = buildTimeline(script);
  const out: Run = { frames: [], records: [], events: [] };
  try {
    await generateVideo({
      script,
      engine,
      timeline,
      seed,
      policy: (context) =>
        createPolicy(policy, {
          ...context,
          events: (event) => out.events.push(event),
          ...(references ? { references } : {}),
        }),
      onFrames: (_chunk, frames) => {
        out.frames.push(...frames.all());
      },
      onRenderRecord: (entries) => {
        out.records.push(...entries);
      },
    });
  } finally {
    await engine.release();
  }
  return out;
}

async function score(script: Script, result: Run) {
  const { metrics } = await evaluateCollected(
    result.frames,
    result.records,
    buildTimeline(script),
    script.annotations,
  );
  return {
    pixelLongRange: metrics.longRangeConsistency,
    pixelAdjacent: metrics.adjacentConsistency,
    oracleLongRange: metrics['oracle.longRangeConsistency'],
    oracleAdjacent: metrics['oracle.adjacentConsistency'],
  };
}

/** The reference picture of each annotated character: its first sampled appearance in a run. */
function firstAppearances(script: Script, result: Run): Map<string, VideoFrame> {
  const timeline = buildTimeline(script);
  const annotations = script.annotations!;
  const found = new Map<string, { frame: VideoFrame; alone: boolean }>();
  for (const span of segmentSpans(timeline, result.records.length)) {
    const present = annotations.present[span.segment.index] ?? [];
    for (let index = span.start; index < span.end; index += 4) {
      const entry = result.records[index];
      if (!entry) continue;
      for (const figure of entry.figures) {
        const key = characterOfMention(figure.mention, annotations, present);
        if (key === undefined || found.get(key)?.alone) continue;
        const alone = entry.figures.length === 1;
        if (found.has(key) && !alone) continue;
        const others = entry.figures.filter((other) => other !== figure);
        found.set(key, {
          frame: paintOut(
            result.frames[index]!,
            others.map((other) => other.box),
            figure.box,
          ),
          alone,
        });
      }
    }
  }
  return new Map([...found].map(([key, value]) => [key, value.frame]));
}

/** Paints over boxes by extending the background row beside each box (the side away from the kept box). */
function paintOut(frame: VideoFrame, boxes: number[][], keep: number[]): VideoFrame {
  const data = frame.data.slice();
  for (const [x, y, w, h] of boxes as Array<[number, number, number, number]>) {
    const left = Math.max(0, x - 2);
    const right = Math.min(frame.width - 1, x + w + 2);
    const fromLeft = keep[0]! > x ? left : right;
    const source = fromLeft === left && left === 0 ? right : fromLeft;
    for (let row = Math.max(0, y - 3); row < Math.min(frame.height, y + h + 2); row++)
      for (let column = left; column <= right; column++) {
        const to = (row * frame.width + column) * 3;
        const from = (row * frame.width + source) * 3;
        data[to] = data[from]!;
        data[to + 1] = data[from + 1]!;
        data[to + 2] = data[from + 2]!;
      }
  }
  return { width: frame.width, height: frame.height, data };
}

const { scripts } = await readScripts(values.suite);
const wanted = values.dimensions.split(',');
const chosen = wanted.flatMap((dimension) =>
  scripts.filter((script) => script.dimension === dimension).slice(0, Number(values['per-dimension'])),
);
const out = resolve(values.out);
const rows: Array<{
  script: string;
  dimension: string;
  condition: string;
  scores: Record<string, number | undefined>;
  refs: number;
}> = [];
const started = performance.now();
for (const script of chosen) {
  const plain = await run(script, 'iamflow');
  const dir = join(out, script.id);
  await mkdir(dir, { recursive: true });
  const references: NonNullable<Script['references']> = {};
  for (const [key, frame] of firstAppearances(script, plain)) {
    const character = script.annotations!.characters[key]!;
    const [name, ...others] = character.aliases;
    const description = [
      ...others.filter((alias) => !PRONOUNS.has(alias.toLowerCase())),
      ...character.attrs,
    ].join(', ');
    await writeFile(join(dir, `${key}.png`), encodePng(frame));
    references[key] = { image: `${key}.png`, name: name!, ...(description ? { description } : {}) };
  }
  const withReferences: Script = { ...script, references, source: { path: join(dir, 'script.jsonl') } };
  await writeFile(
    join(dir, 'script.jsonl'),
    `${JSON.stringify({ ...script, source: undefined, references })}\n`,
  );
  const loaded = await loadReferences(withReferences);
  const referenced = await run(withReferences, 'iamflow', loaded);
  const encodes = referenced.events.filter((event) => event.type === 'reference-encode').length;
  for (const [condition, result] of [
    ['iamflow + references', referenced],
    ['iamflow', plain],
    ['memflow', await run(script, 'memflow')],
    ['longlive', await run(script, 'longlive')],
  ] as const) {
    rows.push({
      script: script.id,
      dimension: script.dimension ?? '',
      condition,
      scores: await score(script, result),
      refs: condition === 'iamflow + references' ? encodes : 0,
    });
  }
  process.stderr.write(
    `${script.id}: ${Object.keys(references).length} references, ${encodes} encodes, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
}

const metrics = ['oracleLongRange', 'pixelLongRange', 'oracleAdjacent', 'pixelAdjacent'] as const;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const conditions = ['iamflow + references', 'iamflow', 'memflow', 'longlive'];
console.log(
  `${chosen.length} scripts (${wanted.map((d) => `first ${values['per-dimension']} ${d}`).join(', ')}), mini engine seed ${seed}, ${size.width}x${size.height}; mean over scripts, paired difference to iamflow + references ± standard error`,
);
for (const dimension of [...wanted, 'all']) {
  console.log(`\n${dimension}\n`);
  console.log(`| condition | ${metrics.join(' | ')} |`);
  console.log(`| :-- |${metrics.map(() => ' --: |').join('')}`);
  const subset = rows.filter((row) => dimension === 'all' || row.dimension === dimension);
  const base = subset.filter((row) => row.condition === conditions[0]);
  for (const condition of conditions) {
    const list = subset.filter((row) => row.condition === condition);
    const cells = metrics.map((metric) => {
      const pairs = list
        .map((row, index) => [row.scores[metric], base[index]!.scores[metric]] as const)
        .filter((pair): pair is readonly [number, number] => pair[0] !== undefined && pair[1] !== undefined);
      const m = mean(pairs.map(([value]) => value));
      if (condition === conditions[0]) return `${m.toFixed(1)} (n=${pairs.length})`;
      const diffs = pairs.map(([value, reference]) => value - reference);
      const d = mean(diffs);
      const sd = Math.sqrt(diffs.reduce((s, x) => s + (x - d) ** 2, 0) / Math.max(1, diffs.length - 1));
      return `${m.toFixed(1)} (${d >= 0 ? '+' : ''}${d.toFixed(1)} ± ${(sd / Math.sqrt(Math.max(1, diffs.length))).toFixed(1)})`;
    });
    console.log(`| ${condition} | ${cells.join(' | ')} |`);
  }
}
