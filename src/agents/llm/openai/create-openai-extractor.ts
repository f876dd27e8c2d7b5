import type { EntityExtractorV1, ExtractionInput, ExtractionResult } from '../entity-extractor.js';
import { ApiCallError } from '../errors/api-call-error.js';
import {
  EXTRACTION_JSON_SCHEMA,
  EXTRACTION_SYSTEM_PROMPT,
  formatExtractionRequest,
} from './extraction-prompt.js';
import { parseExtractionReply, readChatContent } from './parse-reply.js';

/** Settings of the OpenAI-compatible extractor. */
export interface OpenAIExtractorSettings {
  /** Base URL of the API, up to and including `/v1` (e.g. `http://127.0.0.1:8000/v1` for vLLM). */
  baseURL: string;
  /** Bearer token; omit for local servers that need none. */
  apiKey?: string;
  /** Model name as the server knows it (`qwen3-4b-instruct`). */
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
}

/**
 * An extractor backed by any OpenAI-compatible `/chat/completions` endpoint (vLLM, Ollama, llama.cpp, cloud),
 * asking for structured JSON output.
 *
 * @example
 * const extractor = createOpenAIExtractor({ baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen3:4b' });
 */
export function createOpenAIExtractor(settings: OpenAIExtractorSettings): EntityExtractorV1 {
  const url = `${settings.baseURL.replace(/\/+$/, '')}/chat/completions`;
  const maxRetries = settings.maxRetries ?? 2;
  const retryDelayMs = settings.retryDelayMs ?? 500;
  const call = async (input: ExtractionInput): Promise<ExtractionResult> => {
    const { body, raw } = await postJson(url, requestBody(settings.model, input), settings);
    return parseExtractionReply(readChatContent(body, raw), input);
  };
  return {
    specificationVersion: 'v1',
    provider: 'openai',
    modelId: settings.model,
    extract: async (input) => {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await call(input);
        } catch (error) {
          if (
            !ApiCallError.isInstance(error) ||
            !(error as ApiCallError).isRetryable ||
            attempt >= maxRetries
          ) {
            throw error;
          }
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** attempt));
        }
      }
    },
  };
}

function requestBody(model: string, input: ExtractionInput): unknown {
  return {
    model,
    temperature: 0,
    messages: [
      { role: 'system', content: EXTRACTION_SYSTEM_PROMPT },
      { role: 'user', content: formatExtractionRequest(input) },
    ],
    response_format: { type: 'json_schema', json_schema: EXTRACTION_JSON_SCHEMA },
  };
}

async function postJson(
  url: string,
  body: unknown,
  settings: OpenAIExtractorSettings,
): Promise<{ body: unknown; raw: string }> {
  const fetchImplementation = settings.fetch ?? globalThis.fetch;
  let response: Response;
  let raw: string;
  try {
    response = await fetchImplementation(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
        ...settings.headers,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(settings.timeoutMs ?? 30_000),
    });
    raw = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const message = timedOut ? `no answer within ${settings.timeoutMs ?? 30_000} ms` : 'network error';
    throw new ApiCallError({ message: `${message} calling ${url}`, url, cause: error, isRetryable: true });
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
    return { body: JSON.parse(raw) as unknown, raw };
  } catch (error) {
    throw new ApiCallError({ message: `body from ${url} is not JSON`, url, status: response.status, body: raw, cause: error, isRetryable: false }); // biome-ignore format: one call
  }
}
