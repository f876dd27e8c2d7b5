import { describe, expect, it } from 'vitest';
import { containsWord, findAnnotationProblems } from './suite-checks.js';
import type { SuiteScript } from './suite-script.js';

const base: SuiteScript = {
  id: 'reappearance-001',
  dimension: 'reappearance',
  prompts: ['Ravi, a short man with a gray scarf and round glasses, walks.', 'He sits down.'],
  characters: { ravi: { aliases: ['Ravi', 'a short man', 'he'], attrs: ['gray scarf', 'round glasses'] } },
  present: [['ravi'], ['ravi']],
};

describe('findAnnotationProblems', () => {
  it('accepts a truthful script', () => expect(findAnnotationProblems(base)).toEqual([]));

  it('reports unknown keys, unused aliases, missing attrs and bad changes', () => {
    const broken: SuiteScript = {
      ...base,
      characters: {
        ravi: {
          aliases: ['Ravi', 'the fisherman'],
          attrs: ['gray scarf', 'red hat'],
          changes: { '2': ['blue coat'] },
        },
      },
      present: [['ravi'], ['ravi', 'nora']],
    };
    expect(findAnnotationProblems(broken)).toEqual([
      'prompt 2: unknown key nora',
      'ravi: alias "the fisherman" unused',
      'ravi: attr "red hat" not in its intro prompt',
      'ravi: change "blue coat" not in prompt 2',
    ]);
  });

  it('matches whole words only', () => {
    expect(containsWord('The man waits.', 'he')).toBe(false);
    expect(containsWord('He waits.', 'he')).toBe(true);
  });
});
