import type { VideoFrame } from '../../frame/video-frame.js';
import type { ScriptAnnotations } from '../../script/script.js';
import type { Timeline } from '../../script/timeline.js';
import type { SegmentAnalysis } from './analyse-segments.js';
import type { FeatureDetails, FeatureSetName } from './features/feature-set.js';
import type { JudgeV1 } from './judge/judge.js';
import type { OracleReport } from './oracle.js';

/** Every metric the evaluation can report, each 0..100 (higher is better). */
export const metricDimensions = {
  subjectConsistency: 'quality',
  backgroundConsistency: 'quality',
  temporalFlickering: 'quality',
  motionSmoothness: 'quality',
  boundarySmoothness: 'temporal',
  adjacentConsistency: 'temporal',
  longRangeConsistency: 'temporal',
  duplication: 'temporal',
  identitySwaps: 'temporal',
  entityGrounding: 'instruction',
  judgeScore: 'instruction',
} as const;

/** A metric's name. */
export type MetricName = keyof typeof metricDimensions;

/** One of the three dimensions. */
export type DimensionName = (typeof metricDimensions)[MetricName];

/** What {@link evaluateVideo} needs. */
export interface EvaluateVideoOptions {
  /** All decoded frames of the video, in order. */
  frames: readonly VideoFrame[];
  /** Frames per second of the video. */
  fps: number;
  /**
   * The prompt layout. Segment spans are mapped onto the video proportionally, so a video whose length differs
   * from `timeline.totalVideoFrames` (another engine) is still cut at the right places.
   */
  timeline: Timeline;
  /** Ground truth of who is on screen and how they look; without it the identity metrics are left out. */
  annotations?: ScriptAnnotations;
  /**
   * The judge of instruction following (e.g. `createOpenAIJudge(settings)`); the embedded pixel judge without it,
   * and in its place when it fails (with a warning).
   */
  judge?: JudgeV1;
  /**
   * `analyseSegments(frames, timeline, annotations)` computed by the caller, so other pixel reports (the bench's
   * identity timelines) share the detection work instead of repeating it. Must come from the same inputs.
   */
  analysis?: readonly SegmentAnalysis[];
}

/** The evaluation of one video. */
export interface EvaluationReport {
  /** Mean of the dimensions that have a value, 0..100. */
  total: number;
  /** Each dimension: the mean of its metrics that have a value. */
  dimensions: Record<DimensionName, number>;
  /** Every metric that could be computed, 0..100, rounded to 0.01. */
  metrics: Partial<Record<MetricName, number>>;
  /** Provider of the judge that produced `judgeScore` (`pixel`, `openai`). */
  judge: string;
  /** For each metric, the model-free proxy used in place of the model NarraStream-Bench uses. */
  proxies: Partial<Record<MetricName, string>>;
  /** The feature set the metrics came from (`iamflow eval --features`), with its models and timings. */
  features?: { name: FeatureSetName } & Partial<FeatureDetails>;
  /** Render-record identity metrics (miniature engine only), to check the pixel metrics. */
  oracle?: OracleReport;
  /** Metrics left out and why, judge fallbacks, mismatched lengths. */
  warnings: string[];
}
