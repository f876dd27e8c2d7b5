export { createLongLivePolicy } from './longlive.js';
export { createMemFlowPolicy, type MemFlowSettings, scoreFrameForPrompt } from './memflow.js';
export {
  createPolicy,
  defaultPolicyName,
  policyNames,
  registerPolicy,
  resolvePolicyFactory,
} from './registry.js';
export { createSelfForcingPolicy } from './self-forcing.js';

// Policies that live in their own modules register themselves on import (`registerPolicy`).
// Add one side-effect import per policy module here, e.g.:
// import '../iamflow/register.js';
import '../iamflow/register.js';
