/**
 * Paired per-script differences of one policy against each other policy, from a bench results store: the mean
 * difference of every score (dimensions, pixel metrics and the render-record oracle) over the scripts both policies
 * ran, with one standard error of that mean, and on how many scripts the policy's total is higher.
 *
 *   npx tsx scripts/paired-differences.ts RESULTS_DIR [--policy iamflow] [--metric oracle.longRangeConsistency ...]
 *
 * Prints a Markdown table per baseline, ready for docs/results.md.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openResultsStore, resultsFileName, type StoredRun } from '../src/bench/store/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    policy: { type: 'string', default: 'iamflow' },
    metric: { type: 'string', multiple: true },
  },
});
const dir = positionals[0];
if (!dir) {
  console.error(
    'usage: npx tsx scripts/paired-differences.ts RESULTS_DIR [--policy NAME] [--metric NAME ...]',
  );
  process.exit(2);
}

const store = openResultsStore(join(dir, resultsFileName));
const runs = store.listRuns().filter((run) => run.status === 'done');
store.close();

/** Every score of a run by name: the dimensions, then its metrics. */
function scoresOf(run: StoredRun): Record<string, number> {
  const scores: Record<string, number> = { ...(run.metrics ?? {}) };
  if (run.scores) {
    scores.total = run.scores.total;
    scores.temporal = run.scores.temporal;
    scores.instruction = run.scores.instruction;
    scores.quality = run.scores.quality;
  }
  return scores;
}

const byPolicy = new Map<string, Map<string, Record<string, number>>>();
for (const run of runs) {
  const key = `${run.scriptId}|${run.seed}|${run.width}x${run.height}`;
  const table = byPolicy.get(run.policy) ?? new Map<string, Record<string, number>>();
  table.set(key, scoresOf(run));
  byPolicy.set(run.policy, table);
}

const subject = byPolicy.get(values.policy);
if (!subject) {
  console.error(`no done runs of policy ${values.policy} in ${dir}`);
  process.exit(1);
}

const defaultMetrics = [
  'total',
  'temporal',
  'instruction',
  'adjacentConsistency',
  'longRangeConsistency',
  'duplication',
  'identitySwaps',
  'entityGrounding',
  'oracle.adjacentConsistency',
  'oracle.longRangeConsistency',
  'oracle.duplication',
  'oracle.identitySwaps',
  'oracle.entityGrounding',
];
const metrics = values.metric ?? defaultMetrics;

const format = (mean: number, error: number) =>
  `${mean >= 0 ? '+' : ''}${mean.toFixed(2)} ± ${error.toFixed(2)}`;

for (const [baseline, table] of byPolicy) {
  if (baseline === values.policy) continue;
  const shared = [...subject.keys()].filter((key) => table.has(key));
  console.log(`\n${values.policy} minus ${baseline}, ${shared.length} scripts paired`);
  console.log('\n| Score | Mean difference ± SE | Scripts higher / lower / tied |');
  console.log('| :-- | --: | --: |');
  for (const metric of metrics) {
    const differences: number[] = [];
    for (const key of shared) {
      const mine = subject.get(key)![metric];
      const theirs = table.get(key)![metric];
      if (mine !== undefined && theirs !== undefined) differences.push(mine - theirs);
    }
    if (differences.length < 2) continue;
    const mean = differences.reduce((sum, value) => sum + value, 0) / differences.length;
    const variance =
      differences.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (differences.length - 1);
    const error = Math.sqrt(variance / differences.length);
    const higher = differences.filter((value) => value > 1e-9).length;
    const lower = differences.filter((value) => value < -1e-9).length;
    const tied = differences.length - higher - lower;
    console.log(`| ${metric} | ${format(mean, error)} | ${higher} / ${lower} / ${tied} |`);
  }
}
