import type { AgentSettings, RunSpecInput } from '../../run/run-spec.js';
import { policyVariants } from '../runner/policy-variants.js';

/** One configuration the speed bench runs every script under. */
export interface SpeedVariant {
  /** Memory policy name (`self-forcing`, `longlive`, `memflow`, `iamflow`). */
  policy: string;
  /** Short name of the variant within its policy (`default` for the policy as registered). */
  variant: string;
  /**
   * What the variant changes in the run spec (transition, engine quantization, agent settings such as syncVerify,
   * policy settings such as `sparseMemory`).
   */
  spec: Pick<RunSpecInput, 'transition' | 'engine'> & {
    agents?: AgentSettings;
    settings?: Record<string, unknown>;
  };
}

/** A policy variant of the shared registry (`policyVariants`, the main bench's too) as a speed configuration. */
function policyLever(policy: string, name: string): SpeedVariant {
  const found = policyVariants.find((variant) => variant.policy === policy && variant.name === name);
  if (!found) throw new Error(`no policy variant ${policy}/${name}`);
  return { policy, variant: name, spec: { settings: { ...found.settings } } };
}

/**
 * The configurations `iamflow bench speed` compares: the three baselines, and iamflow with each of its speed
 * levers switched one at a time (verification inline or queued, recache or soft transition at switches, sparse memory
 * activation (the reference's top 3) instead of dense attention, stored frames in float32, int8 or fp8). The policy
 * levers are the main bench's variants of the same name; the engine levers are this list's own.
 */
export const speedVariants: readonly SpeedVariant[] = [
  { policy: 'self-forcing', variant: 'default', spec: {} },
  { policy: 'longlive', variant: 'default', spec: {} },
  { policy: 'memflow', variant: 'default', spec: {} },
  { policy: 'iamflow', variant: 'default', spec: {} },
  policyLever('iamflow', 'sync-verify'),
  policyLever('iamflow', 'recache'),
  policyLever('iamflow', 'sparse'),
  { policy: 'iamflow', variant: 'int8', spec: { engine: { provider: 'mini', quantization: 'int8' } } },
  { policy: 'iamflow', variant: 'fp8', spec: { engine: { provider: 'mini', quantization: 'fp8' } } },
];

/** The label of a variant in tables: `iamflow`, `iamflow/int8`. */
export function variantLabel(variant: Pick<SpeedVariant, 'policy' | 'variant'>): string {
  return variant.variant === 'default' ? variant.policy : `${variant.policy}/${variant.variant}`;
}
