import { expect } from 'vitest';
import { type CaseSkip, describeCases } from '../../../test/case-suite.js';
import { applyExtraction, createRegistry, type RegistrySnapshot } from '../../entities/registry.js';
import type { EntityExtractorV1, ExtractionInput, ExtractionResult } from './entity-extractor.js';

/** Options of {@link runExtractorCases}. */
export interface ExtractorCaseOptions {
  /** Name shown in the test titles. */
  name: string;
  /** Creates a fresh extractor for one case; may be async (a test server starts). */
  createExtractor: () => EntityExtractorV1 | Promise<EntityExtractorV1>;
  /** A reason skips the whole suite; `[{ reason, tests }]` skips the named cases. */
  skip?: CaseSkip;
}

/** The prompts the cases send, in the order they are first sent (a test model answers these). */
export const extractorCasePrompts = {
  oneWoman: 'A woman with red hair walks along the beach.',
  pronoun: 'She stops and looks at the sea.',
  another: 'Another woman in a blue coat sits on a bench.',
  nobody: 'Waves roll onto the empty beach.',
  twoNew: 'A man in a gray scarf talks to a girl with a yellow umbrella.',
} as const;

/** The registry after prompt 1 (`A woman with red hair ...`), built without the extractor under test. */
function registryWithWoman(): RegistrySnapshot {
  return applyExtraction(createRegistry(), {
    promptIndex: 1,
    characters: [{ id: 1, isNew: true, kind: 'woman', mention: 'A woman', attrs: ['red hair'] }],
  });
}

/** Checks what every result must hold, whatever the prompt: IDs, spans and attributes well formed. */
function expectWellFormed(result: ExtractionResult, input: ExtractionInput): void {
  expect(result.promptIndex).toBe(input.promptIndex);
  const ids = result.characters.map((character) => character.id);
  expect(new Set(ids).size).toBe(ids.length);
  const fresh = result.characters.filter((character) => character.isNew).map((character) => character.id);
  expect(fresh).toEqual(fresh.map((_, index) => input.registry.nextId + index));
  for (const character of result.characters) {
    if (!character.isNew) expect(input.registry.entities.map((entity) => entity.id)).toContain(character.id);
    for (const attribute of character.attrs) expect(attribute).toBe(attribute.toLowerCase().trim());
  }
  for (const span of result.spans) {
    expect(input.prompt.slice(span.start, span.end)).toBe(span.text);
    expect(ids).toContain(span.id);
  }
  const starts = result.spans.map((span) => span.start);
  expect(starts).toEqual([...starts].sort((first, second) => first - second));
}

/**
 * The shared behaviour every `EntityExtractorV1` must show (hono's common case suite style): new characters
 * numbered from the registry, pronouns and "another" resolved, no people found where there are none, spans that
 * point into the prompt, the registry left alone.
 *
 * @example
 * runExtractorCases({ name: 'rules', createExtractor: () => createRulesExtractor() });
 */
export function runExtractorCases(options: ExtractorCaseOptions): void {
  describeCases(`extractor cases: ${options.name}`, options.skip, (it) => {
    const extract = async (input: ExtractionInput) => {
      const extractor = await options.createExtractor();
      const result = await extractor.extract(input);
      expectWellFormed(result, input);
      return result;
    };

    it('is a v1 port with a provider and a model id', async () => {
      const extractor = await options.createExtractor();
      expect(extractor.specificationVersion).toBe('v1');
      expect(extractor.provider).toMatch(/\S/);
      expect(extractor.modelId).toMatch(/\S/);
    });

    it('finds the one character of a prompt, with its attribute and spans', async () => {
      const prompt = extractorCasePrompts.oneWoman;
      const result = await extract({ prompt, promptIndex: 1, registry: createRegistry() });
      expect(result.characters).toEqual([
        expect.objectContaining({ id: 1, isNew: true, kind: 'woman', attrs: ['red hair'] }),
      ]);
      expect(result.spans).toContainEqual(
        expect.objectContaining({ id: 1, role: 'attribute', text: 'red hair' }),
      );
      expect(result.spans.some((span) => span.id === 1 && span.role === 'mention')).toBe(true);
    });

    it('resolves a pronoun to the registered character', async () => {
      const prompt = extractorCasePrompts.pronoun;
      const result = await extract({ prompt, promptIndex: 2, registry: registryWithWoman() });
      expect(result.characters).toEqual([expect.objectContaining({ id: 1, isNew: false, kind: 'woman' })]);
    });

    it('gives "another" person a new ID', async () => {
      const prompt = extractorCasePrompts.another;
      const result = await extract({ prompt, promptIndex: 2, registry: registryWithWoman() });
      expect(result.characters).toEqual([
        expect.objectContaining({ id: 2, isNew: true, kind: 'woman', attrs: ['blue coat'] }),
      ]);
    });

    it('finds nobody in a prompt without people', async () => {
      const prompt = extractorCasePrompts.nobody;
      const result = await extract({ prompt, promptIndex: 3, registry: registryWithWoman() });
      expect(result.characters).toEqual([]);
      expect(result.spans).toEqual([]);
    });

    it('numbers several new characters from nextId in order of mention', async () => {
      const prompt = extractorCasePrompts.twoNew;
      const result = await extract({ prompt, promptIndex: 2, registry: registryWithWoman() });
      expect(result.characters).toEqual([
        expect.objectContaining({ id: 2, isNew: true, kind: 'man', attrs: ['gray scarf'] }),
        expect.objectContaining({ id: 3, isNew: true, kind: 'girl', attrs: ['yellow umbrella'] }),
      ]);
    });

    it('leaves the registry it reads unchanged', async () => {
      const registry = registryWithWoman();
      const before = structuredClone(registry);
      await extract({ prompt: extractorCasePrompts.pronoun, promptIndex: 2, registry });
      expect(registry).toEqual(before);
    });
  });
}
