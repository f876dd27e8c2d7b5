import { IamflowError } from '../../errors/index.js';

/** An engine call the caller got wrong (unknown frame or id, bank overflow, use after release). */
export function engineError(
  code: string,
  path: ReadonlyArray<string | number>,
  message: string,
  hint?: string,
): IamflowError {
  return new IamflowError({
    name: 'EngineError',
    message,
    issues: [hint === undefined ? { code, path, message } : { code, path, message, hint }],
  });
}
