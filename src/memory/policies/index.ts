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

import { createIamflowPolicy } from '../iamflow/iamflow-policy.js';
import { registerPolicy } from './registry.js';

// Policies that live in their own folders are registered here, so the dependency runs one way (policies -> iamflow).
registerPolicy('iamflow', createIamflowPolicy);
