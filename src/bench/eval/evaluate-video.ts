import { findFallback } from '../../provider/call-with-fallback.js';
import { analyseSegments } from './analyse-segments.js';
import { boundarySmoothness } from './boundary-smoothness.js';
import {
  type DimensionName,
  type EvaluateVideoOptions,
  type EvaluationReport,
  type MetricName,
  metricDimensions,
} from './evaluation-report.js';
import { conditionalConsistency, duplication, entityGrounding, identitySwaps } from './identity-metrics.js';
import { createPixelJudge } from './judge/pixel-judge.js';
import { withJudgeFallback } from './judge/with-judge-fallback.js';
import {
  backgroundConsistency,
  motionSmoothness,
  subjectConsistency,
  temporalFlickering,
} from './quality-metrics.js';
import { mean, round } from './score.js';

/** What each metric measures in place of NarraStream-Bench's model (none of ours needs a model). */
export const metricProxies: Record<Exclude<MetricName, 'judgeScore'>, string> = {
  subjectConsistency:
    'median CIELAB colour of figure parts (hair, face, neck, torso, legs), CIEDE2000, instead of DINO features',
  backgroundConsistency: 'mean pixel difference outside detected figures instead of CLIP features',
  temporalFlickering: 'mean absolute change to the next frame outside figures (VBench formula, rescaled)',
  motionSmoothness: 'error of the neighbour average as a linear frame interpolator instead of AMT',
  boundarySmoothness: 'pixel change across a switch relative to the median change within the two segments',
  adjacentConsistency:
    "CIEDE2000 between the matched figure's part colours in neighbouring segments, changed places left out",
  longRangeConsistency:
    "CIEDE2000 between the matched figure's part colours in segments 2+ apart, changed places left out",
  duplication:
    "figures found (moving against the shot's median plate, or still and cut off from the scenery) against the annotated head count",
  identitySwaps:
    'whether a matched figure shows more of another character’s expected colours than of its own',
  entityGrounding:
    'colour terms (CSS colours in CIELAB, nearest by CIEDE2000) read per body part against the expected attributes (changes applied)',
};

/**
 * Scores a video on NarraStream-Bench's three dimensions from pixels and (optionally) the script's annotations.
 * Metrics that need annotations are left out without them, with a warning. Never reads agent or memory state.
 *
 * @example
 * const report = await evaluateVideo({ frames, fps: 16, timeline: buildTimeline(script), annotations: script.annotations });
 * report.dimensions.temporal // 0..100
 */
export async function evaluateVideo(options: EvaluateVideoOptions): Promise<EvaluationReport> {
  const { frames, timeline, annotations } = options;
  const warnings: string[] = [];
  if (frames.length === 0) throw new Error('evaluateVideo needs at least one frame');
  if (frames.length !== timeline.totalVideoFrames) {
    warnings.push(
      `the video has ${frames.length} frames, the timeline ${timeline.totalVideoFrames}; segments were mapped proportionally`,
    );
  }
  const segments = options.analysis ?? analyseSegments(frames, timeline, annotations);
  const raw: Partial<Record<MetricName, number | undefined>> = {
    subjectConsistency: subjectConsistency(segments),
    backgroundConsistency: backgroundConsistency(segments, frames),
    temporalFlickering: temporalFlickering(segments, frames),
    motionSmoothness: motionSmoothness(segments, frames),
    boundarySmoothness: boundarySmoothness(segments, frames),
  };
  const pixelJudge = createPixelJudge();
  let judge = pixelJudge;
  if (annotations === undefined) {
    warnings.push(
      'no annotations: adjacentConsistency, longRangeConsistency, duplication, identitySwaps, entityGrounding and judgeScore were not computed; dimensions are means over the metrics that exist',
    );
  } else {
    const consistency = conditionalConsistency(segments, annotations);
    raw.adjacentConsistency = consistency.adjacent;
    raw.longRangeConsistency = consistency.longRange;
    raw.duplication = duplication(segments);
    raw.identitySwaps = identitySwaps(segments, annotations);
    raw.entityGrounding = entityGrounding(segments, annotations);
    const continuity = mean([consistency.adjacent, consistency.longRange]);
    const configured = options.judge ?? pixelJudge;
    const scorer = configured === pixelJudge ? pixelJudge : withJudgeFallback(configured, pixelJudge);
    const verdict = await scorer.score({
      frames,
      segments,
      annotations,
      ...(continuity === undefined ? {} : { continuity }),
    });
    const fallback = findFallback(verdict);
    if (fallback) {
      warnings.push(
        `the ${fallback.provider} judge failed, the ${pixelJudge.provider} judge was used instead: ${fallback.reason}`,
      );
    } else judge = configured;
    for (const warning of verdict.warnings ?? []) {
      if (warning.type === 'other') warnings.push(`judge: ${warning.message}`);
    }
    raw.judgeScore = verdict.score;
  }
  const metrics: Partial<Record<MetricName, number>> = {};
  for (const [name, value] of Object.entries(raw) as Array<[MetricName, number | undefined]>) {
    if (value === undefined) {
      if (annotations !== undefined || metricDimensions[name] === 'quality')
        warnings.push(`${name}: nothing to measure in this video`);
    } else metrics[name] = round(value);
  }
  const dimensions = {} as Record<DimensionName, number>;
  for (const dimension of ['quality', 'temporal', 'instruction'] as const) {
    const values = (Object.keys(metrics) as MetricName[])
      .filter((name) => metricDimensions[name] === dimension)
      .map((name) => metrics[name]);
    dimensions[dimension] = round(mean(values) ?? 0);
    if (values.length === 0)
      warnings.push(`${dimension}: no metric could be computed; reported as 0 and left out of the total`);
  }
  const present = (['quality', 'temporal', 'instruction'] as const).filter((dimension) =>
    (Object.keys(metrics) as MetricName[]).some((name) => metricDimensions[name] === dimension),
  );
  const proxies: EvaluationReport['proxies'] = {};
  for (const name of Object.keys(metrics) as MetricName[]) {
    proxies[name] =
      name === 'judgeScore' ? `${judge.description}; 0.8 per-segment + 0.2 overall` : metricProxies[name];
  }
  return {
    total: round(mean(present.map((dimension) => dimensions[dimension])) ?? 0),
    dimensions,
    metrics,
    judge: judge.provider,
    proxies,
    warnings,
  };
}
