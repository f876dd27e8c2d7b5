import type { FrameVerifierV1 } from './frame-verifier.js';
import { createOpenAIVerifier, type OpenAIVerifierSettings } from './openai/create-openai-verifier.js';
import { createPixelVerifier } from './pixel/create-pixel-verifier.js';
import { withVerifierFallback } from './with-verifier-fallback.js';

/** Environment variables read by `resolveVerifierFromEnv`. */
export interface VerifierEnvironment {
  /** Base URL of an OpenAI-compatible vision API; unset means the embedded pixel verifier. */
  IAMFLOW_VLM_URL?: string | undefined;
  /** Vision model name for `IAMFLOW_VLM_URL`. */
  IAMFLOW_VLM_MODEL?: string | undefined;
  /** Bearer token, if the server needs one. */
  IAMFLOW_VLM_API_KEY?: string | undefined;
}

/**
 * The verifier the environment asks for: undefined (the policy's embedded pixel verifier) by default, or an
 * OpenAI-compatible vision endpoint that falls back to the pixel verifier when `IAMFLOW_VLM_URL` is set.
 *
 * @example
 * const verifier = resolveVerifierFromEnv(process.env);
 */
export function resolveVerifierFromEnv(
  environment: VerifierEnvironment,
  overrides: Partial<OpenAIVerifierSettings> = {},
): FrameVerifierV1 | undefined {
  const baseURL = environment.IAMFLOW_VLM_URL?.trim();
  if (!baseURL) return undefined;
  const model = environment.IAMFLOW_VLM_MODEL?.trim() || 'default';
  const apiKey = environment.IAMFLOW_VLM_API_KEY?.trim();
  return withVerifierFallback(
    createOpenAIVerifier({ ...overrides, baseURL, model, ...(apiKey ? { apiKey } : {}) }),
    createPixelVerifier(),
  );
}
