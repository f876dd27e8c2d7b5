import type { EntityExtractorV1 } from './entity-extractor.js';
import { createOpenAIExtractor, type OpenAIExtractorSettings } from './openai/create-openai-extractor.js';
import { createRulesExtractor } from './rules/create-rules-extractor.js';
import { withExtractorFallback } from './with-extractor-fallback.js';

/** Environment variables read by `resolveExtractorFromEnv`. */
export interface ExtractorEnvironment {
  /** Base URL of an OpenAI-compatible API; unset means the embedded rules extractor. */
  IAMFLOW_LLM_URL?: string | undefined;
  /** Model name; required with `IAMFLOW_LLM_URL`. */
  IAMFLOW_LLM_MODEL?: string | undefined;
  /** Bearer token, if the server needs one. */
  IAMFLOW_LLM_API_KEY?: string | undefined;
}

/**
 * The extractor the environment asks for: the rules extractor by default, or an OpenAI-compatible endpoint
 * with the rules extractor as fallback when `IAMFLOW_LLM_URL` and `IAMFLOW_LLM_MODEL` are set.
 *
 * @example
 * const extractor = resolveExtractorFromEnv(process.env);
 */
export function resolveExtractorFromEnv(
  environment: ExtractorEnvironment,
  overrides: Partial<OpenAIExtractorSettings> = {},
): EntityExtractorV1 {
  const rules = createRulesExtractor();
  const baseURL = environment.IAMFLOW_LLM_URL?.trim();
  if (!baseURL) return rules;
  const model = environment.IAMFLOW_LLM_MODEL?.trim() || 'default';
  const apiKey = environment.IAMFLOW_LLM_API_KEY?.trim();
  return withExtractorFallback(
    createOpenAIExtractor({ ...overrides, baseURL, model, ...(apiKey ? { apiKey } : {}) }),
    rules,
  );
}
