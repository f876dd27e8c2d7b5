import { metricDimensions } from '../eval/evaluation-report.js';
import { formatPaired, type PairedComparison } from './paired-differences.js';

/** `subjectConsistency` -> `Subject consistency`; `oracle.identity` -> `Oracle: identity`. */
export function metricLabel(name: string): string {
  const [prefix, rest] = name.startsWith('oracle.') ? ['Oracle: ', name.slice(7)] : ['', name];
  const words = rest.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return prefix + (prefix ? words : words.charAt(0).toUpperCase() + words.slice(1));
}

/** Metric names ordered by their dimension (quality, temporal, instruction), then the others (oracle last). */
export function orderMetrics(names: readonly string[]): string[] {
  const dimensions = ['quality', 'temporal', 'instruction'];
  const rank = (name: string) => {
    const dimension = (metricDimensions as Record<string, string>)[name];
    return dimension === undefined ? (name.startsWith('oracle.') ? 4 : 3) : dimensions.indexOf(dimension);
  };
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A number for a table cell: two decimals, `–` for missing. */
export function cell(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

/** The header of a variant's Ablations table. */
export const ablationHeader = ['Score', 'Variant', 'Policy', 'Variant − policy ± SE', 'Pairs'] as const;

/** A variant's Ablations rows, one per score: both means, the mean paired difference ± SE, and the pairs. */
export function ablationRows(comparison: PairedComparison): string[][] {
  return comparison.differences.map((difference) => [
    metricLabel(difference.metric),
    cell(difference.subjectMean),
    cell(difference.baselineMean),
    difference.count === 0 ? '–' : formatPaired(difference),
    String(difference.count),
  ]);
}

/** `iamflow/recache − iamflow, 12 scripts paired`. */
export function ablationTitle({ subject, baseline, pairs }: PairedComparison): string {
  return `${subject} − ${baseline}, ${pairs} script${pairs === 1 ? '' : 's'} paired`;
}

/** The sentence that introduces the Ablations section. */
export const ablationNote =
  'Each policy variant against its policy, paired by script (same seed, size and steps, both done): the means ' +
  'over the pairs, the mean per-script difference ± its standard error (sample SD / √n), and the pairs that ' +
  'define the score.';
