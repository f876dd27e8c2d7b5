import { z } from 'zod';
import { parseSettings } from '../parse-policy-settings.js';
import type { MemoryPolicy, PolicyContext } from '../policy.js';

const settingsSchema = z.strictObject({});

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
  return { specificationVersion: 'v1', name: 'longlive', transition: 'recache' };
}
