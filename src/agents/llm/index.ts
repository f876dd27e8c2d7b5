export { ApiCallError, InvalidResponseError, isRetryableStatus } from '../../errors/index.js';
export type {
  EntityExtractorV1,
  EntityKind,
  ExtractedCharacter,
  ExtractionInput,
  ExtractionResult,
  ExtractionSpan,
  ExtractionWarning,
  RegistrySnapshot,
} from './entity-extractor.js';
export {
  extractScriptEntities,
  runScriptExtraction,
  type ScriptEntities,
  type ScriptEntity,
  type ScriptExtraction,
  type ScriptPromptEntities,
} from './extract-script-entities.js';
export { formatEntityTable } from './format-entity-table.js';
export { createOpenAIExtractor, type OpenAIExtractorSettings } from './openai/create-openai-extractor.js';
export { EXTRACTION_JSON_SCHEMA, EXTRACTION_SYSTEM_PROMPT } from './openai/extraction-prompt.js';
export { type ExtractorEnvironment, resolveExtractorFromEnv } from './resolve-extractor-from-env.js';
export {
  createRulesExtractor,
  extractWithRules,
  type RulesExtractorSettings,
} from './rules/create-rules-extractor.js';
export {
  type AnnotatedScript,
  annotatedScriptSchema,
  attributeMatches,
  type ExtractionScore,
  scoreExtraction,
  sumScores,
} from './score-extraction.js';
export { withExtractorFallback } from './with-extractor-fallback.js';
