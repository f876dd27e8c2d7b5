// The public library API: the main functions and types of every part, for use without the CLI.

export {
  createOpenAIExtractor,
  createRulesExtractor,
  type EntityExtractorV1,
  type ExtractionInput,
  type ExtractionResult,
  type ExtractorEnvironment,
  extractScriptEntities,
  formatEntityTable,
  resolveExtractorFromEnv,
  type ScriptEntities,
  withFallback,
} from './agents/llm/index.js';
export type { FrameVerifierV1, VerifyInput, VerifyResult } from './agents/vlm/frame-verifier.js';
export {
  createOpenAIVerifier,
  type OpenAIVerifierSettings,
} from './agents/vlm/openai/create-openai-verifier.js';
export { createPixelVerifier, type PixelVerifierSettings } from './agents/vlm/pixel/create-pixel-verifier.js';
export { evaluateVideo, metricProxies } from './bench/eval/evaluate-video.js';
export type { EvaluateVideoOptions, EvaluationReport, MetricName } from './bench/eval/evaluation-report.js';
export { aggregateResults, type ResultsSummary, writeReport } from './bench/report/index.js';
export { type BenchOptions, type BenchSummary, benchDefaults, runBench } from './bench/runner/index.js';
export { openResultsStore, type ResultsStore, type StoredRun } from './bench/store/index.js';
export type {
  CausalVideoEngineV1,
  EncodedPrompt,
  EngineCosts,
  EngineInfo,
  FrameKeys,
  GenerateChunkOptions,
  GeneratedChunk,
  RenderRecordEntry,
} from './engine/index.js';
export { createMiniEngine, type MiniEngineSettings, miniEngineDefaults } from './engine/index.js';
export { applyCorrection, applyExtraction, createRegistry, type Registry } from './entities/registry.js';
export { formatError, IamflowError, InputError, type Issue } from './errors/index.js';
export { checkFrameSize, encodePng, type VideoFrame, writePng } from './frame/index.js';
export { createIamflowPolicy } from './memory/iamflow/iamflow-policy.js';
export {
  createLongLivePolicy,
  createMemFlowPolicy,
  createPolicy,
  createSelfForcingPolicy,
  defaultPolicyName,
  policyNames,
  registerPolicy,
  resolvePolicyFactory,
} from './memory/policies/index.js';
export type {
  MemoryEvent,
  MemoryEventSink,
  MemoryPolicy,
  PolicyContext,
  PolicyFactory,
  TransitionKind,
} from './memory/policy.js';
export * from './pipeline/index.js';
export {
  buildTimeline,
  readScript,
  readScripts,
  type Script,
  type ScriptAnnotations,
  type Segment,
  type Timeline,
} from './script/index.js';
export {
  createMp4Encoder,
  decodeMp4,
  type Mp4Encoder,
  probeVideo,
  resolveFfmpeg,
} from './video/index.js';
