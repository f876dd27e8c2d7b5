import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintScript } from './lint-script.js';

interface Expected {
  prompt: number;
  code: string;
  span: string;
  severity?: string;
  fix?: string;
}

const fixtures = readFileSync(new URL('./__fixtures__/lint-scripts.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as { id: string; prompts: string[]; expect: Expected[] });

describe('lintScript on scripts with known problems', () => {
  it.each(fixtures.map((fixture) => [fixture.id, fixture] as const))('%s', (_, fixture) => {
    const problems = lintScript(fixture.prompts);
    const found = problems.map((problem) => ({
      prompt: problem.prompt,
      code: problem.code,
      span: fixture.prompts[problem.prompt]!.slice(problem.start, problem.end),
    }));
    expect(found).toEqual(fixture.expect.map(({ prompt, code, span }) => ({ prompt, code, span })));
    fixture.expect.forEach((expected, position) => {
      const problem = problems[position]!;
      if (expected.severity) expect(problem.severity).toBe(expected.severity);
      if (expected.fix) expect(problem.fix?.text).toBe(expected.fix);
      if (problem.fix) expect([problem.fix.start, problem.fix.end]).toEqual([problem.start, problem.end]);
      expect(problem.message.length).toBeGreaterThan(10);
    });
  });
});

describe('lintScript: prompt-too-long', () => {
  const long = `Nora, a young woman in a red coat, walks. ${'The rain falls on the quiet street. '.repeat(20)}`;

  it.each([
    [512, 0],
    [77, 1],
  ])('window %i tokens -> %i problems', (windowTokens, count) => {
    const problems = lintScript([long], { windowTokens }).filter(
      (problem) => problem.code === 'prompt-too-long',
    );
    expect(problems).toHaveLength(count);
    for (const problem of problems) {
      expect(problem.severity).toBe('error');
      expect(problem.end).toBe(long.length);
      expect(problem.start).toBeGreaterThan(200);
      expect(problem.start).toBeLessThan(400);
    }
  });
});

describe('lintScript', () => {
  it('sorts problems by prompt and span and is deterministic', () => {
    const prompts = ['He waves.', 'Nora in a green coat and a red coat walks. She smiles at Mia.'];
    const first = lintScript(prompts);
    expect(lintScript(prompts)).toEqual(first);
    const keys = first.map((problem) => [problem.prompt, problem.start]);
    expect(keys).toEqual([...keys].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
  });

  it('returns nothing for an empty script', () => {
    expect(lintScript([])).toEqual([]);
  });
});
