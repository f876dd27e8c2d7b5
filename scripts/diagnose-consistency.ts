/**
 * Development only: consistency pairs (character, segment pair) of run folders, pixel beside oracle, per body
 * part. For each pair: the pixel similarity of the character's mean matched figures, each part's CIEDE2000, and
 * the oracle's similarity of the drawn appearance vectors; then the pair-level rank correlation and the parts that
 * drive the disagreement.
 *
 *   npx tsx scripts/diagnose-consistency.ts RUN_DIR... [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { analyseSegments } from '../src/bench/eval/analyse-segments.js';
import { characterLooks, unchangedParts } from '../src/bench/eval/identity-metrics.js';
import { deltaE2000 } from '../src/bench/eval/measure/lab-colour.js';
import { bodyParts, readingSimilarity } from '../src/bench/eval/measure/read-figure.js';
import { characterOfMention } from '../src/bench/eval/oracle.js';
import { spearman } from '../src/bench/eval/rank-correlation.js';
import { sampleIndices, segmentSpans } from '../src/bench/eval/sample-frames.js';
import { appearanceDistance } from '../src/engine/mini/appearance.js';
import { readRunFolder } from './read-run-folder.js';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonPath = jsonAt < 0 ? undefined : args[jsonAt + 1];
const dirs = args.filter((arg, index) => !arg.startsWith('--') && index !== jsonAt + 1);

interface Pair {
  run: string;
  key: string;
  from: number;
  to: number;
  pixel: number;
  oracle: number;
  parts: Record<string, number>;
}
const pairs: Pair[] = [];
for (const dir of dirs) {
  const { annotations, timeline, video, records } = await readRunFolder(dir);
  const segments = analyseSegments(video.frames, timeline, annotations);
  const looks = characterLooks(segments);
  const oracleLooks = new Map<number, Map<string, number[][]>>();
  for (const span of segmentSpans(timeline, records.length)) {
    const present = annotations.present[span.segment.index] ?? [];
    const perKey = new Map<string, number[][]>();
    for (const frame of sampleIndices(span)) {
      const seen = new Set<string>();
      for (const figure of records[frame]?.figures ?? []) {
        const key = characterOfMention(figure.mention, annotations, present);
        if (key === undefined || seen.has(key)) continue;
        seen.add(key);
        perKey.set(key, [...(perKey.get(key) ?? []), figure.appearance]);
      }
    }
    oracleLooks.set(span.segment.index, perKey);
  }
  const indices = [...looks.keys()].sort((a, b) => a - b);
  for (const [i, from] of indices.entries())
    for (const to of indices.slice(i + 1))
      for (const [key, before] of looks.get(from)!) {
        const after = looks.get(to)!.get(key);
        const ob = oracleLooks.get(from)?.get(key);
        const oa = oracleLooks.get(to)?.get(key);
        if (after === undefined || ob === undefined || oa === undefined) continue;
        const kept = unchangedParts(annotations.characters[key]!, from, to);
        const pixel = readingSimilarity(before, after, kept);
        if (pixel === undefined) continue;
        const parts: Record<string, number> = {};
        for (const part of bodyParts) {
          const l = before.regions[part];
          const r = after.regions[part];
          if (kept.has(part) && l && r) parts[part] = deltaE2000(l.lab, r.lab);
        }
        const oracle = 1 - Math.min(1, appearanceDistance(meanOf(ob), meanOf(oa)) / 0.25);
        pairs.push({ run: dir, key, from, to, pixel, oracle, parts });
      }
}
if (jsonPath) writeFileSync(jsonPath, JSON.stringify(pairs));
console.log(
  `pairs ${pairs.length}, pair-level rho ${spearman(
    pairs.map((p) => p.pixel),
    pairs.map((p) => p.oracle),
  )?.toFixed(3)}`,
);
for (const part of bodyParts) {
  const withPart = pairs.filter((pair) => pair.parts[part] !== undefined);
  const rho = spearman(
    withPart.map((p) => -p.parts[part]!),
    withPart.map((p) => p.oracle),
  );
  const same = withPart.filter((p) => p.oracle > 0.8);
  const big = same.filter((p) => p.parts[part]! > 10).length;
  console.log(
    `  ${part.padEnd(6)} n ${withPart.length} rho(-dE, oracle) ${rho?.toFixed(3)}; of ${same.length} pairs the oracle calls same (>0.8), dE > 10 in ${big}`,
  );
}

function meanOf(vectors: readonly number[][]): number[] {
  const sum = new Array<number>(vectors[0]!.length).fill(0);
  for (const vector of vectors)
    for (const [index, value] of vector.entries()) sum[index]! += value / vectors.length;
  return sum;
}
