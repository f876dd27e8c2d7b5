import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scriptFolder } from '../__fixtures__/cli-harness.js';
import { entitiesCommand } from './entities.js';

const commands = [entitiesCommand];

describe('iamflow entities', () => {
  it('prints the documented JSON shape with global IDs across prompts', async () => {
    const { dir } = scriptFolder();
    const path = join(dir, 'ravi.txt');
    writeFileSync(
      path,
      [
        'Ravi, a short man with a gray scarf and round glasses, walks along the pier.',
        'A woman in a yellow raincoat feeds the gulls.',
        'He waves at her from the boat.',
      ].join('\n'),
    );
    const { code, stdout } = await runCli(['entities', path, '--json'], { commands, cwd: dir });
    expect(code).toBe(0);
    const table = JSON.parse(stdout) as {
      entities: Array<{ id: number; name: string; mentions: string[]; attrs: string[]; prompts: number[] }>;
      prompts: Array<{ index: number; entities: Array<{ id: number; mention: string }> }>;
    };
    expect(table.entities).toHaveLength(2);
    const ravi = table.entities.find((e) => e.mentions.includes('Ravi'));
    expect(ravi?.name).toBe('man_1');
    expect(ravi?.attrs).toEqual(expect.arrayContaining(['gray scarf', 'round glasses']));
    expect(ravi?.prompts).toEqual([1, 3]);
    expect(table.prompts.map((p) => p.index)).toEqual([1, 2, 3]);
    expect(table.prompts[2]?.entities.map((e) => e.id)).toContain(ravi?.id);
  });

  it('prints a readable table without --json', async () => {
    const { dir, script } = scriptFolder();
    const { code, stdout } = await runCli(['entities', script], { commands, cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('Ravi');
  });

  it('refuses a missing script and a bad --line with exit 2', async () => {
    const { dir, script } = scriptFolder();
    const missing = await runCli(['entities'], { commands, cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no script given');
    const badLine = await runCli(['entities', script, '--line', 'zero'], { commands, cwd: dir });
    expect(badLine.code).toBe(2);
    expect(badLine.stderr).toContain('--line');
  });
});
