import { describe, expect, it } from 'vitest';
import { characterAnnotationSchema, checkedCharacterAnnotationSchema } from './annotation-schema.js';
import { characterSchema } from './script-schema.js';

describe('character annotation schemas', () => {
  const cases = [
    {
      name: 'a full annotation',
      input: { aliases: ['Ravi'], attrs: ['gray scarf'], changes: { '2': ['blue'] } },
    },
    { name: 'no aliases', input: { aliases: [], attrs: [] } },
    { name: 'an empty phrase', input: { aliases: [''], attrs: [] } },
    { name: 'a change keyed 0', input: { aliases: ['Ravi'], attrs: [], changes: { '0': ['blue'] } } },
    { name: 'no attrs', input: { aliases: ['Ravi'] } },
  ];
  const accepted = (schema: { safeParse(input: unknown): { success: boolean } }) =>
    Object.fromEntries(cases.map(({ name, input }) => [name, schema.safeParse(input).success]));

  it('stored form accepts what was written; checked and script forms check the text', () => {
    expect({
      stored: accepted(characterAnnotationSchema),
      checked: accepted(checkedCharacterAnnotationSchema),
      script: accepted(characterSchema),
    }).toEqual({
      stored: {
        'a full annotation': true,
        'no aliases': true,
        'an empty phrase': true,
        'a change keyed 0': true,
        'no attrs': false,
      },
      checked: {
        'a full annotation': true,
        'no aliases': false,
        'an empty phrase': false,
        'a change keyed 0': false,
        'no attrs': false,
      },
      script: {
        'a full annotation': true,
        'no aliases': false,
        'an empty phrase': false,
        'a change keyed 0': false,
        'no attrs': true,
      },
    });
  });

  it('keeps the script messages (as before the schemas were shared)', () => {
    const result = characterSchema.safeParse({ aliases: [], changes: { x: ['blue'] } });
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'aliases: needs at least one name, role or pronoun',
      'changes.x: must be an object of prompt number -> attribute list, not text',
    ]);
  });
});
