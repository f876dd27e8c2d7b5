import { describe, expect, it } from 'vitest';
import { resolveVerifierFromEnv } from './resolve-verifier-from-env.js';

describe('resolveVerifierFromEnv', () => {
  it('leaves the embedded pixel verifier to the policy when no URL is set', () => {
    expect(resolveVerifierFromEnv({})).toBeUndefined();
    expect(resolveVerifierFromEnv({ IAMFLOW_VLM_URL: ' ' })).toBeUndefined();
  });

  it('uses the endpoint with the pixel verifier as fallback, named like the extractor', () => {
    const verifier = resolveVerifierFromEnv({
      IAMFLOW_VLM_URL: 'http://127.0.0.1:1/v1',
      IAMFLOW_VLM_MODEL: 'vl',
    });
    expect(verifier?.provider).toBe('openai+pixel');
    expect(verifier?.modelId).toBe('vl');
  });
});
