import type { z } from 'zod';
import { InputError } from '../errors/index.js';

/** Validates a policy's checkpointed state against its schema; problems become an InputError with one issue each. */
export function parsePolicyState<T extends z.ZodType>(policy: string, schema: T, state: unknown): z.infer<T> {
  const parsed = schema.safeParse(state);
  if (parsed.success) return parsed.data;
  throw new InputError(
    parsed.error.issues.slice(0, 5).map((issue) => ({
      code: 'invalid-policy-state',
      path: ['policy', policy, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: issue.message,
      hint: 'resume with a checkpoint written by the same policy and version of iamflow',
    })),
  );
}
