/**
 * Development only: the runs behind `iamflow eval agreement`, one line each, to find where pixel and oracle
 * disagree. Reads a bench results folder whose run folders were kept (no --no-video); the oracle is computed
 * again from each render.jsonl, the pixel values are the stored ones (or, with --reevaluate, the current
 * evaluator's on the decoded video).
 *
 *   npx tsx scripts/agreement-runs.ts DIR [--metric NAME] [--reevaluate] [--json FILE]
 *
 * Prints, per identity metric, the pooled Spearman rho and the runs whose pixel and oracle ranks differ most.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateRunDir } from '../src/bench/eval/evaluate-run-dir.js';
import { identityMetricNames } from '../src/bench/eval/oracle-agreement.js';
import { spearman } from '../src/bench/eval/rank-correlation.js';
import { readRunOracle } from '../src/bench/eval/read-run-oracle.js';
import { openBenchStore } from '../src/bench/store/open-bench-store.js';

const args = process.argv.slice(2);
const dir = args[0];
if (dir === undefined) {
  console.error('usage: npx tsx scripts/agreement-runs.ts DIR [--metric NAME] [--reevaluate] [--json FILE]');
  process.exit(2);
}
const option = (name: string) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const only = option('--metric');
const reevaluate = args.includes('--reevaluate');
const store = await openBenchStore(join(dir, 'results.sqlite'), dir);
const stored = await store.listRuns({ status: 'done' });
await store.close();

interface Row {
  run: string;
  policy: string;
  dimension: string;
  pixel: Record<string, number | undefined>;
  oracle: Record<string, number | undefined>;
}
const rows: Row[] = [];
for (const run of stored) {
  if (run.runDir === undefined) continue;
  const runDir = join(dir, run.runDir);
  const oracle = await readRunOracle(runDir);
  if (oracle === undefined) continue;
  const pixel: Record<string, number | undefined> = {};
  if (reevaluate) Object.assign(pixel, (await evaluateRunDir(runDir, { width: run.width })).metrics);
  else
    for (const [name, value] of Object.entries(run.metrics ?? {}))
      if (!name.startsWith('oracle.')) pixel[name] = value;
  rows.push({ run: run.runDir, policy: run.policy, dimension: run.dimension, pixel, oracle: oracle.metrics });
}
const jsonPath = option('--json');
if (jsonPath !== undefined) writeFileSync(jsonPath, JSON.stringify(rows, null, 1));

for (const name of identityMetricNames) {
  if (only !== undefined && only !== name) continue;
  const both = rows.filter((row) => row.pixel[name] !== undefined && row.oracle[name] !== undefined);
  const xs = both.map((row) => row.pixel[name]!);
  const ys = both.map((row) => row.oracle[name]!);
  const rho = spearman(xs, ys);
  const rank = (values: number[]) => {
    const order = values.map((value, index) => [value, index] as const).sort((a, b) => a[0] - b[0]);
    const result = new Array<number>(values.length);
    for (const [position, [, index]] of order.entries())
      result[index] = position / Math.max(1, values.length - 1);
    return result;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const worst = both
    .map((row, index) => ({ row, gap: rx[index]! - ry[index]! }))
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap))
    .slice(0, only === undefined ? 8 : 30);
  console.log(`\n${name}: rho ${rho?.toFixed(3)} over ${both.length} runs`);
  for (const { row, gap } of worst)
    console.log(
      `  ${gap > 0 ? 'pixel high' : 'pixel low '} ${row.pixel[name]!.toFixed(1).padStart(6)} oracle ${row.oracle[name]!.toFixed(1).padStart(6)}  ${row.run}`,
    );
}
