import { createMiniEngine } from '../engine/mini/mini-engine.js';
import { createFakeEngine } from '../pipeline/__fixtures__/fake-engine.js';
import { iamflowDefaults } from './iamflow/iamflow-defaults.js';
import { runPolicyCases } from './policy.case.js';
import { policyRegistrations } from './policy-registry.js';

// Most bank frames each policy may use: MemFlow's bank is 3, IAMFlow injects at most 4 of the 6 slots.
const bankLimits: Record<string, number> = {
  'self-forcing': 0,
  longlive: 0,
  memflow: 3,
  iamflow: iamflowDefaults.maxBudget,
};

for (const registration of policyRegistrations) {
  const bankLimit = bankLimits[registration.name];
  const common = { registration, ...(bankLimit === undefined ? {} : { bankLimit }) };
  runPolicyCases({ ...common, newEngine: () => createFakeEngine(), engineName: 'the fake engine' });
  runPolicyCases({
    ...common,
    newEngine: () => createMiniEngine({ width: 64, height: 36, seed: 3 }),
    engineName: 'the mini engine',
  });
}

// The random score ablation must be deterministic too: it draws from the run seed.
runPolicyCases({
  registration: policyRegistrations.find((entry) => entry.name === 'iamflow')!,
  settings: { score: 'random' },
  bankLimit: iamflowDefaults.maxBudget,
  newEngine: () => createMiniEngine({ width: 64, height: 36, seed: 3 }),
  engineName: 'the mini engine, random score ablation',
});
