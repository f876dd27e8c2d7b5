import { describe, expect, it } from 'vitest';
import { containsWord, findAnnotationProblems, findPronounProblems, readGender } from './suite-checks.js';
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
      'ravi: on screen in prompt 2 but not referred to',
      'ravi: attr "red hat" not in its intro prompt',
      'ravi: change "blue coat" not in prompt 2',
      'prompt 2: "he" belongs to 0 characters on screen',
    ]);
  });

  it('reports a name written where its character is not on screen', () => {
    const offScreen: SuiteScript = {
      ...base,
      prompts: [base.prompts[0]!, 'An old woman waits for Ravi.'],
      characters: { ravi: { aliases: ['Ravi', 'a short man'], attrs: ['gray scarf', 'round glasses'] } },
      present: [['ravi'], []],
    };
    expect(findAnnotationProblems(offScreen)).toEqual(['ravi: named in prompt 2 but not on screen']);
  });

  it.each([
    ['the only man, seen in the prompt before', [['ravi'], ['ravi']], 'He sits down.', []],
    [
      'another man on screen',
      [['ravi'], ['ravi', 'omar']],
      'He sits down beside Omar.',
      ['prompt 2: "he" (ravi) is ambiguous'],
    ],
    [
      'another man seen last',
      [['ravi'], ['omar'], ['ravi']],
      'He comes back.',
      ['prompt 3: "he" (ravi) is ambiguous'],
    ],
    ['a woman seen last', [['ravi'], ['nora'], ['ravi']], 'He comes back.', []],
    [
      'a chef of unknown gender seen last',
      [['ravi'], ['chef'], ['ravi']],
      'He comes back.',
      ['prompt 3: "he" (ravi) is ambiguous'],
    ],
    ['no antecedent', [[], ['ravi']], 'He arrives.', ['prompt 2: "he" (ravi) is ambiguous']],
  ] as const)('pronouns: %s', (_, present, last, expected) => {
    const prompts = present.map((keys, index) =>
      index === present.length - 1
        ? last
        : keys
            .map((key) => ({ ravi: 'Ravi', omar: 'Omar', nora: 'Nora', chef: 'A chef' })[key])
            .join(' and ') || 'An empty room.',
    );
    const script: SuiteScript = {
      ...base,
      prompts,
      characters: {
        ravi: { aliases: ['Ravi', 'he'], attrs: ['gray scarf', 'round glasses'] },
        omar: { aliases: ['Omar'], attrs: ['red hat', 'blue coat'] },
        nora: { aliases: ['Nora'], attrs: ['red scarf', 'blue coat'] },
        chef: { aliases: ['a chef'], attrs: ['white apron', 'black cap'] },
      },
      present: present.map((keys) => [...keys]),
    };
    expect(findPronounProblems(script)).toEqual(expected);
  });

  it('reads a gender from names, pronouns, kind nouns and gendered roles', () => {
    expect(
      [['Nora'], ['he'], ['a tall woman'], ['the waitress'], ['a chef'], ['a fisherman', 'she']].map(
        (aliases) => readGender({ aliases, attrs: [] }),
      ),
    ).toEqual(['female', 'male', 'female', 'female', undefined, undefined]);
  });

  it('matches whole words only', () => {
    expect(containsWord('The man waits.', 'he')).toBe(false);
    expect(containsWord('He waits.', 'he')).toBe(true);
  });
});
