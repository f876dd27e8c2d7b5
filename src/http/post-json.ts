import { ApiCallError, parseRetryAfter } from '../errors/api-call-error.js';
import type { ProviderHttpSettings } from './provider-http-settings.js';

/**
 * POSTs a JSON body and returns the parsed reply with its raw text. Network errors and timeouts become
 * retryable ApiCallErrors; a non-2xx status an ApiCallError whose `isRetryable` follows the status; a body that
 * is not JSON a non-retryable one.
 *
 * @example
 * const { json } = await postJson('http://127.0.0.1:8000/v1/chat/completions', body, { timeoutMs: 5_000 });
 */
export async function postJson(
  url: string,
  body: unknown,
  settings: Pick<ProviderHttpSettings, 'apiKey' | 'headers' | 'fetch' | 'timeoutMs'>,
): Promise<{ json: unknown; raw: string }> {
  const timeoutMs = settings.timeoutMs ?? 30_000;
  let response: Response;
  let raw: string;
  try {
    response = await (settings.fetch ?? globalThis.fetch)(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
        ...settings.headers,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    raw = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const message = `${timedOut ? `no answer within ${timeoutMs} ms` : 'network error'} calling ${url}`;
    throw new ApiCallError({ message, url, cause: error, isRetryable: true });
  }
  if (!response.ok) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw new ApiCallError({
      message: `HTTP ${response.status} from ${url}`,
      url,
      status: response.status,
      body: raw,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  try {
    return { json: JSON.parse(raw) as unknown, raw };
  } catch (error) {
    const message = `body from ${url} is not JSON`;
    throw new ApiCallError({
      message,
      url,
      status: response.status,
      body: raw,
      cause: error,
      isRetryable: false,
    });
  }
}
