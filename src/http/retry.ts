import { ApiCallError } from '../errors/api-call-error.js';
import type { ProviderHttpSettings } from './provider-http-settings.js';

/**
 * Runs `attempt` until it succeeds, retrying only ApiCallErrors marked `isRetryable`, at most `maxRetries` times,
 * with exponential backoff from `retryDelayMs`, or longer when the server's `Retry-After` asks for it. A server
 * asking for more than `maxRetryAfterMs` (default 60 s) is not waited for: its error is thrown at once, so a
 * caller falls back instead of sleeping. Other errors and the last failure are thrown.
 *
 * @example
 * const reply = await retryOnRetryable(() => postJson(url, body, settings), { maxRetries: 2 });
 */
export async function retryOnRetryable<T>(
  attempt: () => Promise<T>,
  options: Pick<ProviderHttpSettings, 'maxRetries' | 'retryDelayMs' | 'maxRetryAfterMs'> = {},
): Promise<T> {
  const maxRetries = options.maxRetries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 500;
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!ApiCallError.isInstance(error) || !error.isRetryable || tries >= maxRetries) throw error;
      const retryAfterMs = error.retryAfterMs ?? 0;
      if (retryAfterMs > (options.maxRetryAfterMs ?? 60_000)) throw error;
      const delay = Math.max(retryDelayMs * 2 ** tries, retryAfterMs);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
