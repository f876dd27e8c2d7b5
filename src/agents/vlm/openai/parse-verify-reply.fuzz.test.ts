import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { expectLocatedError, expectQuick, fuzzParameters } from '../../../../test/fuzz.js';
import { InvalidResponseError } from '../../../errors/invalid-response-error.js';
import type { VideoFrame } from '../../../frame/video-frame.js';
import type { VerifyInput } from '../frame-verifier.js';
import { parseVerifyReply } from './parse-verify-reply.js';

// The parser only counts frames, so empty stand-ins do.
const frames = [{}, {}, {}] as unknown as VideoFrame[];
const entities = [{ id: 1, name: 'Ravi', attrs: ['gray scarf'] }];
const registered = [...entities, { id: 2, name: 'woman_1', attrs: ['red hair'] }];

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(0, 1, 2, 3, -1, 0.5, 1e308, -0, null, true, '', '0.5', [], [1], [[1]]),
);
const score = fc.oneof(fc.double(), fc.record({ score: fc.oneof(fc.double(), anyValue) }), anyValue);
const reply = fc.record(
  {
    scores: fc.oneof(fc.array(score, { maxLength: 5 }), anyValue),
    seen: fc.oneof(
      fc.array(fc.oneof(fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 3 }), anyValue), {
        maxLength: 4,
      }),
      anyValue,
    ),
    corrections: fc.oneof(
      fc.array(
        fc.record(
          {
            id: fc.oneof(fc.integer({ min: 0, max: 3 }), anyValue),
            attrs: fc.oneof(fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 }), anyValue),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      anyValue,
    ),
  },
  { requiredKeys: [] },
);

function check(content: string, input: VerifyInput): void {
  try {
    const result = expectQuick(() => parseVerifyReply(content, input));
    expect(result.scores).toHaveLength(frames.length);
    for (const value of result.scores) expect(value >= 0 && value <= 1).toBe(true);
    const allowed = new Set(registered.map((entity) => entity.id));
    for (const item of result.corrections ?? []) expect(allowed.has(item.id)).toBe(true);
    for (const list of result.seen ?? []) for (const id of list) expect(id).toBe(1);
  } catch (error) {
    expect(InvalidResponseError.isInstance(error), String(error)).toBe(true);
    expectLocatedError(error);
  }
}

describe('VLM verify reply parser never crashes; scores always in 0..1, one per frame', () => {
  test.prop([fc.string({ maxLength: 200, unit: 'binary' }), fc.boolean()], fuzzParameters)(
    'arbitrary content',
    (content, first) => {
      check(content, { frames, entities, registered, firstChunkOfSegment: first });
    },
  );

  test.prop(
    [
      fc.oneof(reply, anyValue),
      fc.constantFrom('', 'Sure: ', '```json\n', '{'),
      fc.constantFrom('', '\n```', '}'),
      fc.boolean(),
    ],
    fuzzParameters,
  )('near-valid replies, wrapped', (value, before, after, first) => {
    check(before + JSON.stringify(value) + after, {
      frames,
      entities,
      registered,
      firstChunkOfSegment: first,
    });
  });
});
