import { callWithFallback, fallbackProviderName } from '../../provider/call-with-fallback.js';
import type { FrameVerifierV1 } from './frame-verifier.js';

/**
 * A verifier that tries `primary` and, when it throws, answers with `fallback` (usually the pixel verifier),
 * adding a `{ type: 'fallback', fallback: true, reason }` warning so run.json shows what happened. Its provider is
 * `primary+fallback`.
 *
 * @example
 * const verifier = withVerifierFallback(createOpenAIVerifier(settings), createPixelVerifier());
 */
export function withVerifierFallback(primary: FrameVerifierV1, fallback: FrameVerifierV1): FrameVerifierV1 {
  return {
    specificationVersion: 'v1',
    provider: fallbackProviderName(primary, fallback),
    modelId: primary.modelId,
    verify: (input) =>
      callWithFallback(
        primary.provider,
        () => primary.verify(input),
        () => fallback.verify(input),
      ),
  };
}
