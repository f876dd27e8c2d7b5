import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/index.js';
import { runCli } from './__fixtures__/cli-harness.js';
import type { Command } from './command.js';

const throwing = (error: unknown): Command => ({
  name: 'boom',
  summary: 'always fails',
  help: 'Usage: iamflow boom\n',
  options: {},
  run: async () => {
    throw error;
  },
});

describe('iamflow main', () => {
  it('lists every command for --help on stdout with exit 0', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: iamflow <command>/);
    expect(stdout).toMatch(/^ {2}generate {2}generate a video/m);
    expect(stderr).toBe('');
  });

  it('prints the overview on stderr with exit 2 when no command is given', async () => {
    const { code, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Commands:');
  });

  it('prints a command help with every option, its default and an example', async () => {
    const { code, stdout } = await runCli(['generate', '--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--out',
      '--policy',
      '--seed',
      '--size',
      '--line',
      '--id',
      '--transition',
      '--quiet',
      '--json',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toContain('(default: 480x270)');
    expect(stdout).toContain('iamflow generate examples/nora.jsonl --out out/nora');
  });

  it('rejects an unknown command with exit 2 and a suggestion', async () => {
    const { code, stdout, stderr } = await runCli(['generat']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      "error: unknown command 'generat'\n  hint: did you mean `iamflow generate`? See `iamflow --help`\n",
    );
  });

  it('rejects an unknown flag with exit 2, without a stack', async () => {
    const { code, stderr } = await runCli(['generate', 'x.jsonl', '--out', 'o', '--colour', 'red']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "error: generate: Unknown option '--colour'\n  hint: see `iamflow generate --help` for the options\n",
    );
  });

  it('rejects a flag without its value', async () => {
    const { code, stderr } = await runCli(['generate', 'x.jsonl', '--out']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: generate: Option '--out <value>' argument missing/);
  });

  it('maps an InputError to its issues and exit 2', async () => {
    const error = new InputError([
      { code: 'x', path: ['a.jsonl', 'line 2'], message: 'is bad', hint: 'fix it' },
    ]);
    const { code, stderr } = await runCli(['boom'], { commands: [throwing(error)] });
    expect(code).toBe(2);
    expect(stderr).toBe('error: a.jsonl: line 2: is bad\n  hint: fix it\n');
  });

  it('prints an unexpected error in one line with a --verbose hint, and the stack only with --verbose', async () => {
    const quiet = await runCli(['boom'], { commands: [throwing(new Error('disk on fire'))] });
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe(
      'error: disk on fire\nhint: this is unexpected; rerun with --verbose to see the details\n',
    );
    const verbose = await runCli(['boom', '--verbose'], { commands: [throwing(new Error('disk on fire'))] });
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/^error: Error: disk on fire\n\s+at /);
  });

  it('prints the version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
