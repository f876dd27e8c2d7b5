/**
 * Connection, timeout and retry settings shared by every HTTP provider: the OpenAI-compatible LLM extractor, VLM
 * verifier and evaluation judge, and later the remote engine.
 */
export interface ProviderHttpSettings {
  /** Base URL of the API, up to and including `/v1` (e.g. `http://127.0.0.1:8000/v1` for vLLM). */
  baseURL: string;
  /** Bearer token; omit for local servers that need none. */
  apiKey?: string;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** `fetch` implementation; defaults to the global one. Tests inject their own. */
  fetch?: typeof globalThis.fetch;
  /** Time allowed per HTTP attempt, in milliseconds. Default 30,000 (the judge: 60,000). */
  timeoutMs?: number;
  /** Retries after the first attempt, on retryable errors only (408, 409, 429, 5xx, network, timeout). Default 2. */
  maxRetries?: number;
  /** Delay before the first retry, in milliseconds; doubles each retry. Default 500. */
  retryDelayMs?: number;
  /**
   * Longest `Retry-After` (429/503) worth waiting for, in milliseconds; a server asking for more fails the call at
   * once (the agents then fall back). Default 60,000.
   */
  maxRetryAfterMs?: number;
}
