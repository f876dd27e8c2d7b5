import type { RenderRecordEntry } from '../../engine/engine.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import type { ScriptAnnotations } from '../../script/script.js';
import type { Timeline } from '../../script/timeline.js';
import { analyseSegments } from '../eval/analyse-segments.js';
import { evaluateVideo } from '../eval/evaluate-video.js';
import { evaluateRenderRecord } from '../eval/oracle.js';
import type { IdentityPoint } from '../store/run-record.js';
import { identityTimeline } from './identity-timeline.js';

/** What a bench run stores from its evaluation. */
export interface CollectedEvaluation {
  /** Total and the three dimension scores. */
  scores: { total: number; quality: number; temporal: number; instruction: number };
  /** Every pixel metric, and the oracle's prefixed `oracle.`. */
  metrics: Record<string, number>;
  /** Per character and segment identity, when the script has annotations. */
  identity?: IdentityPoint[];
}

/**
 * Scores a bench run from the frames that left the engine (before MP4 compression) and its render record: one pixel
 * analysis serves the metrics and the identity timeline; the oracle reads the render record. `frames` may be sparse
 * (see `evaluatedFrameIndices`): only the frames the evaluator reads need to be there.
 *
 * @example
 * const { scores, metrics } = await evaluateCollected(collect.frames, collect.renderRecord, timeline, script.annotations);
 */
export async function evaluateCollected(
  frames: readonly VideoFrame[],
  renderRecord: readonly RenderRecordEntry[],
  timeline: Timeline,
  annotations: ScriptAnnotations | undefined,
): Promise<CollectedEvaluation> {
  const analysis = annotations ? analyseSegments(frames, timeline, annotations) : undefined;
  const report = await evaluateVideo({
    frames,
    fps: timeline.fps,
    timeline,
    ...(annotations ? { annotations } : {}),
    ...(analysis ? { analysis } : {}),
  });
  const oracle =
    annotations && renderRecord.length > 0
      ? evaluateRenderRecord(renderRecord, timeline, annotations)
      : undefined;
  const metrics: Record<string, number> = { ...report.metrics };
  for (const [name, value] of Object.entries(oracle?.metrics ?? {})) metrics[`oracle.${name}`] = value;
  const evaluation: CollectedEvaluation = { scores: { total: report.total, ...report.dimensions }, metrics };
  if (annotations && analysis) evaluation.identity = identityTimeline(analysis, timeline, annotations);
  return evaluation;
}
