import type { VideoFrame } from '../../frame/video-frame.js';
import type { ScriptAnnotations } from '../../script/script.js';
import type { Timeline } from '../../script/timeline.js';
import { attributesAt } from './measure/expected-attributes.js';
import {
  type FigureScan,
  findFigures,
  growMask,
  labImage,
  type Mask,
  shotPlate,
} from './measure/find-figures.js';
import { type CharacterMatch, linkSightings, matchCharacters } from './measure/link-figures.js';
import { type FigureReading, readFigure } from './measure/read-figure.js';
import {
  plateSamples,
  type SegmentSpan,
  sampleIndices,
  segmentSpans,
  spreadIndices,
} from './sample-frames.js';

/** One sampled frame, read. */
export interface FrameAnalysis {
  /** Video frame index. */
  index: number;
  /** Figures found and the figure mask. */
  detection: FigureScan;
  /**
   * Pixels of the found figures only (not of a changed background), widened by 3 pixels so static-region metrics
   * keep clear of figure edges and of a figure's motion to the next frame.
   */
  margin: Mask;
  /** One reading per found figure, same order. */
  figures: FigureReading[];
  /** Annotated characters on screen matched to figures (empty without annotations). */
  matches: CharacterMatch[];
}

/** One segment, read. */
export interface SegmentAnalysis {
  /** The span of the segment in video frames. */
  span: SegmentSpan;
  /** The segment's plate: median background. */
  background: VideoFrame;
  /** Sampled frames at 0.1/0.3/0.5/0.7/0.9. */
  samples: FrameAnalysis[];
  /** Keys of the annotated characters on screen, or undefined without annotations. */
  present?: string[];
}

/**
 * Cuts the video into segments and reads the sampled frames of each with the evaluator's own instrument
 * (./measure: plate, figures, readings in CIELAB, tracks, character matches).
 */
export function analyseSegments(
  frames: readonly VideoFrame[],
  timeline: Timeline,
  annotations?: ScriptAnnotations,
): SegmentAnalysis[] {
  return segmentSpans(timeline, frames.length).map((span) => {
    const plate = shotPlate(spreadIndices(span, plateSamples).map((index) => frames[index]!));
    const plateLab = labImage(plate.median);
    const present = annotations?.present[span.segment.index]?.filter((key) => key in annotations.characters);
    const samples: FrameAnalysis[] = sampleIndices(span).map((index) => {
      const frame = frames[index]!;
      const detection = findFigures(frame, plate, plateLab);
      const figures = detection.figures.map((figure) => readFigure(frame, detection.mask, figure.box));
      return { index, detection, margin: figureMargin(detection), figures, matches: [] };
    });
    if (present !== undefined && present.length > 0) {
      const characters = present.map((key) => ({
        key,
        attributes: attributesAt(annotations!.characters[key]!, span.segment.index),
      }));
      const readings = samples.map((sample) => sample.figures);
      for (const { sample, match } of matchCharacters(linkSightings(readings), readings, characters))
        samples[sample]!.matches.push(match);
    }
    const analysis: SegmentAnalysis = { span, background: plate.median, samples };
    if (present !== undefined) analysis.present = present;
    return analysis;
  });
}

function figureMargin(scan: FigureScan): Mask {
  const { width, height } = scan.mask;
  const data = new Uint8Array(width * height);
  for (const { box } of scan.figures) {
    for (let y = box[1]; y < box[1] + box[3]; y++) {
      const row = y * width;
      data.set(scan.mask.data.subarray(row + box[0], row + box[0] + box[2]), row + box[0]);
    }
  }
  return growMask({ width, height, data }, 3);
}
