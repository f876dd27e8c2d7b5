import type { EntityExtractorV1 } from './entity-extractor.js';

/**
 * An extractor that tries `primary` and, when it throws, answers with `fallback` (usually the rules extractor),
 * adding a `{ type: 'fallback', fallback: true, reason }` warning so run.json shows what happened.
 *
 * @example
 * const extractor = withFallback(createOpenAIExtractor(settings), createRulesExtractor());
 */
export function withFallback(primary: EntityExtractorV1, fallback: EntityExtractorV1): EntityExtractorV1 {
  return {
    specificationVersion: 'v1',
    provider: `${primary.provider}+${fallback.provider}`,
    modelId: primary.modelId,
    extract: async (input) => {
      try {
        return await primary.extract(input);
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        const result = await fallback.extract(input);
        return {
          ...result,
          warnings: [
            { type: 'fallback', fallback: true, reason, provider: primary.provider },
            ...(result.warnings ?? []),
          ],
        };
      }
    },
  };
}
