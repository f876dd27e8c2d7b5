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
export { type FeatureSetName, featureSetNames } from './features/feature-set.js';
export { withFeatureSet } from './features/with-feature-set.js';
export type { JudgeInput, JudgeV1, JudgeVerdict } from './judge/judge.js';
export { createOpenAIJudge, type OpenAIJudgeSettings } from './judge/openai-judge.js';
export { createPixelJudge, type PixelJudgeSettings } from './judge/pixel-judge.js';
export { withJudgeFallback } from './judge/with-judge-fallback.js';
