// `iamflow`: the pure core — scripts and timelines, the streaming loop, the ports' types, the entity registry,
// errors and the reference parameters. It loads no SQLite, canvas or NLP library; those come with the subpaths
// that need them: iamflow/engine (the miniature engine renders with canvas), iamflow/memory and iamflow/agents
// (the embedded agents), iamflow/video, iamflow/eval, iamflow/bench (SQLite), iamflow/cli.

export type {
  EntityExtractorV1,
  ExtractionInput,
  ExtractionResult,
} from './agents/llm/entity-extractor.js';
export type { FrameVerifierV1, VerifyInput, VerifyResult } from './agents/vlm/frame-verifier.js';
export type * from './engine/engine.js';
export {
  applyCorrection,
  applyExtraction,
  createRegistry,
  findEntity,
  type Registry,
  type RegistrySnapshot,
} from './entities/registry.js';
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
export {
  type ChunkFrames,
  completeChunkFrames,
  type FrameDemand,
  partialChunkFrames,
} from './frame/chunk-frames.js';
export { checkFrameSize, type VideoFrame } from './frame/video-frame.js';
export type { ProviderHttpSettings } from './http/provider-http-settings.js';
export {
  eventsOfType,
  type MemoryEventOf,
  type MemoryEventType,
  memoryEventSchema,
} from './memory/memory-event.js';
export type {
  MemoryEvent,
  MemoryEventSink,
  MemoryPolicy,
  MemoryPolicyV1,
  PolicyContext,
  PolicyEngine,
  PolicyFactory,
  PolicyRegistration,
  TransitionKind,
} from './memory/policy.js';
export * from './pipeline/index.js';
export { callWithFallback } from './provider/call-with-fallback.js';
export type { ProviderWarning } from './provider/provider-warning.js';
export { reference } from './reference/index.js';
export {
  buildTimeline,
  type CharacterAnnotation,
  readScript,
  readScripts,
  type Script,
  type ScriptAnnotations,
  type Segment,
  type Timeline,
} from './script/index.js';
