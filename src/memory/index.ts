// `iamflow/memory`: the memory policy port and its policies (self-forcing, longlive, memflow, iamflow).
// The iamflow policy's default agents load the NLP library and canvas.

export { iamflowDefaults } from './iamflow/iamflow-defaults.js';
export { createIamflowPolicy } from './iamflow/iamflow-policy.js';
export type { IamflowSettings } from './iamflow/iamflow-settings.js';
export {
  eventsOfType,
  type MemoryEventOf,
  type MemoryEventType,
  memoryEventSchema,
} from './memory-event.js';
export * from './policies/index.js';
export type {
  ChunkEndEvent,
  MemoryEvent,
  MemoryEventSink,
  MemoryPolicy,
  MemoryPolicyV1,
  PolicyContext,
  PolicyEngine,
  PolicyFactory,
  PolicyRegistration,
  SegmentStartEvent,
  TransitionKind,
} from './policy.js';
export { createPolicyEngine } from './policy.js';
export {
  createPolicy,
  defaultPolicyName,
  policyNames,
  policyRegistrations,
  resolvePolicy,
} from './policy-registry.js';
