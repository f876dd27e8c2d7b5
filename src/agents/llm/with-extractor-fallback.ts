import { callWithFallback, fallbackProviderName } from '../../provider/call-with-fallback.js';
import type { EntityExtractorV1 } from './entity-extractor.js';

/**
 * An extractor that tries `primary` and, when it throws, answers with `fallback` (usually the rules extractor),
 * adding a `{ type: 'fallback', fallback: true, reason }` warning so run.json shows what happened. Its provider is
 * `primary+fallback`.
 *
 * @example
 * const extractor = withExtractorFallback(createOpenAIExtractor(settings), createRulesExtractor());
 */
export function withExtractorFallback(
  primary: EntityExtractorV1,
  fallback: EntityExtractorV1,
): EntityExtractorV1 {
  return {
    specificationVersion: 'v1',
    provider: fallbackProviderName(primary, fallback),
    modelId: primary.modelId,
    extract: (input) =>
      callWithFallback(
        primary.provider,
        () => primary.extract(input),
        () => fallback.extract(input),
      ),
  };
}
