export { type GenerateVideoOptions, generateVideo } from './generate-video.js';
export { createLivePrompts, type LivePrompts, type PromptEdit } from './live-prompts.js';
export {
  type ChunkSegment,
  keepsPast,
  type PromptSource,
  scriptOfTimeline,
  timelineFromChunks,
} from './prompt-source.js';
export {
  createRunJson,
  parseRunJson,
  type RunJson,
  type RunJsonDetails,
  runJsonSchema,
  runJsonVersion,
} from './run-json.js';
export {
  type ChunkTiming,
  type Clock,
  type PromptRecord,
  type RunProgress,
  type RunResult,
  type SwitchRecord,
  subtractCosts,
  sumCosts,
} from './run-result.js';
export {
  adaptiveWindowFrames,
  cosineSimilarity,
  resolveSoftTransition,
  type SoftTransitionOptions,
  type SoftTransitionSchedule,
  softTransitionDefaults,
  type TransitionCurve,
  transitionAlpha,
  transitionCurves,
} from './transition.js';
