import type { MetricName } from '../evaluation-report.js';
import type { FeatureDetails, FeatureSetName } from './feature-set.js';

/** What a feature set computed for one video, before it is merged into the report. */
export interface FeatureMetrics {
  /** The feature set. */
  name: FeatureSetName;
  /** Metrics it computes, 0..100; undefined where there was nothing to measure. */
  metrics: Partial<Record<MetricName, number | undefined>>;
  /** What each of its metrics measures. */
  proxies: Partial<Record<MetricName, string>>;
  /** What it could not do. */
  warnings: string[];
  /** Library, models, timings and counts, reported as they are. */
  details: FeatureDetails;
}
