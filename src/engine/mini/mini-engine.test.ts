import { runEngineContract } from '../engine-contract.case.js';
import { createMiniEngine } from './mini-engine.js';

runEngineContract({ name: 'mini', createEngine: () => createMiniEngine({ seed: 3, width: 96, height: 54 }) });
runEngineContract({
  name: 'mini (int8 store)',
  createEngine: () => createMiniEngine({ seed: 4, quantization: 'int8', width: 64, height: 36 }),
});
