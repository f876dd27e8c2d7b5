import {
  chatCompletionsUrl,
  type OpenAICompatibleSettings,
} from '../../../http/openai-compatible-settings.js';
import { postJson } from '../../../http/post-json.js';
import { retryOnRetryable } from '../../../http/retry.js';
import { readChatContent } from '../../llm/openai/parse-reply.js';
import type { FrameVerifierV1, VerifyInput, VerifyResult } from '../frame-verifier.js';
import { createPixelVerifier } from '../pixel/create-pixel-verifier.js';
import { frameToDataUrl } from './encode-png.js';
import { parseVerifyReply } from './parse-verify-reply.js';
import { formatVerifyRequest, VERIFY_SYSTEM_PROMPT } from './verify-prompt.js';

/** Settings of the OpenAI-compatible vision verifier (model: e.g. `qwen2.5-vl-7b-instruct`). */
export interface OpenAIVerifierSettings extends OpenAICompatibleSettings {
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
  const url = chatCompletionsUrl(settings);
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
      try {
        return await retryOnRetryable(() => call(input), settings);
      } catch (error) {
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
    },
  };
}
