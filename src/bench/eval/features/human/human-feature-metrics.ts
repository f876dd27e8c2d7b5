import type { VideoFrame } from '../../../../frame/video-frame.js';
import type { ScriptAnnotations } from '../../../../script/script.js';
import type { Timeline } from '../../../../script/timeline.js';
import type { MetricName } from '../../evaluation-report.js';
import { sampleIndices, segmentSpans } from '../../sample-frames.js';
import type { FeatureMetrics } from '../feature-metrics.js';
import { analyseFrame } from './analyse-frame.js';
import {
  embeddingConsistency,
  faceConsistency,
  faceSwaps,
  nameFaceTracks,
  personDuplication,
  type SegmentFeatures,
} from './face-identity-metrics.js';
import { humanModels, loadHuman } from './load-human.js';

/** What {@link humanFeatureMetrics} reads. */
export interface HumanFeatureInput {
  /** All decoded frames of the video. */
  frames: readonly VideoFrame[];
  /** The prompt layout (segments are mapped onto the video proportionally). */
  timeline: Timeline;
  /** Who is on screen per segment; without it only subject and background consistency are computed. */
  annotations?: ScriptAnnotations;
  /** Sampled frames per segment, 1..5, spread over NarraStream's 10/30/50/70/90 % positions. Default 3 (10, 50, 90 %). */
  framesPerSegment?: number;
}

/** What each metric measures with the human features. */
export const humanProxies: Partial<Record<MetricName, string>> = {
  subjectConsistency:
    'VBench formula (to first and previous sampled frame) on CenterNet-MobileNetV3 (COCO) backbone features pooled inside the largest detected person, instead of DINO',
  backgroundConsistency:
    'VBench formula on CenterNet-MobileNetV3 (COCO) backbone features pooled outside detected persons, instead of CLIP',
  adjacentConsistency:
    'cosine of the mean 1024-d faceres description of the annotated character in neighbouring segments (Human 3.3)',
  longRangeConsistency:
    'cosine of the mean 1024-d faceres description of the annotated character in segments 2+ apart (Human 3.3)',
  duplication: 'people seen (max of BlazeFace faces and CenterNet persons) against the annotated head count',
  identitySwaps: 'whether a character’s face is closer to another character’s reference face than to its own',
};

/**
 * Identity and consistency metrics for videos not made by the embedded engine, from real face and person models
 * (@vladmandic/human on the tfjs WebAssembly backend, models from its own package folder, offline). Per segment it
 * samples frames, detects and describes faces and persons, clusters the faces into identities over the video and
 * names them after the annotations.
 *
 * @example
 * const { metrics, details } = await humanFeatureMetrics({ frames, timeline, annotations });
 */
export async function humanFeatureMetrics(input: HumanFeatureInput): Promise<FeatureMetrics> {
  const { frames, timeline, annotations } = input;
  const perSegment = Math.max(1, Math.min(5, input.framesPerSegment ?? 3));
  const loadStarted = performance.now();
  const { human } = await loadHuman();
  const loadMs = performance.now() - loadStarted;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const segments: SegmentFeatures[] = [];
  let analysed = 0;
  for (const span of segmentSpans(timeline, frames.length)) {
    const indices = spreadOut(sampleIndices(span), perSegment);
    const features = [];
    for (const index of indices) {
      features.push(await analyseFrame(human, frames[index]!));
      analysed++;
    }
    const present = annotations?.present[span.segment.index];
    segments.push({ index: span.segment.index, frames: features, ...(present && { present }) });
  }
  const analyseMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const warnings: string[] = [];
  const metrics: Partial<Record<MetricName, number | undefined>> = {
    subjectConsistency: embeddingConsistency(segments, (frame) => frame.subject),
    backgroundConsistency: embeddingConsistency(segments, (frame) => frame.background),
  };
  let identities: number | undefined;
  if (annotations !== undefined) {
    const named = nameFaceTracks(segments);
    const consistency = faceConsistency(named);
    metrics.adjacentConsistency = consistency.adjacent;
    metrics.longRangeConsistency = consistency.longRange;
    metrics.identitySwaps = faceSwaps(named);
    metrics.duplication = personDuplication(segments);
    identities = named.identities;
    const unnamed = Object.keys(annotations.characters).filter((key) => !named.references.has(key));
    if (unnamed.length > 0)
      warnings.push(
        `human features: no solo segment with a face for ${unnamed.join(', ')}; their faces are named only where they share a segment with a named character`,
      );
  }
  const faces = segments.flatMap((segment) => segment.frames.map((frame) => frame.faces.length));
  return {
    name: 'human',
    metrics,
    proxies: humanProxies,
    warnings,
    details: {
      library: `@vladmandic/human ${human.version} on @tensorflow/tfjs-backend-wasm (${human.tf.getBackend()})`,
      models: Object.values(humanModels),
      framesAnalysed: analysed,
      loadMs: Math.round(loadMs),
      msPerFrame: analysed === 0 ? 0 : Math.round(analyseMs / analysed),
      cpuMsPerFrame: analysed === 0 ? 0 : Math.round(cpuMs / analysed),
      meanFacesPerFrame: faces.length === 0 ? 0 : faces.reduce((sum, value) => sum + value, 0) / faces.length,
      ...(identities !== undefined && { identities }),
    },
  };
}

/** Up to `count` of the indices, spread over the list (keeps the first and last). */
function spreadOut(indices: readonly number[], count: number): number[] {
  if (indices.length <= count) return [...indices];
  if (count === 1) return [indices[Math.floor(indices.length / 2)]!];
  return Array.from(
    { length: count },
    (_, index) => indices[Math.round((index * (indices.length - 1)) / (count - 1))]!,
  );
}
