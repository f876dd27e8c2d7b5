import type { VideoFrame } from '../../frame/video-frame.js';
import type { SegmentAnalysis } from './analyse-segments.js';
import { interpolationError, meanDifference } from './frame-difference.js';
import { type FigureReading, readingSimilarity } from './measure/read-figure.js';
import { distanceScore, mean } from './score.js';

/** Mean static-region difference (0..255) at which flickering scores 0. */
const flickerScale = 32;
/** Mean interpolation error (0..255) at which motion smoothness scores 0. */
const smoothnessScale = 32;
/** Mean background difference (0..255) at which background consistency scores 0. */
const backgroundScale = 48;

/**
 * Subject consistency: each sampled frame's figures against the most similar figure of the previous sample and
 * of the segment's first sample (VBench's recipe, with CIELAB part colours in place of DINO features).
 */
export function subjectConsistency(segments: readonly SegmentAnalysis[]): number | undefined {
  const values: number[] = [];
  for (const { samples } of segments) {
    const first = samples[0];
    if (first === undefined) continue;
    for (let k = 1; k < samples.length; k++) {
      for (const figure of samples[k]!.figures) {
        const toFirst = bestSimilarity(figure, first.figures);
        const toPrevious = bestSimilarity(figure, samples[k - 1]!.figures);
        const value = mean([toFirst, toPrevious]);
        if (value !== undefined) values.push(100 * value);
      }
    }
  }
  return mean(values);
}

/**
 * Background consistency: each sampled frame against the previous sample and the first, over pixels no figure
 * covers in either (model-free stand-in for CLIP features of the background).
 */
export function backgroundConsistency(
  segments: readonly SegmentAnalysis[],
  frames: readonly VideoFrame[],
): number | undefined {
  const values: number[] = [];
  for (const { samples } of segments) {
    const first = samples[0];
    if (first === undefined) continue;
    for (let k = 1; k < samples.length; k++) {
      const sample = samples[k]!;
      for (const other of [first, samples[k - 1]!]) {
        const difference = meanDifference(frames[sample.index]!, frames[other.index]!, [
          sample.margin,
          other.margin,
        ]);
        if (difference !== undefined) values.push(distanceScore(difference, backgroundScale));
      }
    }
  }
  return mean(values);
}

/**
 * Temporal flickering: the mean absolute change between each sampled frame and the next one, over static pixels
 * (away from the sample's detected figures).
 */
export function temporalFlickering(
  segments: readonly SegmentAnalysis[],
  frames: readonly VideoFrame[],
): number | undefined {
  const values: number[] = [];
  for (const { span, samples } of segments) {
    for (const sample of samples) {
      const next = sample.index + 1 < span.end ? sample.index + 1 : sample.index - 1;
      if (next < span.start || next === sample.index) continue;
      const a = frames[sample.index]!;
      const b = frames[next]!;
      // Figures move a pixel or two per frame; the widened mask of the sample covers them in both frames.
      const difference = meanDifference(a, b, [sample.margin]);
      if (difference !== undefined) values.push(distanceScore(difference, flickerScale));
    }
  }
  return mean(values);
}

/**
 * Motion smoothness: how well each sampled frame is predicted by the average of its two neighbours (a linear
 * frame interpolator standing in for VBench's learned one).
 */
export function motionSmoothness(
  segments: readonly SegmentAnalysis[],
  frames: readonly VideoFrame[],
): number | undefined {
  const values: number[] = [];
  for (const { span, samples } of segments) {
    for (const { index } of samples) {
      if (index - 1 < span.start || index + 1 >= span.end) continue;
      values.push(
        distanceScore(
          interpolationError(frames[index - 1]!, frames[index]!, frames[index + 1]!),
          smoothnessScale,
        ),
      );
    }
  }
  return mean(values);
}

function bestSimilarity(figure: FigureReading, others: readonly FigureReading[]): number | undefined {
  let best: number | undefined;
  for (const other of others) {
    const value = readingSimilarity(figure, other);
    if (value !== undefined && (best === undefined || value > best)) best = value;
  }
  return best;
}
