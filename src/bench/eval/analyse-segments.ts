import type { VideoFrame } from '../../frame/video-frame.js';
import type { ScriptAnnotations } from '../../script/script.js';
import type { Timeline } from '../../script/timeline.js';
import { describeFigure, type FigureDescription } from '../../vision/describe-figure.js';
import { type Detection, detectFigures } from '../../vision/detect-figures.js';
import { estimateSceneBackground } from '../../vision/estimate-background.js';
import { expectedLook } from '../../vision/expected-look.js';
import { dilate } from '../../vision/foreground-mask.js';
import type { FigureMatch } from '../../vision/match-figures.js';
import { matchTracks, persistentTracks } from '../../vision/match-tracks.js';
import { trackFigures } from '../../vision/track-figures.js';
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
    const indices = sampleIndices(span);
    const read = indices.map((index) => {
      const detection = detectFigures(frames[index]!, background);
      const figures = detection.figures.map((figure) =>
        describeFigure(frames[index]!, detection.mask, figure.box),
      );
      return { detection, figures };
    });
    const samples = indices.map((index, sample) => {
      const { detection, figures } = read[sample]!;
      return { index, detection, margin: figureMargin(detection), figures, matches: [] as FigureMatch[] };
    });
    if (expected.length > 0) {
      // Whole tracks are matched; a blob seen in one sample only counts as a figure but competes for no character.
      const tracks = persistentTracks(trackFigures(read.map((item) => item.figures)), indices.length);
      const figures = samples.map((sample) => sample.figures);
      for (const { sample, match } of matchTracks(tracks, figures, expected))
        samples[sample]!.matches.push(match);
    }
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
