import { z } from 'zod';
import { parseSettings } from '../parse-policy-settings.js';
import type { MemoryPolicy, PolicyContext } from '../policy.js';

const settingsSchema = z.strictObject({});

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
  return { specificationVersion: 'v1', name: 'self-forcing', transition: 'swap' };
}
