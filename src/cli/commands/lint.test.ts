import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scriptFolder } from '../__fixtures__/cli-harness.js';
import { lintCommand } from './lint.js';

const commands = [lintCommand];

const warningsOnly = {
  id: 'warned',
  prompts: ['Nora, a woman in a red coat, meets Mia, a woman in a blue scarf. She waves.'],
};
const withError = { id: 'broken', prompts: ['Nora, a young woman in a green coat and a red coat, walks.'] };
const clean = { id: 'clean', prompts: ['Nora, a young woman in a red coat, waits at the station.'] };

function writeSuite(dir: string, scripts: readonly object[]): string {
  const path = join(dir, 'suite.jsonl');
  writeFileSync(path, `${scripts.map((script) => JSON.stringify(script)).join('\n')}\n`);
  return path;
}

describe('iamflow lint', () => {
  it.each([
    ['clean', 0, [clean], []],
    ['warnings only', 0, [warningsOnly], []],
    ['warnings, --strict', 1, [warningsOnly], ['--strict']],
    ['an error', 1, [withError], []],
  ] as const)('%s -> exit %i', async (_, exit, scripts, flags) => {
    const { dir } = scriptFolder();
    const { code } = await runCli(['lint', writeSuite(dir, scripts), ...flags], { commands, cwd: dir });
    expect(code).toBe(exit);
  });

  it('prints the documented JSON shape, prompts from 0', async () => {
    const { dir } = scriptFolder();
    const { code, stdout } = await runCli(['lint', writeSuite(dir, [warningsOnly]), '--json'], {
      commands,
      cwd: dir,
    });
    expect(code).toBe(0);
    const { problems } = JSON.parse(stdout) as { problems: Array<Record<string, unknown>> };
    expect(problems).toEqual([
      expect.objectContaining({
        prompt: 0,
        start: 65,
        end: 68,
        code: 'ambiguous-pronoun',
        severity: 'warning',
        message: expect.stringContaining('"Nora" or "Mia"'),
        suggestion: 'write "Nora" instead of "She"',
      }),
    ]);
  });

  it('lints every script of a suite file, or the one --line picks, and names them', async () => {
    const { dir } = scriptFolder();
    const path = writeSuite(dir, [clean, warningsOnly, withError]);
    const all = await runCli(['lint', path, '--json'], { commands, cwd: dir });
    const { problems } = JSON.parse(all.stdout) as { problems: Array<{ script: string; line: number }> };
    expect(problems.map((problem) => [problem.script, problem.line])).toEqual([
      ['warned', 2],
      ['broken', 3],
    ]);
    const one = await runCli(['lint', path, '--line', '2'], { commands, cwd: dir });
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('suite.jsonl:2 prompt 1 [65-68] warning ambiguous-pronoun');
    expect(one.stdout).toContain('suggestion: write "Nora" instead of "She"');
    expect(one.stdout).toContain('1 problem (0 errors, 1 warning)');
  });

  it('renders a caret under the span', async () => {
    const { dir } = scriptFolder();
    const { stdout } = await runCli(['lint', writeSuite(dir, [withError])], { commands, cwd: dir });
    const lines = stdout.split('\n');
    const header = lines.findIndex((line) => line.includes('error contradictory-attributes'));
    const excerpt = lines[header + 1]!;
    const caret = lines[header + 2]!;
    expect(excerpt.slice(caret.indexOf('^'), caret.lastIndexOf('^') + 1)).toBe('red coat');
  });

  it.each([
    [['lint'], 'no script given'],
    [['lint', 'missing.jsonl'], 'no such file'],
    [['lint', 'SUITE', '--line', '9'], '--line 9 is past the last script'],
    [['lint', 'SUITE', '--window', '0'], '--window'],
  ])('bad input %j -> exit 2 with a located message', async (argv, message) => {
    const { dir } = scriptFolder();
    const path = writeSuite(dir, [clean]);
    const { code, stderr } = await runCli(
      argv.map((arg) => (arg === 'SUITE' ? path : arg)),
      { commands, cwd: dir },
    );
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
