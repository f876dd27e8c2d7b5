import type { EntityExtractorV1 } from '../../agents/llm/entity-extractor.js';
import type { FrameVerifierV1 } from '../../agents/vlm/frame-verifier.js';
import { workProfile } from '../../engine/work-profile.js';

/** Runs `work` inside a work-profile span of `part` (synchronous work only). */
export function profiled<T>(part: string, work: () => T): T {
  const span = workProfile.start(part);
  try {
    return work();
  } finally {
    workProfile.stop(span);
  }
}

/**
 * The extractor with its calls timed as `agents` in the work profile: the synchronous part of each call (all of
 * an embedded extractor's work; an HTTP extractor's wait shows in the policy's time that awaits it).
 */
export function profileExtractor(extractor: EntityExtractorV1): EntityExtractorV1 {
  return {
    specificationVersion: extractor.specificationVersion,
    provider: extractor.provider,
    modelId: extractor.modelId,
    extract: (input) => profiled('agents', () => extractor.extract(input)),
  };
}

/**
 * The verifier with its calls timed as `verify` in the work profile: the synchronous part of each call, which is
 * where an in-thread verifier computes (whenever the verify queue starts it).
 */
export function profileVerifier(verifier: FrameVerifierV1): FrameVerifierV1 {
  return {
    specificationVersion: verifier.specificationVersion,
    provider: verifier.provider,
    modelId: verifier.modelId,
    verify: (input) => profiled('verify', () => verifier.verify(input)),
  };
}
