import type { FrameVerifierV1 } from './frame-verifier.js';
import { createOpenAIVerifier } from './openai/create-openai-verifier.js';
import { createPixelVerifier, type PixelVerifierSettings } from './pixel/create-pixel-verifier.js';
import { withVerifierFallback } from './with-verifier-fallback.js';

/**
 * A verifier described as plain data, so a worker thread can build its own copy: the embedded pixel verifier,
 * or an OpenAI-compatible vision endpoint that falls back to it (as `resolveVerifierFromEnv` builds it).
 */
export type VerifierSpec =
  | { provider: 'pixel'; settings?: PixelVerifierSettings }
  | {
      provider: 'openai';
      baseURL: string;
      model: string;
      apiKey?: string;
      timeoutMs?: number;
      maxRetries?: number;
    };

/** Builds the verifier a spec describes. */
export function createVerifierFromSpec(spec: VerifierSpec): FrameVerifierV1 {
  if (spec.provider === 'pixel') return createPixelVerifier(spec.settings);
  const { provider: _provider, ...settings } = spec;
  return withVerifierFallback(createOpenAIVerifier(settings), createPixelVerifier());
}
