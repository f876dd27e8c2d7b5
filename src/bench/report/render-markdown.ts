import type { ResultsSummary } from './aggregate-results.js';
import {
  ablationHeader,
  ablationNote,
  ablationRows,
  ablationTitle,
  cell,
  metricLabel,
  orderMetrics,
} from './format-results.js';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(header),
    line(header.map((_, index) => (index === 0 ? ':--' : '--:'))),
    ...rows.map(line),
  ].join('\n');
}

/** Each variant against its policy, paired by script, one table each; empty without variants. */
function ablationsSection(summary: ResultsSummary): string[] {
  if (summary.variants.length === 0) return [];
  return [
    '## Ablations',
    '',
    ablationNote,
    '',
    ...summary.variants.flatMap((comparison) => [
      `### ${ablationTitle(comparison)}`,
      '',
      comparison.pairs === 0
        ? 'No script finished by both.'
        : table(ablationHeader, ablationRows(comparison)),
      '',
    ]),
  ];
}

/**
 * results.md: the paper-shaped table (rows = policies; Quality, Temporal, Instruction, Total, then every metric),
 * the totals by suite dimension, Ablations (each variant against its policy) when the store holds variants, and
 * speed.
 */
export function renderMarkdown(summary: ResultsSummary): string {
  const metrics = orderMetrics(summary.metricNames);
  const best = (key: 'quality' | 'temporal' | 'instruction' | 'total') =>
    Math.max(...summary.byPolicy.map((row) => row[key] ?? Number.NEGATIVE_INFINITY));
  const mark = (value: number | null, top: number) =>
    value !== null && value === top ? `**${cell(value)}**` : cell(value);
  const main = table(
    ['Policy', 'Runs', 'Quality', 'Temporal', 'Instruction', 'Total', ...metrics.map(metricLabel)],
    summary.byPolicy.map((row) => [
      row.policy,
      String(row.runs),
      mark(row.quality, best('quality')),
      mark(row.temporal, best('temporal')),
      mark(row.instruction, best('instruction')),
      mark(row.total, best('total')),
      ...metrics.map((name) => cell(row.metrics[name])),
    ]),
  );
  const bySuite = table(
    ['Suite dimension', ...summary.policies],
    summary.suiteDimensions.map((dimension) => [
      dimension,
      ...summary.policies.map((policy) => {
        const entry = summary.bySuiteDimension[dimension]?.[policy];
        return entry && entry.runs > 0 ? `${cell(entry.total)} (${entry.runs})` : '–';
      }),
    ]),
  );
  const speed = table(
    ['Policy', 'Realtime factor (video s / generation s)', 'Mean wall s per run', 'Failed runs'],
    summary.byPolicy.map((row) => [
      row.policy,
      cell(row.realtimeFactor, 1),
      cell(row.wallSeconds, 1),
      String(row.failed),
    ]),
  );
  return [
    '# Benchmark results',
    '',
    `Configurations: ${summary.configurations.join('; ') || 'none'}. Scores are 0..100, higher is better; means over done runs; best in bold.`,
    '',
    '## By policy',
    '',
    main,
    '',
    '## Total by suite dimension (runs in parentheses)',
    '',
    bySuite,
    '',
    ...ablationsSection(summary),
    '## Speed',
    '',
    speed,
    '',
  ].join('\n');
}
