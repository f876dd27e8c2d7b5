import { describe, expect, it } from 'vitest';
import { resolveExtractorFromEnv } from './resolve-extractor-from-env.js';

describe('resolveExtractorFromEnv', () => {
  it('uses the rules extractor without IAMFLOW_LLM_URL', () => {
    expect(resolveExtractorFromEnv({}).provider).toBe('rules');
    expect(resolveExtractorFromEnv({ IAMFLOW_LLM_URL: '  ' }).provider).toBe('rules');
  });

  it('uses the OpenAI-compatible endpoint with the rules extractor as fallback', () => {
    const extractor = resolveExtractorFromEnv({
      IAMFLOW_LLM_URL: 'http://127.0.0.1:9/v1',
      IAMFLOW_LLM_MODEL: 'qwen3',
    });
    expect(extractor.provider).toBe('openai+rules');
    expect(extractor.modelId).toBe('qwen3');
  });
});
