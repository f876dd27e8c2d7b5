import { InputError } from '../errors/index.js';
import { createIamflowPolicy } from './iamflow/iamflow-policy.js';
import { createLongLivePolicy } from './policies/longlive.js';
import { createMemFlowPolicy } from './policies/memflow.js';
import { createSelfForcingPolicy } from './policies/self-forcing.js';
import type { MemoryPolicy, PolicyContext, PolicyRegistration } from './policy.js';

/**
 * Every policy, in the order help texts and `iamflow bench` list them. Adding a policy means adding one entry here;
 * the loop, the CLI's `--policy`, its help and the bench pick it up by name.
 */
export const policyRegistrations: readonly PolicyRegistration[] = [
  {
    name: 'self-forcing',
    summary: 'sink + rolling local window, prompt swapped in place',
    takesAgents: false,
    create: createSelfForcingPolicy,
  },
  {
    name: 'longlive',
    summary: 'self-forcing plus a KV recache at every switch',
    takesAgents: false,
    create: createLongLivePolicy,
  },
  {
    name: 'memflow',
    summary: 'longlive plus a 3-frame bank kept by prompt score',
    takesAgents: false,
    create: createMemFlowPolicy,
  },
  {
    name: 'iamflow',
    summary: 'identity-aware memory: entity IDs, archive, set-cover bank, VLM verification',
    takesAgents: true,
    create: createIamflowPolicy,
  },
];

/** The policy `iamflow generate` uses without `--policy`. */
export const defaultPolicyName: string = 'iamflow';

/** Names of the policies of a list (default: every policy), in order. */
export function policyNames(registrations: readonly PolicyRegistration[] = policyRegistrations): string[] {
  return registrations.map((registration) => registration.name);
}

/**
 * The registration of `name`; an InputError (`unknown-policy`, listing the known names) otherwise. Lets a front end
 * reject a bad `--policy` before any work starts.
 *
 * @example
 * resolvePolicy('memflow').takesAgents // false
 */
export function resolvePolicy(
  name: string,
  registrations: readonly PolicyRegistration[] = policyRegistrations,
): PolicyRegistration {
  const found = registrations.find((registration) => registration.name === name);
  if (found) return found;
  throw new InputError([
    {
      code: 'unknown-policy',
      path: ['--policy'],
      message: `unknown policy '${name}'`,
      hint: `use one of: ${policyNames(registrations).join(', ')}`,
    },
  ]);
}

/**
 * Creates a listed policy for one run. Throws an InputError (`unknown-policy`) for an unknown name, and the
 * factory's InputError for invalid settings.
 *
 * @example
 * const policy = createPolicy('memflow', { engine: createPolicyEngine(engine), timeline, events, seed: 1 });
 */
export function createPolicy(
  name: string,
  context: PolicyContext,
  settings?: Record<string, unknown>,
): MemoryPolicy {
  return resolvePolicy(name).create(context, settings);
}
