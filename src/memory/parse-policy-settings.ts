import type { z } from 'zod';
import { InputError } from '../errors/index.js';

/** Validates a policy's settings against its schema; problems become an InputError with one issue each. */
export function parseSettings<T extends z.ZodType>(
  policy: string,
  schema: T,
  settings: Record<string, unknown> | undefined,
): z.infer<T> {
  const parsed = schema.safeParse(settings ?? {});
  if (parsed.success) return parsed.data;
  throw new InputError(
    parsed.error.issues.map((issue) => ({
      code: 'invalid-policy-settings',
      path: ['policy', policy, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: issue.message,
    })),
  );
}
