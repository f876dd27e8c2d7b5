import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { expectLocatedError, expectQuick, fuzzParameters } from '../../../../test/fuzz.js';
import { applyExtraction, createRegistry } from '../../../entities/registry.js';
import { InvalidResponseError } from '../../../errors/invalid-response-error.js';
import { parseExtractionReply, readChatContent } from './parse-reply.js';

const registry = applyExtraction(createRegistry(), {
  promptIndex: 1,
  characters: [
    { id: 1, isNew: true, kind: 'man', mention: 'Ravi', attrs: ['gray scarf'], properName: 'Ravi' },
  ],
});
const prompt = 'Ravi now wears a blue raincoat and meets a woman with red hair.';
const input = { prompt, promptIndex: 2, registry };

/** Either a result or an InvalidResponseError with a located issue; never another throw. */
function expectResultOrInvalid<T>(work: () => T): T | undefined {
  try {
    return expectQuick(work);
  } catch (error) {
    expect(InvalidResponseError.isInstance(error), String(error)).toBe(true);
    expectLocatedError(error);
    return undefined;
  }
}

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(1, 2, 99, -1, 1.5, null, true, '', 'Ravi', 'a woman', 'woman', 'man', 'x'.repeat(300)),
);
const character = fc.record(
  {
    id: anyValue,
    is_new: anyValue,
    kind: anyValue,
    mention: fc.oneof(fc.constantFrom('Ravi', 'a woman', 'red hair', 'nobody', ''), anyValue),
    name: anyValue,
    attrs: fc.oneof(
      fc.array(
        fc.oneof(fc.constantFrom('blue raincoat', 'Red hair', ' ', ''), fc.string({ maxLength: 10 })),
        { maxLength: 3 },
      ),
      anyValue,
    ),
  },
  { requiredKeys: [] },
);
const reply = fc.record(
  { characters: fc.oneof(fc.array(character, { maxLength: 4 }), anyValue) },
  { requiredKeys: [] },
);

/** Text around the JSON: prose, code fences, a cut. */
const wrap = fc.tuple(
  fc.constantFrom('', 'Here it is:\n', '```json\n', '```', '{', '}'),
  fc.constantFrom('', '\n```', ' Done.', '}', '{'),
  fc.option(fc.nat(), { nil: undefined }),
);

describe('LLM extraction reply parser never crashes; every rejection is an InvalidResponseError', () => {
  test.prop([fc.string({ maxLength: 200, unit: 'binary' })], fuzzParameters)(
    'arbitrary content',
    (content) => {
      expectResultOrInvalid(() => parseExtractionReply(content, input));
    },
  );

  test.prop([fc.oneof(reply, anyValue), wrap], fuzzParameters)(
    'near-valid replies, wrapped or cut',
    (value, [before, after, cut]) => {
      let content = before + JSON.stringify(value) + after;
      if (cut !== undefined) content = content.slice(0, cut % (content.length + 1));
      const result = expectResultOrInvalid(() => parseExtractionReply(content, input));
      if (!result) return;
      const ids = result.characters.map((item) => item.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const item of result.characters)
        if (item.isNew) expect(item.id).toBeGreaterThanOrEqual(registry.nextId);
      for (const span of result.spans) {
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeLessThanOrEqual(prompt.length);
        expect(prompt.slice(span.start, span.end)).toBe(span.text);
      }
    },
  );

  test.prop(
    [
      fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        fc.record({
          choices: fc.array(
            fc.record(
              { message: fc.record({ content: anyValue }, { requiredKeys: [] }) },
              { requiredKeys: [] },
            ),
            { maxLength: 2 },
          ),
        }),
      ),
    ],
    fuzzParameters,
  )('chat completion bodies of any shape', (body) => {
    const content = expectResultOrInvalid(() => readChatContent(body, JSON.stringify(body) ?? ''));
    if (content !== undefined) expect(typeof content).toBe('string');
  });
});
