import type { VideoFrame } from '../../../frame/video-frame.js';
import type { ScriptAnnotations } from '../../../script/script.js';
import type { Timeline } from '../../../script/timeline.js';
import {
  type DimensionName,
  type EvaluationReport,
  type MetricName,
  metricDimensions,
} from '../evaluation-report.js';
import { mean, round } from '../score.js';
import type { FeatureMetrics } from './feature-metrics.js';
import type { FeatureSetName } from './feature-set.js';

/** Metrics that read the embedded figure detector's colour regions, made for the engine's renders. */
const embeddedOnly: readonly MetricName[] = ['entityGrounding'];

/**
 * Re-scores a report with another feature set. `embedded` returns it as it is; `human` loads @vladmandic/human
 * (lazily: tfjs is imported only here) and puts its identity, subject and background metrics in place of the
 * embedded ones, leaves out the metrics that only the embedded figure detector can read (entity grounding, and the
 * pixel judge's score), keeps the model-free pixel statistics (flicker, motion, boundary smoothness) and an
 * external judge's score, and recomputes the dimensions.
 *
 * @example
 * const report = await withFeatureSet(await evaluateVideo(input), 'human', input);
 */
export async function withFeatureSet(
  report: EvaluationReport,
  features: FeatureSetName,
  input: { frames: readonly VideoFrame[]; timeline: Timeline; annotations?: ScriptAnnotations },
): Promise<EvaluationReport> {
  if (features === 'embedded') return { ...report, features: { name: 'embedded' } };
  const { humanFeatureMetrics } = await import('./human/human-feature-metrics.js');
  return mergeFeatureMetrics(report, await humanFeatureMetrics(input));
}

/** Puts a feature set's metrics into a report and recomputes its dimensions and total. */
export function mergeFeatureMetrics(report: EvaluationReport, result: FeatureMetrics): EvaluationReport {
  const metrics: Partial<Record<MetricName, number>> = { ...report.metrics };
  const proxies: EvaluationReport['proxies'] = { ...report.proxies };
  const replaced = Object.keys(result.metrics);
  // The embedded run's notes about metrics this feature set recomputes no longer hold.
  const warnings = [
    ...report.warnings.filter((warning) => !replaced.some((name) => warning.startsWith(`${name}: `))),
    ...result.warnings,
  ];
  const dropped = [...embeddedOnly, ...(report.judge === 'pixel' ? (['judgeScore'] as const) : [])];
  for (const name of dropped) {
    if (metrics[name] === undefined) continue;
    delete metrics[name];
    delete proxies[name];
    warnings.push(
      `${name}: left out with --features ${result.name} (it reads the embedded figure detector, made for the engine's renders)`,
    );
  }
  for (const [name, value] of Object.entries(result.metrics) as Array<[MetricName, number | undefined]>) {
    delete metrics[name];
    delete proxies[name];
    if (value === undefined) {
      warnings.push(`${name}: nothing to measure with the ${result.name} features`);
      continue;
    }
    metrics[name] = round(value);
    const proxy = result.proxies[name];
    if (proxy !== undefined) proxies[name] = proxy;
  }
  const dimensions = {} as Record<DimensionName, number>;
  const present: DimensionName[] = [];
  for (const dimension of ['quality', 'temporal', 'instruction'] as const) {
    const values = (Object.keys(metrics) as MetricName[])
      .filter((name) => metricDimensions[name] === dimension)
      .map((name) => metrics[name]);
    dimensions[dimension] = round(mean(values) ?? 0);
    if (values.length > 0) present.push(dimension);
    else if (
      report.metrics &&
      Object.keys(report.metrics).some((name) => metricDimensions[name as MetricName] === dimension)
    )
      warnings.push(
        `${dimension}: no metric left with the ${result.name} features; reported as 0 and left out of the total`,
      );
  }
  return {
    ...report,
    total: round(mean(present.map((dimension) => dimensions[dimension])) ?? 0),
    dimensions,
    metrics,
    proxies,
    features: { name: result.name, ...result.details },
    warnings,
  };
}
