import { InputError } from '../../errors/index.js';
import type { MemoryPolicy, PolicyContext, PolicyFactory } from '../policy.js';
import { createLongLivePolicy } from './longlive.js';
import { createMemFlowPolicy } from './memflow.js';
import { createSelfForcingPolicy } from './self-forcing.js';

/**
 * The policy `iamflow generate` uses without `--policy`. The one switch to flip once `iamflow` registers itself.
 */
export const defaultPolicyName: string = 'iamflow';

const factories = new Map<string, PolicyFactory>([
  ['self-forcing', createSelfForcingPolicy],
  ['longlive', createLongLivePolicy],
  ['memflow', createMemFlowPolicy],
]);

/**
 * Adds (or replaces) a policy under a name, so a new policy plugs in without touching the loop or the CLI.
 *
 * @example
 * registerPolicy('iamflow', createIamflowPolicy);
 */
export function registerPolicy(name: string, factory: PolicyFactory): void {
  factories.set(name, factory);
}

/** Names of the registered policies, in registration order. */
export function policyNames(): string[] {
  return [...factories.keys()];
}

/**
 * Creates a registered policy for one run. Throws an InputError (`unknown-policy`, listing the known names) for an
 * unknown name, and the factory's InputError for invalid settings.
 *
 * @example
 * const policy = createPolicy('memflow', { engine, timeline, events: (e) => log.push(e) });
 */
export function createPolicy(
  name: string,
  context: PolicyContext,
  settings?: Record<string, unknown>,
): MemoryPolicy {
  return resolvePolicyFactory(name)(context, settings);
}

/**
 * The factory registered under `name`; an InputError (`unknown-policy`, listing the known names) otherwise. Lets a
 * front end reject a bad `--policy` before any work starts.
 */
export function resolvePolicyFactory(name: string): PolicyFactory {
  const factory = factories.get(name);
  if (factory) return factory;
  throw new InputError([
    {
      code: 'unknown-policy',
      path: ['--policy'],
      message: `unknown policy '${name}'`,
      hint: `use one of: ${policyNames().join(', ')}`,
    },
  ]);
}
