/**
 * Paired per-script differences from a bench results store: the mean difference of every score (dimensions, pixel
 * metrics and the render-record oracle) over the scripts both runs finished, with one standard error of that mean.
 *
 *   npx tsx scripts/paired-differences.ts RESULTS_DIR [--policy iamflow] [--metric NAME ...] [--store LOCATION]
 *     one policy against each other stored policy: a table per baseline, with on how many scripts it is higher
 *   npx tsx scripts/paired-differences.ts RESULTS_DIR --variants [--by-dimension] [--metric NAME ...]
 *     every stored policy variant (`iamflow bench --policies 'iamflow/*'`) against its own policy, one row each:
 *     the variant's mean and, in parentheses, variant minus policy ± SE; --by-dimension adds a table per score
 *     with the difference in each suite dimension
 *
 * --store reads a PostgreSQL store (postgres://...) or another SQLite file instead of RESULTS_DIR/results.sqlite.
 * Prints Markdown tables, ready for docs/results.md.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  comparePaired,
  compareVariants,
  formatPaired,
  pairedScoreNames,
} from '../src/bench/report/paired-differences.js';
import { openBenchStore, resultsFileName } from '../src/bench/store/index.js';

const usage =
  'usage: npx tsx scripts/paired-differences.ts RESULTS_DIR [--policy NAME | --variants [--by-dimension]] ' +
  '[--metric NAME ...] [--store LOCATION]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    policy: { type: 'string', default: 'iamflow' },
    variants: { type: 'boolean', default: false },
    'by-dimension': { type: 'boolean', default: false },
    metric: { type: 'string', multiple: true },
    store: { type: 'string' },
  },
});
const dir = positionals[0];
if (!dir) {
  console.error(usage);
  process.exit(2);
}

const store = await openBenchStore(values.store ?? join(dir, resultsFileName));
const runs = await store.listRuns({ status: 'done' });
await store.close();

const describe = (runs: readonly { seed: number; width: number; height: number; steps: number }[]) =>
  [...new Set(runs.map((run) => `seed ${run.seed}, ${run.width}x${run.height}, ${run.steps} steps`))].join(
    '; ',
  );

if (values.variants) printVariants();
else printPolicy(values.policy);

/** Every variant against its policy, one row each. */
function printVariants() {
  const metrics = values.metric ?? [...pairedScoreNames];
  const comparisons = compareVariants(runs, metrics);
  if (comparisons.length === 0) {
    console.error(`no done runs of a policy variant (POLICY/NAME) in ${values.store ?? dir}`);
    process.exit(1);
  }
  console.log(
    `Each variant minus its policy over the scripts both finished (${describe(runs)}): the variant's mean, ` +
      'in parentheses the mean paired difference ± its standard error.\n',
  );
  console.log(`| variant | scripts | ${metrics.join(' | ')} |`);
  console.log(`| :-- | --: |${metrics.map(() => ' --: |').join('')}`);
  const bases = [...new Set(comparisons.map((comparison) => comparison.baseline))];
  for (const base of bases) {
    const own = runs.filter((run) => run.policy === base);
    const means = comparePaired(own, base, base, metrics).differences;
    console.log(
      `| ${base} | ${own.length} | ${means.map((mean) => (mean.count > 0 ? mean.subjectMean.toFixed(2) : '-')).join(' | ')} |`,
    );
    for (const { subject, pairs, differences } of comparisons.filter((item) => item.baseline === base)) {
      const cells = differences.map((difference) =>
        difference.count === 0
          ? '-'
          : `${difference.subjectMean.toFixed(2)} (${formatPaired(difference, pairs)})`,
      );
      console.log(`| ${subject} | ${pairs} | ${cells.join(' | ')} |`);
    }
  }
  if (!values['by-dimension']) return;
  const dimensions = [...new Set(runs.map((run) => run.dimension))].sort();
  for (const metric of metrics) {
    console.log(`\n${metric}: variant minus policy by suite dimension (mean ± SE, scripts)\n`);
    console.log(`| variant | ${dimensions.join(' | ')} |`);
    console.log(`| :-- |${dimensions.map(() => ' --: |').join('')}`);
    for (const { subject, baseline } of comparisons) {
      const cells = dimensions.map((dimension) => {
        const within = runs.filter((run) => run.dimension === dimension);
        const [difference] = comparePaired(within, subject, baseline, [metric]).differences;
        return difference!.count === 0 ? '-' : `${formatPaired(difference!)} (${difference!.count})`;
      });
      console.log(`| ${subject} | ${cells.join(' | ')} |`);
    }
  }
}

/** One policy against each other stored policy, a table per baseline. */
function printPolicy(policy: string) {
  const metrics = values.metric ?? [
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
  if (!runs.some((run) => run.policy === policy)) {
    console.error(`no done runs of policy ${policy} in ${values.store ?? dir}`);
    process.exit(1);
  }
  for (const baseline of new Set(runs.map((run) => run.policy))) {
    if (baseline === policy) continue;
    const { pairs, differences } = comparePaired(runs, policy, baseline, metrics);
    console.log(`\n${policy} minus ${baseline}, ${pairs} scripts paired`);
    console.log('\n| Score | Mean difference ± SE | Scripts higher / lower / tied |');
    console.log('| :-- | --: | --: |');
    for (const difference of differences) {
      if (difference.count < 2) continue;
      const { higher, lower, tied } = difference;
      console.log(`| ${difference.metric} | ${formatPaired(difference)} | ${higher} / ${lower} / ${tied} |`);
    }
  }
}
