import { metricDimensions } from '../eval/evaluation-report.js';

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
