import { applyExtraction, createRegistry, type Registry } from '../../entities/registry.js';
import type { EntityExtractorV1, ExtractionResult, ExtractionWarning } from './entity-extractor.js';

/** A whole script's extraction: the final registry and each prompt's raw result. */
export interface ScriptExtraction {
  /** Registry after the last prompt. */
  registry: Registry;
  /** One result per prompt, in order (`promptIndex` 1-based). */
  results: ExtractionResult[];
}

/** What `iamflow entities` prints: who is who across the script, and who appears in each prompt. */
export interface ScriptEntities {
  /** Every entity of the script, by ascending ID. */
  entities: ScriptEntity[];
  /** One entry per prompt, in order. */
  prompts: ScriptPromptEntities[];
}

/** One entity across the script. */
export interface ScriptEntity {
  /** Global ID, 1-based. */
  id: number;
  /** Type name (`woman_1`). */
  name: string;
  /** Proper name if a prompt gave one. */
  properName?: string;
  /** Every distinct mention, as written. */
  mentions: string[];
  /** Attributes after the last prompt. */
  attrs: string[];
  /** 1-based prompt indices where it appears. */
  prompts: number[];
}

/** The entities of one prompt. */
export interface ScriptPromptEntities {
  /** 1-based prompt index. */
  index: number;
  /** Characters of the prompt, in order of first mention. */
  entities: Array<{
    /** Global ID. */
    id: number;
    /** Mention used in this prompt. */
    mention: string;
    /** Attributes given in this prompt. */
    attrs: string[];
  }>;
  /** The extractor's warnings for this prompt (a fallback, for instance); absent when none. */
  warnings?: ExtractionWarning[];
}

/** Runs every prompt through the extractor, applying each result to the registry before the next prompt. */
export async function runScriptExtraction(
  extractor: EntityExtractorV1,
  prompts: readonly string[],
): Promise<ScriptExtraction> {
  let registry = createRegistry();
  const results: ExtractionResult[] = [];
  for (const [position, prompt] of prompts.entries()) {
    const result = await extractor.extract({ prompt, promptIndex: position + 1, registry });
    registry = applyExtraction(registry, result);
    results.push(result);
  }
  return { registry, results };
}

/**
 * Extracts a whole script and returns the entity table `iamflow entities` prints.
 *
 * @example
 * const table = await extractScriptEntities(createRulesExtractor(), ['Ravi walks.', 'He sits.']);
 * // table.entities[0] -> { id: 1, name: 'person_1', properName: 'Ravi', prompts: [1, 2], ... }
 */
export async function extractScriptEntities(
  extractor: EntityExtractorV1,
  prompts: readonly string[],
): Promise<ScriptEntities> {
  const { registry, results } = await runScriptExtraction(extractor, prompts);
  return {
    entities: registry.entities.map((entity) => ({
      id: entity.id,
      name: entity.name,
      ...(entity.properName ? { properName: entity.properName } : {}),
      mentions: [...entity.mentions],
      attrs: [...entity.attrs],
      prompts: [...entity.prompts],
    })),
    prompts: results.map((result) => ({
      index: result.promptIndex,
      entities: result.characters.map((character) => ({
        id: character.id,
        mention: character.mention,
        attrs: [...character.attrs],
      })),
      ...(result.warnings && result.warnings.length > 0 ? { warnings: result.warnings } : {}),
    })),
  };
}
