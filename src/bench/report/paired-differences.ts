import { identityMetricNames } from '../eval/oracle-agreement.js';
import { benchPolicyNames } from '../runner/policy-variants.js';
import type { RunRecord } from '../store/run-record.js';

/** One score compared over the scripts two policies both ran. */
export interface PairedDifference {
  /** Score name: `total`, `quality`, `temporal`, `instruction`, or a metric (`oracle.longRangeConsistency`). */
  metric: string;
  /** Scripts where both runs define the score (a run may not define a metric: no character seen twice). */
  count: number;
  /** Mean of the subject's values over those scripts. */
  subjectMean: number;
  /** Mean of the baseline's values over those scripts. */
  baselineMean: number;
  /** Mean of subject minus baseline, per script. */
  mean: number;
  /** Standard error of that mean (sample standard deviation / sqrt(count)); NaN under 2 scripts. */
  error: number;
  /** Scripts where the subject is higher, lower, or tied (within 1e-9). */
  higher: number;
  lower: number;
  tied: number;
}

/** Two policies (or a variant and its policy) over the scripts both finished. */
export interface PairedComparison {
  subject: string;
  baseline: string;
  /** Scripts (same seed, size and steps) both finished with status done. */
  pairs: number;
  /** One entry per asked score, in the asked order. */
  differences: PairedDifference[];
}

/** The scores the NarraStream tables of docs/results.md report, in their order. */
export const pairedScoreNames = [
  'total',
  'quality',
  'temporal',
  'instruction',
  'oracle.entityGrounding',
  'oracle.longRangeConsistency',
] as const;

/**
 * The scores of the report's Ablations section: the four dimensions, then the identity metrics (pixel, then
 * render-record oracle) among `metricNames`, the metrics the report's tables show.
 */
export function ablationScoreNames(metricNames: readonly string[]): string[] {
  const identity = [...identityMetricNames, ...identityMetricNames.map((name) => `oracle.${name}`)];
  return [
    'total',
    'quality',
    'temporal',
    'instruction',
    ...identity.filter((name) => metricNames.includes(name)),
  ];
}

/** The policy a variant label changes (`iamflow/recache` -> `iamflow`), or undefined for a plain policy. */
export function variantBase(label: string): string | undefined {
  const slash = label.indexOf('/');
  return slash > 0 ? label.slice(0, slash) : undefined;
}

/** Every score of a run by name: the dimensions, then its metrics. */
function scoresOf(run: RunRecord): Record<string, number> {
  return { ...(run.metrics ?? {}), ...(run.scores ?? {}) };
}

/** Done runs of one policy by script, seed, size and steps. */
function byScript(runs: readonly RunRecord[], policy: string): Map<string, Record<string, number>> {
  const table = new Map<string, Record<string, number>>();
  for (const run of runs) {
    if (run.policy !== policy || run.status !== 'done') continue;
    table.set(`${run.scriptId}|${run.seed}|${run.width}x${run.height}|t${run.steps}`, scoresOf(run));
  }
  return table;
}

const meanOf = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Paired per-script differences of `subject` minus `baseline` for each score: over the scripts both finished (same
 * seed, size and steps), leaving out a script where either run does not define the score.
 *
 * @example
 * comparePaired(runs, 'iamflow/recache', 'iamflow', ['total']).differences[0] // { mean: 0.32, error: 0.85, ... }
 */
export function comparePaired(
  runs: readonly RunRecord[],
  subject: string,
  baseline: string,
  metrics: readonly string[] = pairedScoreNames,
): PairedComparison {
  const mine = byScript(runs, subject);
  const theirs = byScript(runs, baseline);
  const shared = [...mine.keys()].filter((key) => theirs.has(key));
  const differences = metrics.map((metric): PairedDifference => {
    const pairs = shared
      .map((key) => [mine.get(key)![metric], theirs.get(key)![metric]] as const)
      .filter((pair): pair is readonly [number, number] => pair.every((value) => Number.isFinite(value)));
    const deltas = pairs.map(([a, b]) => a - b);
    const mean = deltas.length > 0 ? meanOf(deltas) : Number.NaN;
    const variance =
      deltas.length > 1
        ? deltas.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (deltas.length - 1)
        : Number.NaN;
    const higher = deltas.filter((value) => value > 1e-9).length;
    const lower = deltas.filter((value) => value < -1e-9).length;
    return {
      metric,
      count: deltas.length,
      subjectMean: pairs.length > 0 ? meanOf(pairs.map(([a]) => a)) : Number.NaN,
      baselineMean: pairs.length > 0 ? meanOf(pairs.map(([, b]) => b)) : Number.NaN,
      mean,
      error: Math.sqrt(variance / deltas.length),
      higher,
      lower,
      tied: deltas.length - higher - lower,
    };
  });
  return { subject, baseline, pairs: shared.length, differences };
}

/**
 * Every stored variant against its policy (`iamflow/recache` minus `iamflow`), in the registry's order (unknown
 * labels last, alphabetically); a variant whose policy has no done run is still listed, with 0 pairs.
 */
export function compareVariants(
  runs: readonly RunRecord[],
  metrics: readonly string[] = pairedScoreNames,
): PairedComparison[] {
  const order = benchPolicyNames();
  const rank = (label: string) => (order.includes(label) ? order.indexOf(label) : order.length);
  const labels = [...new Set(runs.map((run) => run.policy))].filter((label) => variantBase(label));
  return labels
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((label) => comparePaired(runs, label, variantBase(label)!, metrics));
}

/** `+0.32 ± 0.85` (`?` for the error under 2 scripts), with ` [n=N]` when the score is defined on fewer than `pairs`. */
export function formatPaired(difference: PairedDifference, pairs = difference.count): string {
  const error = Number.isFinite(difference.error) ? difference.error.toFixed(2) : '?';
  const count = difference.count < pairs ? ` [n=${difference.count}]` : '';
  return `${difference.mean >= 0 ? '+' : ''}${difference.mean.toFixed(2)} ± ${error}${count}`;
}
