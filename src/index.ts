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
  withExtractorFallback,
} from './agents/llm/index.js';
export type { FrameVerifierV1, VerifyInput, VerifyResult } from './agents/vlm/frame-verifier.js';
export {
  createOpenAIVerifier,
  type OpenAIVerifierSettings,
} from './agents/vlm/openai/create-openai-verifier.js';
export { createPixelVerifier, type PixelVerifierSettings } from './agents/vlm/pixel/create-pixel-verifier.js';
export { withVerifierFallback } from './agents/vlm/with-verifier-fallback.js';
export { evaluateVideo, metricProxies } from './bench/eval/evaluate-video.js';
export type { EvaluateVideoOptions, EvaluationReport, MetricName } from './bench/eval/evaluation-report.js';
export type { JudgeInput, JudgeV1, JudgeVerdict } from './bench/eval/judge/judge.js';
export { createOpenAIJudge, type OpenAIJudgeSettings } from './bench/eval/judge/openai-judge.js';
export { createPixelJudge, type PixelJudgeSettings } from './bench/eval/judge/pixel-judge.js';
export { withJudgeFallback } from './bench/eval/judge/with-judge-fallback.js';
export { aggregateResults, type ResultsSummary, writeReport } from './bench/report/index.js';
export { type BenchOptions, type BenchSummary, benchDefaults, runBench } from './bench/runner/index.js';
export { openResultsStore, type ResultsStore, type StoredRun } from './bench/store/index.js';
export { main as runCli } from './cli/main.js';
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
export {
  type CreateSessionRequest,
  checkEngineContract,
  createEngineApp,
  createMiniEngine,
  createRemoteEngine,
  ENGINE_PROTOCOL,
  type EngineAppSettings,
  type EngineConformanceReport,
  type EngineServer,
  type EngineSessionFactory,
  engineContractCases,
  type MiniEngineSettings,
  miniEngineDefaults,
  type RemoteEngineSettings,
  serveEngine,
} from './engine/index.js';
export { applyCorrection, applyExtraction, createRegistry, type Registry } from './entities/registry.js';
export {
  ApiCallError,
  EngineError,
  formatError,
  IamflowError,
  InputError,
  InvalidResponseError,
  type Issue,
  JudgeError,
  RegistryUpdateError,
  StoreError,
  VideoError,
} from './errors/index.js';
export { checkFrameSize, encodePng, type VideoFrame, writePng } from './frame/index.js';
export type { ProviderHttpSettings } from './http/provider-http-settings.js';
export { createIamflowPolicy } from './memory/iamflow/iamflow-policy.js';
export {
  eventsOfType,
  type MemoryEventOf,
  type MemoryEventType,
  memoryEventSchema,
} from './memory/memory-event.js';
export {
  createLongLivePolicy,
  createMemFlowPolicy,
  createSelfForcingPolicy,
} from './memory/policies/index.js';
export {
  createPolicyEngine,
  type MemoryEvent,
  type MemoryEventSink,
  type MemoryPolicy,
  type MemoryPolicyV1,
  type PolicyContext,
  type PolicyEngine,
  type PolicyFactory,
  type PolicyRegistration,
  type TransitionKind,
} from './memory/policy.js';
export {
  createPolicy,
  defaultPolicyName,
  policyNames,
  policyRegistrations,
  resolvePolicy,
} from './memory/policy-registry.js';
export * from './pipeline/index.js';
export { callWithFallback } from './provider/call-with-fallback.js';
export type { ProviderWarning } from './provider/provider-warning.js';
export * from './run/index.js';
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
