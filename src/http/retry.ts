import { ApiCallError } from '../errors/api-call-error.js';
import type { ProviderHttpSettings } from './provider-http-settings.js';

/**
 * Runs `attempt` until it succeeds, retrying only ApiCallErrors marked `isRetryable`, at most `maxRetries` times,
 * with exponential backoff from `retryDelayMs`. Other errors and the last failure are thrown.
 *
 * @example
 * const reply = await retryOnRetryable(() => postJson(url, body, settings), { maxRetries: 2 });
 */
export async function retryOnRetryable<T>(
  attempt: () => Promise<T>,
  options: Pick<ProviderHttpSettings, 'maxRetries' | 'retryDelayMs'> = {},
): Promise<T> {
  const maxRetries = options.maxRetries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 500;
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      const retryable = ApiCallError.isInstance(error) && error.isRetryable;
      if (!retryable || tries >= maxRetries) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** tries));
    }
  }
}
