import {
  chatCompletionsUrl,
  type OpenAICompatibleSettings,
} from '../../../http/openai-compatible-settings.js';
import { postJson } from '../../../http/post-json.js';
import { retryOnRetryable } from '../../../http/retry.js';
import { readChatContent } from '../../llm/openai/parse-reply.js';
import type { FrameVerifierV1, VerifyInput, VerifyResult } from '../frame-verifier.js';
import { frameToDataUrl } from './encode-png.js';
import { parseVerifyReply } from './parse-verify-reply.js';
import { formatVerifyRequest, VERIFY_SYSTEM_PROMPT } from './verify-prompt.js';

/** Settings of the OpenAI-compatible vision verifier (model: e.g. `qwen2.5-vl-7b-instruct`). */
export type OpenAIVerifierSettings = OpenAICompatibleSettings;

/**
 * A verifier backed by any OpenAI-compatible vision `/chat/completions` endpoint: the sampled frames go as PNG
 * data URLs, the reply is JSON read leniently. Failures (after retries on retryable errors) throw: wrap it with
 * `withVerifierFallback` to answer with the pixel verifier instead, as `resolveVerifierFromEnv` does.
 *
 * @example
 * const verifier = createOpenAIVerifier({ baseURL: 'http://127.0.0.1:8000/v1', model: 'qwen2.5-vl-7b-instruct' });
 */
export function createOpenAIVerifier(settings: OpenAIVerifierSettings): FrameVerifierV1 {
  const url = chatCompletionsUrl(settings);

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
    verify: (input) => retryOnRetryable(() => call(input), settings),
  };
}
