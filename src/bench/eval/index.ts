// `iamflow/eval`: the three-dimension evaluation (quality, temporal, instruction) of any video, a run folder or a
// NarraStream-Bench folder. Reads pixels and annotations, never the agents or memory.

export {
  evaluateNarraStreamDir,
  type NarraStreamReport,
  type NarraStreamSample,
} from './evaluate-narrastream-dir.js';
export { type EvaluateDirOptions, evaluateRunDir } from './evaluate-run-dir.js';
export { evaluateVideo, metricProxies } from './evaluate-video.js';
export {
  type DimensionName,
  type EvaluateVideoOptions,
  type EvaluationReport,
  type MetricName,
  metricDimensions,
} from './evaluation-report.js';
export type { JudgeSettings, JudgeVerdict } from './judge/judge.js';
