export { type CollectSink, createCollectSink } from './collect-sink.js';
export { createRunDirSink, type RunDirSinkSettings } from './create-run-dir-sink.js';
export { type ResolvedAgents, resolveAgents } from './resolve-agents.js';
export { denoisingTimesteps, runDefaults } from './run-defaults.js';
export {
  createMiniEngineFactory,
  type RunScriptOptions,
  type RunScriptResult,
  runScript,
} from './run-script.js';
export type { FrameEncoder, RunOutputFiles, RunPlan, RunSink } from './run-sink.js';
export {
  type AgentSettings,
  agentSettingsSchema,
  type EngineFactory,
  type EngineSettings,
  parseRunSpec,
  type RemoteEngineSpec,
  type RunSpec,
  type RunSpecInput,
  runSpecSchema,
  specScript,
} from './run-spec.js';
