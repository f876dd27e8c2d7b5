import type { z } from 'zod';
import { ApiCallError, parseRetryAfter } from '../../errors/api-call-error.js';
import { EngineError } from '../../errors/engine-error.js';
import { retryOnRetryable } from '../../http/retry.js';
import { errorReplySchema } from '../protocol/wire.js';
import type { RemoteEngineSettings } from './remote-settings.js';

/** One protocol call. */
export interface RemoteCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the base URL, e.g. `/v1/sessions/s1/bank`. */
  path: string;
  /** JSON body. */
  body?: unknown;
  /** Safe to repeat after a timeout or a 5xx (the server may have done the work). */
  idempotent: boolean;
  accept?: string;
}

// Statuses a server sends before it does any work: safe to retry even a call that changes state.
const refusedStatuses = new Set([429, 503]);

function refused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code === 'ECONNREFUSED';
}

/** Wraps any failure of a call into an EngineError that says which server, call and code. */
function toEngineError(call: RemoteCall, url: string, error: unknown): EngineError {
  if (EngineError.isInstance(error)) return error;
  const where = `${call.method} ${url}`;
  if (ApiCallError.isInstance(error)) {
    const parsed = error.body === undefined ? undefined : parseErrorBody(error.body);
    const code = parsed?.code ?? (error.status === undefined ? 'engine-unreachable' : `http-${error.status}`);
    const message = parsed?.message ?? error.message;
    const hint =
      parsed?.hint ??
      (error.status === undefined
        ? 'check that the engine server runs (iamflow engine serve) and the URL'
        : undefined);
    return new EngineError({
      message: `remote engine ${where}: ${code}: ${message}`,
      issues: [
        hint === undefined
          ? { code, path: ['remote engine', where], message }
          : { code, path: ['remote engine', where], message, hint },
      ],
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new EngineError({
    message: `remote engine ${where}: ${message}`,
    issues: [{ code: 'remote-engine-failed', path: ['remote engine', where], message }],
    cause: error,
  });
}

function parseErrorBody(text: string) {
  try {
    const parsed = errorReplySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls the protocol server: one `fetch` per attempt under `timeoutMs` (body included), retries as
 * RemoteEngineSettings says, and reads the reply with `read`. Every failure becomes an EngineError naming the
 * call, the server's error code and its hint.
 */
export async function callRemote<T>(
  settings: RemoteEngineSettings,
  call: RemoteCall,
  read: (response: Response) => Promise<T>,
): Promise<T> {
  const url = `${settings.url.replace(/\/+$/, '')}${call.path}`;
  const timeoutMs = settings.timeoutMs ?? 120_000;
  const attempt = async (): Promise<T> => {
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await (settings.fetch ?? globalThis.fetch)(url, {
        method: call.method,
        headers: {
          accept: call.accept ?? 'application/json',
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
        },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal,
      });
      if (!response.ok) {
        const body = await response.text();
        const retryable =
          refusedStatuses.has(response.status) ||
          (call.idempotent && (response.status === 408 || response.status >= 500));
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        throw new ApiCallError({
          message: `HTTP ${response.status}`,
          url,
          status: response.status,
          body,
          isRetryable: retryable,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        });
      }
      return await read(response);
    } catch (error) {
      if (ApiCallError.isInstance(error) || EngineError.isInstance(error)) throw error;
      const timedOut = signal.aborted;
      throw new ApiCallError({
        message: timedOut ? `no answer within ${timeoutMs} ms` : `network error: ${(error as Error).message}`,
        url,
        cause: error,
        isRetryable: call.idempotent || (!timedOut && refused(error)),
      });
    }
  };
  try {
    return await retryOnRetryable(attempt, {
      maxRetries: settings.maxRetries ?? 2,
      retryDelayMs: settings.retryDelayMs ?? 250,
    });
  } catch (error) {
    throw toEngineError(call, url, error);
  }
}

/** Reads a JSON reply through a schema; a reply that does not fit is an EngineError naming the field. */
export async function readJson<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    throw new EngineError({
      message: `remote engine ${response.url}: the reply is not JSON`,
      issues: [
        { code: 'invalid-reply', path: ['remote engine', response.url], message: 'the reply is not JSON' },
      ],
      cause: error,
    });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const message = `reply field ${issue.path.join('.') || '(root)'}: ${issue.message}`;
  throw new EngineError({
    message: `remote engine ${response.url}: ${message}`,
    issues: [
      {
        code: 'invalid-reply',
        path: ['remote engine', response.url],
        message,
        hint: 'see docs/engine-protocol.md',
      },
    ],
  });
}
