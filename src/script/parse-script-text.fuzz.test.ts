import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { stringify } from 'yaml';
import { expectLocatedError, expectQuick, fuzzParameters } from '../../test/fuzz.js';
import { decodeUtf8 } from './decode-utf8.js';
import type { ScriptFormat } from './detect-script-format.js';
import { parseScriptEntries, type ScriptEntry } from './parse-script-text.js';

const formats: ScriptFormat[] = ['jsonl', 'json', 'yaml', 'text'];
const paths = ['story.jsonl', 'story.json', 'story.yaml', 'story.txt', 'story', '.', 'a/b.yml'];

/** Every entry holds exactly one of a script or a located InputError naming the file. */
function checkEntries(entries: ScriptEntry[], path: string): void {
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) {
    expect(Number.isInteger(entry.line) && entry.line >= 1).toBe(true);
    expect(Boolean(entry.script) !== Boolean(entry.error)).toBe(true);
    if (entry.error) {
      expectLocatedError(entry.error);
      for (const issue of entry.error.issues) expect(issue.path[0]).toBe(path);
    }
    if (entry.script) {
      const { prompts, seconds, fps } = entry.script;
      expect(prompts.length).toBeGreaterThan(0);
      expect(seconds.length).toBe(prompts.length);
      for (const value of [...seconds, fps]) expect(value > 0 && Number.isFinite(value)).toBe(true);
      for (const prompt of prompts) expect(prompt.trim().length).toBeGreaterThan(0);
      const present = entry.script.annotations?.present;
      if (present) expect(present.length).toBe(prompts.length);
      if (entry.script.annotations) {
        const keys = Object.keys(entry.script.annotations.characters);
        for (const list of present ?? []) for (const key of list) expect(keys).toContain(key);
      }
    }
  }
}

function parse(text: string, path: string, format?: ScriptFormat): void {
  const entries = expectQuick(() => parseScriptEntries(text, { path, ...(format ? { format } : {}) }));
  checkEntries(entries, path);
}

/** Values a field might hold, valid or nearly so. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', ' ', '\n', '0', 'null', '__proto__', 'constructor', 'toString', '1', '2'),
  fc.integer({ min: -3, max: 4000 }),
  fc.double(),
  fc.constantFrom(null, true, false, Number.MAX_SAFE_INTEGER, 1e308, -0),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
  fc.array(fc.integer({ min: -1, max: 30 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

const keyName = fc.constantFrom('nora', 'fox', '', '__proto__', 'constructor', 'hasOwnProperty', 'a b', '0');
const phrase = fc.oneof(
  fc.constantFrom('she', 'the fox', 'gray scarf', '', ' '),
  fc.string({ maxLength: 10 }),
);
const prompt = fc.oneof(
  fc.constantFrom('A fox runs through snow.', 'She stops.', '', '   ', '#', 'key: value', '- item'),
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 1990, maxLength: 2010 }).map((text) => `x${text}`),
);

const character = fc.record(
  {
    aliases: fc.oneof(fc.array(phrase, { maxLength: 3 }), anyValue),
    attrs: fc.oneof(fc.array(phrase, { maxLength: 3 }), anyValue),
    changes: fc.oneof(
      fc.dictionary(
        fc.constantFrom('1', '2', '3', '0', '01', 'x', '99', '__proto__'),
        fc.array(phrase, { maxLength: 2 }),
        { maxKeys: 3 },
      ),
      anyValue,
    ),
  },
  { requiredKeys: [] },
);

/** Structured scripts near the valid ones: each field valid, slightly wrong or of the wrong type. */
const scriptObject = fc.record(
  {
    id: fc.oneof(fc.constantFrom('s1', 's2', ' ', ''), fc.integer(), anyValue),
    title: fc.oneof(fc.string({ maxLength: 20 }), anyValue),
    dimension: fc.oneof(fc.constantFrom('identity', ''), anyValue),
    fps: fc.oneof(fc.constantFrom(16, 24, 0, -1, 121, 120, 0.5), anyValue),
    seconds: fc.oneof(
      fc.double({ min: -1, max: 4000 }),
      fc.array(fc.double({ min: -1, max: 20 }), { maxLength: 4 }),
      anyValue,
    ),
    prompts: fc.oneof(fc.array(prompt, { maxLength: 4 }), anyValue),
    segments: fc.oneof(
      fc.array(
        fc.record(
          {
            prompt: fc.oneof(prompt, anyValue),
            seconds: fc.oneof(fc.double({ min: -1, max: 20 }), anyValue),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      anyValue,
    ),
    characters: fc.oneof(fc.dictionary(keyName, character, { maxKeys: 3 }), anyValue),
    present: fc.oneof(fc.array(fc.array(keyName, { maxLength: 3 }), { maxLength: 4 }), anyValue),
  },
  { requiredKeys: [] },
);

/** Arbitrary JSON values (to reach the non-object branches). */
const jsonValue = fc.oneof(scriptObject, fc.jsonValue({ maxDepth: 3 }));

describe('script parsers never crash or hang; every rejection is located', () => {
  test.prop(
    [
      fc.string({ maxLength: 300, unit: 'binary' }),
      fc.constantFrom(...paths),
      fc.option(fc.constantFrom(...formats), { nil: undefined }),
    ],
    fuzzParameters,
  )('arbitrary strings, any format', (text, path, format) => parse(text, path, format));

  test.prop([fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...paths)], fuzzParameters)(
    'arbitrary bytes through the strict UTF-8 decoder',
    (bytes, path) => {
      const decoded = expectQuick(() => decodeUtf8(bytes, path));
      if (!decoded.success) {
        expect(decoded.issue.path[0]).toBe(path);
        expect(decoded.issue.path[1]).toMatch(/^line \d+$/);
        return;
      }
      parse(decoded.text, path);
    },
  );

  test.prop(
    [
      fc.array(jsonValue, { minLength: 1, maxLength: 5 }),
      fc.array(fc.constantFrom('', '  ', '{', 'not json', '{"prompts":'), { maxLength: 2 }),
    ],
    fuzzParameters,
  )('JSONL of near-valid scripts, with broken lines mixed in', (values, broken) => {
    const lines = [...values.map((value) => JSON.stringify(value) ?? 'null'), ...broken];
    parse(lines.join('\n'), 'suite.jsonl', 'jsonl');
  });

  test.prop([jsonValue], fuzzParameters)('one near-valid JSON document', (value) => {
    parse(JSON.stringify(value, null, 2) ?? 'null', 'story.json', 'json');
  });

  test.prop(
    [
      jsonValue,
      fc.nat({ max: 60 }),
      fc.constantFrom('', '\t', ': ', '- ', '  ', '&a ', '*a', '!!binary ', '{', '"', '%YAML 1.2\n---\n'),
    ],
    fuzzParameters,
  )('near-valid YAML, with one edit at a random offset', (value, offset, insert) => {
    const yaml = stringify(value);
    const at = Math.min(offset, yaml.length);
    parse(yaml.slice(0, at) + insert + yaml.slice(at), 'story.yaml', 'yaml');
  });

  test.prop(
    [
      fc.array(prompt, { maxLength: 8 }),
      fc.array(fc.constantFrom('# note', '', '\r', '\t'), { maxLength: 3 }),
    ],
    fuzzParameters,
  )('plain text prompts', (prompts, extra) => parse([...prompts, ...extra].join('\n'), 'story.txt', 'text'));
});
