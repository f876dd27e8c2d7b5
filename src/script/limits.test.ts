import { describe, expect, it } from 'vitest';
import { maxIndentation, maxNestingDepth } from './check-nesting.js';
import { parseScriptEntries, parseScriptText } from './parse-script-text.js';
import { scriptLimits } from './script-limits.js';

// Inputs far past what a script needs: each is refused with a located issue, or read, in bounded time and
// memory, and the process goes on (a YAML nested thousands of levels deep used to kill Node outright: V8 ran out
// of memory compiling a regular expression at the bottom of the parser's recursion).

const codes = (text: string, path: string) =>
  parseScriptText(text, { path }).errors.flatMap((error) => error.issues.map((issue) => issue.code));

describe('script limits', () => {
  it(`refuses 1,000 prompts (limit ${scriptLimits.maxPrompts}) and a 1 MB prompt with located issues`, () => {
    const prompts = Array.from({ length: 1000 }, (_, index) => `Prompt ${index}: Nora walks.`);
    expect(codes(JSON.stringify({ id: 'x', prompts }), 'a.json')).toEqual(['too-many-prompts']);
    expect(codes(JSON.stringify({ id: 'x', prompts: ['a'.repeat(1 << 20)] }), 'a.json')).toEqual([
      'prompt-too-long',
    ]);
    expect(codes(`${'a'.repeat(1 << 20)}\n`, 'a.txt')).toEqual(['prompt-too-long']);
  });

  it('reads a 10,000-line suite', () => {
    const line = (index: number) =>
      JSON.stringify({ id: `s${index}`, prompts: ['Nora walks.', 'She sits.'], seconds: 5 });
    const text = Array.from({ length: 10_000 }, (_, index) => line(index)).join('\n');
    const entries = parseScriptEntries(text, { path: 'suite.jsonl' });
    expect(entries).toHaveLength(10_000);
    expect(entries.every((entry) => 'script' in entry)).toBe(true);
  });

  it.each([1_000, 10_000, 100_000])(
    'refuses nesting %i levels deep, again and again, without dying',
    (depth) => {
      const flow = `prompts: ${'['.repeat(depth)}a${']'.repeat(depth)}`;
      const block = `prompts:\n${Array.from({ length: Math.min(depth, 3000) }, (_, index) => `${' '.repeat(index + 1)}- `).join('\n')}x`;
      const json = `{"prompts": ${'['.repeat(depth)}"a"${']'.repeat(depth)}}`;
      for (let round = 0; round < 3; round++) {
        for (const [text, path] of [
          [flow, 'a.yaml'],
          [block, 'a.yaml'],
          [json, 'a.json'],
          [json, 'a.jsonl'],
        ] as const) {
          const [error] = parseScriptText(text, { path }).errors;
          expect(error?.issues[0]).toMatchObject({
            code: 'too-deep',
            path: [path, expect.stringMatching(/^line \d+$/)],
          });
        }
      }
    },
  );

  it('keeps scripts that nest as deep as they need, brackets in prompts included', () => {
    const prompts = [`Nora ${'['.repeat(maxNestingDepth + 10)}laughs`, 'She sits.'];
    expect(codes(JSON.stringify({ id: 'x', prompts }), 'a.json')).toEqual([]);
    const yaml = `id: x\nprompts:\n  - "${'{'.repeat(maxNestingDepth + 10)} Nora walks."\n  - 'She [[[ sits.'\n`;
    expect(codes(yaml, 'a.yaml')).toEqual([]);
    const indented = `id: x\nprompts:\n  - |\n${' '.repeat(maxIndentation)}Nora walks.\n`;
    expect(codes(indented, 'a.yaml')).toEqual([]);
  });
});
