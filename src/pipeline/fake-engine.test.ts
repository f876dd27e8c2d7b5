import { runEngineContract } from '../engine/engine-contract.case.js';
import { createFakeEngine } from './__fixtures__/fake-engine.js';

// The test fake stands in for engines in the pipeline, CLI and policy tests: it must keep the port's contract.
runEngineContract({ name: 'fake (test fixture)', createEngine: async () => createFakeEngine() });
