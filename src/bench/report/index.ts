export {
  aggregateResults,
  type PolicySummary,
  type ResultsSummary,
  type ScriptTimeline,
} from './aggregate-results.js';
export {
  ablationScoreNames,
  comparePaired,
  compareVariants,
  type PairedComparison,
  type PairedDifference,
  pairedScoreNames,
  variantBase,
} from './paired-differences.js';
export { renderHtml } from './render-html.js';
export { renderMarkdown } from './render-markdown.js';
export { type ChartOptions, type ChartSeries, groupedBarChart, lineChart } from './svg-charts.js';
export { writeReport } from './write-report.js';
