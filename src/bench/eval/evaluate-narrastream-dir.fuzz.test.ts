import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { expectLocatedError, fuzzInputBudgetMs, fuzzParameters } from '../../../test/fuzz.js';
import { evaluateNarraStreamDir } from './evaluate-narrastream-dir.js';

const root = mkdtempSync(join(tmpdir(), 'iamflow-narrastream-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let count = 0;

// The layout reader is the target, not the MP4 decoder: a missing ffmpeg makes every present video fail fast.
const options = { ffmpegPath: join(root, 'no-ffmpeg') };

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(0, -1, 1, 10, null, '', 'a', [], ['a']),
);
const keys = fc.constantFrom('nora', '__proto__', 'constructor', '');
const annotations = fc.record(
  {
    characters: fc.oneof(
      fc.dictionary(
        keys,
        fc.record(
          {
            aliases: fc.oneof(fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 }), anyValue),
            attrs: fc.oneof(fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 }), anyValue),
            changes: anyValue,
          },
          { requiredKeys: [] },
        ),
        { maxKeys: 2 },
      ),
      anyValue,
    ),
    present: fc.oneof(fc.array(fc.array(keys, { maxLength: 2 }), { maxLength: 3 }), anyValue),
  },
  { requiredKeys: [] },
);
const line = fc.oneof(
  fc
    .record(
      {
        prompts: fc.oneof(fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }), anyValue),
        seconds: fc.oneof(fc.array(fc.double({ min: -1, max: 20 }), { maxLength: 3 }), anyValue),
        annotations: fc.oneof(annotations, anyValue),
        characters: anyValue,
        present: anyValue,
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.constantFrom('', '  ', '{', 'null', '[]', '{"prompts": ["a"]}', '\r'),
  fc.string({ maxLength: 40, unit: 'binary' }),
);

/** Entries of `video/`: sample files (real names, near names), a folder with a sample's name. */
const videoEntry = fc.oneof(
  fc.nat({ max: 5 }).map((index) => ({ name: `sample_${index}.mp4`, folder: false })),
  fc
    .constantFrom(
      'sample_01.mp4',
      'sample_-1.mp4',
      'sample_x.mp4',
      'sample_99999999999999999999.mp4',
      'readme.txt',
    )
    .map((name) => ({ name, folder: false })),
  fc.nat({ max: 3 }).map((index) => ({ name: `sample_${index}.mp4`, folder: true })),
);

describe('NarraStream layout reader never crashes or hangs; every failure names its line or file', () => {
  test.prop(
    [
      fc.option(fc.array(line, { maxLength: 5 }), { nil: undefined }),
      fc.option(fc.uniqueArray(videoEntry, { maxLength: 4, selector: (entry) => entry.name }), {
        nil: undefined,
      }),
      fc.uint8Array({ maxLength: 16 }),
    ],
    fuzzParameters,
  )('arbitrary prompt.jsonl contents and file sets', async (lines, videos, bytes) => {
    const dir = join(root, String(count++));
    mkdirSync(dir);
    if (lines !== undefined) writeFileSync(join(dir, 'prompt.jsonl'), lines.join('\n'));
    if (videos !== undefined) mkdirSync(join(dir, 'video'));
    for (const entry of videos ?? []) {
      const path = join(dir, 'video', entry.name);
      if (entry.folder) mkdirSync(path, { recursive: true });
      else writeFileSync(path, bytes);
    }
    const start = performance.now();
    try {
      const report = await evaluateNarraStreamDir(dir, options);
      const expected = (lines ?? [])
        .join('\n')
        .split('\n')
        .filter((text) => text.trim() !== '').length;
      expect(report.samples).toHaveLength(expected);
      expect(report.summary.scored + report.summary.failed).toBe(expected);
      for (const [index, sample] of report.samples.entries()) {
        expect(sample.index).toBe(index);
        expect(Boolean(sample.report) !== Boolean(sample.error)).toBe(true);
        if (sample.error) {
          expect(sample.error.code).toMatch(/^[a-z][a-z0-9-]*$/);
          expect(sample.error.message).toMatch(new RegExp(`line ${index + 1}|sample_${index}\\.mp4|ffmpeg`));
        }
      }
    } catch (error) {
      expect(lines, String(error)).toBeUndefined();
      expectLocatedError(error);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(performance.now() - start).toBeLessThan(fuzzInputBudgetMs);
  });
});
