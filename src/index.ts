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
export { formatError, IamflowError, InputError, type Issue } from './errors/index.js';
export { checkFrameSize, type VideoFrame } from './frame/video-frame.js';
export type {
  MemoryEvent,
  MemoryEventSink,
  MemoryPolicy,
  PolicyContext,
  PolicyFactory,
  TransitionKind,
} from './memory/policy.js';
export * from './pipeline/index.js';
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
