import { EngineError } from '../../errors/engine-error.js';

/** An engine call the caller got wrong (unknown frame or id, bank overflow, use after release). */
export function engineError(
  code: string,
  path: ReadonlyArray<string | number>,
  message: string,
  hint?: string,
): EngineError {
  return new EngineError({
    message,
    issues: [hint === undefined ? { code, path, message } : { code, path, message, hint }],
  });
}
