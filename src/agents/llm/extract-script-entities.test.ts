import { describe, expect, it } from 'vitest';
import { extractScriptEntities } from './extract-script-entities.js';
import { formatEntityTable } from './format-entity-table.js';
import { createRulesExtractor } from './rules/create-rules-extractor.js';

const prompts = [
  'Ravi, a short man with a gray scarf, walks along the pier.',
  'The sea is calm.',
  'A woman in a yellow raincoat waves at him.',
  'Ravi now wears a blue raincoat.',
];

describe('extractScriptEntities', () => {
  it('returns entities and per-prompt characters with 1-based indices', async () => {
    const table = await extractScriptEntities(createRulesExtractor(), prompts);
    expect(table.entities).toEqual([
      { id: 1, name: 'man_1', properName: 'Ravi', mentions: ['Ravi', 'a short man', 'him'], attrs: ['short', 'gray scarf', 'blue raincoat'], prompts: [1, 3, 4] }, // biome-ignore format: one record
      { id: 2, name: 'woman_1', mentions: ['A woman'], attrs: ['yellow raincoat'], prompts: [3] },
    ]);
    expect(table.prompts.map((prompt) => [prompt.index, prompt.entities.map((entity) => entity.id)])).toEqual(
      [
        [1, [1]],
        [2, []],
        [3, [2, 1]],
        [4, [1]],
      ],
    );
  });

  it('formats a plain-text table', async () => {
    const text = formatEntityTable(await extractScriptEntities(createRulesExtractor(), prompts));
    expect(text).toMatchInlineSnapshot(`
      "ID  NAME          PROMPTS  MENTIONS                  ATTRIBUTES
      1   man_1 (Ravi)  1,3,4    Ravi / a short man / him  short, gray scarf, blue raincoat
      2   woman_1       3        A woman                   yellow raincoat

      prompt 1: #1 Ravi [short, gray scarf]
      prompt 2: (nobody)
      prompt 3: #2 A woman [yellow raincoat]; #1 him
      prompt 4: #1 Ravi [blue raincoat]"
    `);
  });
});
