export {
  checkEngineContract,
  type EngineCaseResult,
  type EngineConformanceReport,
} from './check-engine-contract.js';
export type * from './engine.js';
export { type EngineContractCase, type EngineMaker, engineContractCases } from './engine-contract-cases.js';
export {
  APPEARANCE_SIZE,
  appearanceDistance,
  appearanceLayout,
  describeAppearance,
  type NamedAppearance,
} from './mini/appearance.js';
export { createMiniEngine } from './mini/mini-engine.js';
export { type MiniEngineSettings, miniEngineDefaults } from './mini/settings.js';
export { createEngineApp, type EngineAppSettings } from './protocol/create-engine-app.js';
export type { EngineSessionFactory } from './protocol/engine-sessions.js';
export { type EngineServer, type ServeEngineSettings, serveEngine } from './protocol/serve-engine.js';
export { type CreateSessionRequest, ENGINE_PROTOCOL } from './protocol/wire.js';
export { createRemoteEngine } from './remote/create-remote-engine.js';
export type { RemoteEngineSettings } from './remote/remote-settings.js';
