import { IamflowError, type Issue } from '../errors/index.js';

/** The one error shape of every API response: `{ error: { code, message, hint } }` (`issues` for bad input). */
export interface ErrorBody {
  error: { code: string; message: string; hint?: string; issues?: Issue[] };
}

/** An HTTP failure with a stable code; `app.onError` turns it into an {@link ErrorBody}. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly issues?: readonly Issue[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The status and body of any thrown value: input errors are 400s, unexpected ones 500s without internals. */
export function errorResponse(error: unknown): { status: HttpError['status']; body: ErrorBody } {
  if (error instanceof HttpError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.hint) body.error.hint = error.hint;
    if (error.issues) body.error.issues = [...error.issues];
    return { status: error.status, body };
  }
  if (IamflowError.isInstance(error) && error.exitCode === 2) {
    const first = error.issues[0];
    const body: ErrorBody = {
      error: { code: first?.code ?? 'invalid-input', message: error.message, issues: [...error.issues] },
    };
    if (first?.hint) body.error.hint = first.hint;
    return { status: 400, body };
  }
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'unexpected server error', hint: 'see the server log' } },
  };
}
