export type * from './engine.js';
export {
  APPEARANCE_SIZE,
  appearanceDistance,
  appearanceLayout,
  describeAppearance,
  type NamedAppearance,
} from './mini/appearance.js';
export { createMiniEngine } from './mini/mini-engine.js';
export { type MiniEngineSettings, miniEngineDefaults } from './mini/settings.js';
