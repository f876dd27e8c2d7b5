import { z } from 'zod';
import { parseSettings } from '../parse-policy-settings.js';
import { parsePolicyState } from '../parse-policy-state.js';
import type { MemoryPolicy, PolicyContext } from '../policy.js';

const settingsSchema = z.strictObject({});
const stateSchema = z.strictObject({ policy: z.literal('longlive') });

/**
 * LongLive: Self-Forcing plus a KV recache at each switch (the local window re-run under the new prompt); no bank.
 *
 * @example
 * const policy = createLongLivePolicy(context);
 */
export function createLongLivePolicy(
  _context: PolicyContext,
  settings?: Record<string, unknown>,
): MemoryPolicy {
  parseSettings('longlive', settingsSchema, settings);
  return {
    specificationVersion: 'v1',
    name: 'longlive',
    transition: 'recache',
    // Nothing to keep: the engine's sink and local window are the whole memory.
    checkpoint: async () => ({ policy: 'longlive' }),
    restore: async (state) => {
      parsePolicyState('longlive', stateSchema, state);
    },
  };
}
