import { registerPolicy } from '../policies/registry.js';
import { createIamflowPolicy } from './iamflow-policy.js';

// Side-effect module: importing it makes `--policy iamflow` available.
registerPolicy('iamflow', createIamflowPolicy);
