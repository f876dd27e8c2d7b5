import { ApiCallError } from '../../llm/errors/api-call-error.js';
import { readChatContent } from '../../llm/openai/parse-reply.js';
import type { FrameVerifierV1, VerifyInput, VerifyResult } from '../frame-verifier.js';
import { createPixelVerifier } from '../pixel/create-pixel-verifier.js';
import { frameToDataUrl } from './encode-png.js';
import { parseVerifyReply } from './parse-verify-reply.js';
import { formatVerifyRequest, VERIFY_SYSTEM_PROMPT } from './verify-prompt.js';

/** Settings of the OpenAI-compatible vision verifier. */
export interface OpenAIVerifierSettings {
  /** Base URL of the API, up to and including `/v1` (e.g. `http://127.0.0.1:8000/v1` for vLLM). */
  baseURL: string;
  /** Bearer token; omit for local servers that need none. */
  apiKey?: string;
  /** Vision model name as the server knows it (`qwen2.5-vl-7b-instruct`). */
  model: string;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** `fetch` implementation; defaults to the global one. Tests inject their own. */
  fetch?: typeof globalThis.fetch;
  /** Time allowed per HTTP attempt, in milliseconds. Default 30,000. */
  timeoutMs?: number;
  /** Retries after the first attempt, on retryable errors only (408, 409, 429, 5xx, network, timeout). Default 2. */
  maxRetries?: number;
  /** Delay before the first retry, in milliseconds; doubles each retry. Default 500. */
  retryDelayMs?: number;
  /** Answers when the endpoint fails or replies badly (recorded as a fallback warning). Default: pixel verifier. */
  fallback?: FrameVerifierV1;
}

/**
 * A verifier backed by any OpenAI-compatible vision `/chat/completions` endpoint: the sampled frames go as PNG
 * data URLs, the reply is JSON read leniently. Failures (after retries on retryable errors) fall back to the
 * pixel verifier, with a `fallback` warning.
 *
 * @example
 * const verifier = createOpenAIVerifier({ baseURL: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-vl-7b-instruct' });
 */
export function createOpenAIVerifier(settings: OpenAIVerifierSettings): FrameVerifierV1 {
  const url = `${settings.baseURL.replace(/\/+$/, '')}/chat/completions`;
  const maxRetries = settings.maxRetries ?? 2;
  const retryDelayMs = settings.retryDelayMs ?? 500;
  const fallback = settings.fallback ?? createPixelVerifier();

  const call = async (input: VerifyInput): Promise<VerifyResult> => {
    const images = await Promise.all(input.frames.map(frameToDataUrl));
    const body = {
      model: settings.model,
      temperature: 0,
      messages: [
        { role: 'system', content: VERIFY_SYSTEM_PROMPT },
        {
          role: 'user',
          content: [
            { type: 'text', text: formatVerifyRequest(input) },
            ...images.map((image) => ({ type: 'image_url', image_url: { url: image } })),
          ],
        },
      ],
      response_format: { type: 'json_object' },
    };
    const { json, raw } = await postJson(url, body, settings);
    return parseVerifyReply(readChatContent(json, raw), input);
  };

  return {
    specificationVersion: 'v1',
    provider: 'openai',
    modelId: settings.model,
    async verify(input) {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await call(input);
        } catch (error) {
          const retry =
            ApiCallError.isInstance(error) && (error as ApiCallError).isRetryable && attempt < maxRetries;
          if (retry) {
            await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** attempt));
            continue;
          }
          const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          const result = await fallback.verify(input);
          return {
            ...result,
            warnings: [
              { type: 'fallback', fallback: true, reason, provider: 'openai' },
              ...(result.warnings ?? []),
            ],
          };
        }
      }
    },
  };
}

async function postJson(
  url: string,
  body: unknown,
  settings: OpenAIVerifierSettings,
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
    throw new ApiCallError({
      message: `HTTP ${response.status} from ${url}`,
      url,
      status: response.status,
      body: raw,
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
