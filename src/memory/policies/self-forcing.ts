import { z } from 'zod';
import { parseSettings } from '../parse-policy-settings.js';
import { parsePolicyState } from '../parse-policy-state.js';
import type { MemoryPolicy, PolicyContext } from '../policy.js';

const settingsSchema = z.strictObject({});
const stateSchema = z.strictObject({ policy: z.literal('self-forcing') });

/**
 * Self-Forcing: sink + rolling local window only; at a switch the prompt is swapped in place (no recache, no bank).
 *
 * @example
 * const policy = createSelfForcingPolicy(context);
 */
export function createSelfForcingPolicy(
  _context: PolicyContext,
  settings?: Record<string, unknown>,
): MemoryPolicy {
  parseSettings('self-forcing', settingsSchema, settings);
  return {
    specificationVersion: 'v1',
    name: 'self-forcing',
    transition: 'swap',
    // Nothing to keep: the engine's sink and local window are the whole memory.
    checkpoint: async () => ({ policy: 'self-forcing' }),
    restore: async (state) => {
      parsePolicyState('self-forcing', stateSchema, state);
    },
  };
}
