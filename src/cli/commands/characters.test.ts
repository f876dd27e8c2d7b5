import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRunDirSink } from '../../run/create-run-dir-sink.js';
import { runScript } from '../../run/run-script.js';
import { runCli } from '../__fixtures__/cli-harness.js';
import { charactersCommand } from './characters.js';

const commands = [charactersCommand];
const segments = [
  {
    prompt: 'Nora, a young woman in a yellow raincoat with long red hair, walks along a street.',
    seconds: 1,
  },
  { prompt: 'Ravi, a tall man in a blue coat, waits beside Nora at a bus stop.', seconds: 1 },
];

describe('iamflow characters', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'iamflow-characters-cli-'));
    // The real ffmpeg encoder: --write decodes video.mp4 again.
    await runScript({ segments, size: { width: 320, height: 180 }, steps: 2 }, createRunDirSink({ dir }));
  }, 60_000);

  it('prints the sheet of a run folder', async () => {
    const { code, stdout } = await runCli(['characters', dir], { commands, cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^#1 Nora \(woman_1\)\n {2}prompts: 1, 2 {3}seen in \d+ of \d+ checked frames/);
    expect(stdout).toContain('registered: young, yellow raincoat, long red hair');
    expect(stdout).toContain('#2 Ravi (man_1)');
    expect(stdout).toContain('picture: characters/1.png');
  });

  it('prints characters.json with --json', async () => {
    const { stdout } = await runCli(['characters', dir, '--json'], { commands, cwd: dir });
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync(join(dir, 'characters.json'), 'utf8')));
  });

  it('builds the sheet from run.json for an older run, and writes it again with --write', async () => {
    const before = readFileSync(join(dir, 'characters.json'), 'utf8');
    rmSync(join(dir, 'characters.json'));
    rmSync(join(dir, 'characters'), { recursive: true });
    const rebuilt = await runCli(['characters', dir], { commands, cwd: dir });
    expect(rebuilt.stdout).toContain('#1 Nora (woman_1)');
    expect(rebuilt.stdout).not.toContain('picture:');
    const written = await runCli(['characters', dir, '--write'], { commands, cwd: dir });
    expect(written.code).toBe(0);
    expect(readFileSync(join(dir, 'characters.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'characters', '1.png'))).toBe(true);
  }, 30_000);

  it.each([
    [[], 'no run folder given'],
    [['missing-run'], 'run.json: no such file'],
  ])('bad input %j -> exit 2', async (argv, message) => {
    const { code, stderr } = await runCli(['characters', ...argv], { commands, cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
