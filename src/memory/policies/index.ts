export { createLongLivePolicy } from './longlive.js';
export { createMemFlowPolicy, type MemFlowSettings, scoreFrameForPrompt } from './memflow.js';
export { createSelfForcingPolicy } from './self-forcing.js';
