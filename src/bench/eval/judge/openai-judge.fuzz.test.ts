import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { expectQuick, fuzzParameters } from '../../../../test/fuzz.js';
import { parseVerdict } from './openai-judge.js';

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.double(),
  fc.constantFrom(0, 1, 10, 11, 100, 101, -1, null, '7'),
);
const verdict = fc.record(
  { presence: anyValue, attributes: anyValue, action: anyValue, continuity: anyValue, score: anyValue },
  { requiredKeys: [] },
);

/** A verdict is a score in 0..1 or undefined (the judge then falls back); never a throw, NaN or out of range. */
function check(text: string): void {
  const score = expectQuick(() => parseVerdict(text));
  if (score !== undefined) expect(score >= 0 && score <= 1, String(score)).toBe(true);
}

describe('judge verdict parser never crashes; a score is always in 0..1', () => {
  test.prop([fc.string({ maxLength: 200, unit: 'binary' })], fuzzParameters)('arbitrary text', check);
  test.prop(
    [
      fc.oneof(verdict, anyValue),
      fc.constantFrom('', 'Verdict: ', '```json\n', '{'),
      fc.constantFrom('', '```', '}'),
    ],
    fuzzParameters,
  )('near-valid verdicts, wrapped', (value, before, after) => check(before + JSON.stringify(value) + after));
});
