import { IamflowError } from './iamflow-error.js';

const name = 'ApiCallError';
const marker = `iamflow.error.${name}`;
const symbol = Symbol.for(marker);

/** An HTTP call to a model endpoint failed: a non-2xx status, a network error or a timeout. */
export class ApiCallError extends IamflowError {
  readonly [symbol] = true;
  /** The URL that was called. */
  readonly url: string;
  /** HTTP status, absent for network errors and timeouts. */
  readonly status: number | undefined;
  /** Response body (truncated to 2,000 characters), when there was one. */
  readonly body: string | undefined;
  /** Whether trying again may succeed: 408, 409, 429, 5xx, network errors and timeouts. */
  readonly isRetryable: boolean;
  /** How long the server asked the caller to wait before trying again (its `Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(options: {
    message: string;
    url: string;
    status?: number;
    body?: string;
    cause?: unknown;
    isRetryable?: boolean;
    retryAfterMs?: number;
  }) {
    super({
      name,
      message: options.message,
      cause: options.cause,
      issues: [{ code: 'api-call-failed', path: [options.url], message: options.message }],
    });
    this.url = options.url;
    this.status = options.status;
    this.body = options.body?.slice(0, 2000);
    this.isRetryable = options.isRetryable ?? isRetryableStatus(options.status);
    this.retryAfterMs = options.retryAfterMs;
  }

  static override isInstance(error: unknown): error is ApiCallError {
    return IamflowError.hasMarker(error, marker);
  }
}

/** 408, 409, 429 and 5xx are worth retrying; other statuses are not. */
export function isRetryableStatus(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * A `Retry-After` header in milliseconds: delay-seconds or an HTTP date (RFC 9110 10.2.3); undefined when absent or
 * unreadable, 0 for a date in the past.
 *
 * @example
 * parseRetryAfter('2') // 2000
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
