// The public library API: the main functions and types of every part, for use without the CLI.

export type { EntityExtractorV1, ExtractionInput, ExtractionResult } from './agents/llm/entity-extractor.js';
export { extractScriptEntities, type ScriptEntities } from './agents/llm/extract-script-entities.js';
export {
  type ExtractorEnvironment,
  resolveExtractorFromEnv,
} from './agents/llm/resolve-extractor-from-env.js';
export { evaluateVideo, metricProxies } from './bench/eval/evaluate-video.js';
export type { EvaluateVideoOptions, EvaluationReport, MetricName } from './bench/eval/evaluation-report.js';
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
  VideoFrame,
} from './engine/engine.js';
export { createMiniEngine } from './engine/mini/mini-engine.js';
export { type MiniEngineSettings, miniEngineDefaults } from './engine/mini/settings.js';
export { formatError, IamflowError, InputError, type Issue } from './errors/index.js';
export {
  createLongLivePolicy,
  createMemFlowPolicy,
  createPolicy,
  createSelfForcingPolicy,
  defaultPolicyName,
  policyNames,
  registerPolicy,
} from './memory/policies/index.js';
export type {
  MemoryEvent,
  MemoryEventSink,
  MemoryPolicy,
  PolicyContext,
  PolicyFactory,
  TransitionKind,
} from './memory/policy.js';
export { applyCorrection, applyExtraction, createRegistry, type Registry } from './memory/registry.js';
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
