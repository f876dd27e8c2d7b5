import {
  chatCompletionsUrl,
  type OpenAICompatibleSettings,
} from '../../../http/openai-compatible-settings.js';
import { postJson } from '../../../http/post-json.js';
import { retryOnRetryable } from '../../../http/retry.js';
import type { EntityExtractorV1, ExtractionInput, ExtractionResult } from '../entity-extractor.js';
import {
  EXTRACTION_JSON_SCHEMA,
  EXTRACTION_SYSTEM_PROMPT,
  formatExtractionRequest,
} from './extraction-prompt.js';
import { parseExtractionReply, readChatContent } from './parse-reply.js';

/** Settings of the OpenAI-compatible extractor (model: e.g. `qwen3-4b-instruct`). */
export type OpenAIExtractorSettings = OpenAICompatibleSettings;

/**
 * An extractor backed by any OpenAI-compatible `/chat/completions` endpoint (vLLM, Ollama, llama.cpp, cloud),
 * asking for structured JSON output.
 *
 * @example
 * const extractor = createOpenAIExtractor({ baseURL: 'http://127.0.0.1:11434/v1', model: 'qwen3:4b' });
 */
export function createOpenAIExtractor(settings: OpenAIExtractorSettings): EntityExtractorV1 {
  const url = chatCompletionsUrl(settings);
  const call = async (input: ExtractionInput): Promise<ExtractionResult> => {
    const { json, raw } = await postJson(url, requestBody(settings.model, input), settings);
    return parseExtractionReply(readChatContent(json, raw), input);
  };
  return {
    specificationVersion: 'v1',
    provider: 'openai',
    modelId: settings.model,
    extract: (input) => retryOnRetryable(() => call(input), settings),
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
