import type { VideoFrame } from '../../engine/engine.js';
import type { ScriptAnnotations } from '../../script/script.js';
import type { Timeline } from '../../script/timeline.js';
import { describeFigure, type FigureDescription } from '../../vision/describe-figure.js';
import { type Detection, detectFigures } from '../../vision/detect-figures.js';
import { estimateSceneBackground } from '../../vision/estimate-background.js';
import { expectedLook } from '../../vision/expected-look.js';
import { dilate } from '../../vision/foreground-mask.js';
import { type FigureMatch, matchFigures } from '../../vision/match-figures.js';
import { type SegmentSpan, sampleIndices, segmentSpans, spreadIndices } from './sample-frames.js';

/** Frames per segment used for the median background. */
const backgroundSamples = 15;

/** One sampled frame, read. */
export interface FrameAnalysis {
  /** Video frame index. */
  index: number;
  /** Figures and the cleaned foreground mask. */
  detection: Detection;
  /**
   * Foreground pixels of the detected figures only (not of a changed background), widened by 3 pixels so
   * static-region metrics keep clear of figure edges and of a figure's motion to the next frame.
   */
  margin: Detection['mask'];
  /** One description per detected figure, same order. */
  figures: FigureDescription[];
  /** Annotated characters on screen matched to figures (empty without annotations). */
  matches: FigureMatch[];
}

/** One segment, read. */
export interface SegmentAnalysis {
  /** The span of the segment in video frames. */
  span: SegmentSpan;
  /** Median background of the segment. */
  background: VideoFrame;
  /** Sampled frames at 0.1/0.3/0.5/0.7/0.9. */
  samples: FrameAnalysis[];
  /** Keys of the annotated characters on screen, or undefined without annotations. */
  present?: string[];
}

/** Cuts the video into segments and reads the sampled frames of each (background, figures, matches). */
export function analyseSegments(
  frames: readonly VideoFrame[],
  timeline: Timeline,
  annotations?: ScriptAnnotations,
): SegmentAnalysis[] {
  return segmentSpans(timeline, frames.length).map((span) => {
    const background = estimateSceneBackground(
      spreadIndices(span, backgroundSamples).map((index) => frames[index]!),
    );
    const present = annotations?.present[span.segment.index]?.filter((key) => key in annotations.characters);
    const expected = (present ?? []).map((key) => ({
      key,
      look: expectedLook(annotations!.characters[key]!, span.segment.index),
    }));
    const samples = sampleIndices(span).map((index) => {
      const frame = frames[index]!;
      const detection = detectFigures(frame, background);
      const figures = detection.figures.map((figure) => describeFigure(frame, detection.mask, figure.box));
      const matches = expected.length > 0 ? matchFigures(figures, expected) : [];
      return { index, detection, margin: figureMargin(detection), figures, matches };
    });
    const analysis: SegmentAnalysis = { span, background, samples };
    if (present !== undefined) analysis.present = present;
    return analysis;
  });
}

function figureMargin(detection: Detection): Detection['mask'] {
  const { width, height } = detection.mask;
  const data = new Uint8Array(width * height);
  for (const { box } of detection.figures) {
    for (let y = box[1]; y < box[1] + box[3]; y++) {
      for (let x = box[0]; x < box[0] + box[2]; x++)
        data[y * width + x] = detection.mask.data[y * width + x]!;
    }
  }
  return dilate({ width, height, data }, 3);
}
