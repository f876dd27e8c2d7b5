import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFixtureStore } from '../../bench/report/__fixtures__/write-fixture-store.js';
import { main } from '../main.js';
import { benchCommand, parseBenchFlags } from './bench.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { stream, read: () => text };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], cwd: string) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(argv, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    cwd,
    commands: [benchCommand],
  });
  return { code, stdout: stdout.read(), stderr: stderr.read() };
}

describe('iamflow bench', () => {
  it('writes the report of a results folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-bench-cli-'));
    dirs.push(dir);
    writeFixtureStore(join(dir, 'results.sqlite'));
    const result = await run(['bench', 'report', '.'], dir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    expect(existsSync(join(dir, 'results.md'))).toBe(true);
  });

  it('lists the policy variants in --help, aligned, with the ablation docs', async () => {
    const result = await run(['bench', '--help'], tmpdir());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--policies 'iamflow/*'");
    expect(result.stdout).toContain('docs/benchmark.md#ablations-policy-variants');
    expect(result.stdout).toContain('Ablations section');
    const rows = result.stdout.split('\n').filter((line) => /^ {2}iamflow\/\S+ {2,}\S/.test(line));
    expect(rows.map((line) => line.trim().split(/\s+/)[0])).toEqual(
      expect.arrayContaining([
        'iamflow/recache',
        'iamflow/artefacts-faithful',
        'iamflow/correction-same-slot',
      ]),
    );
    // the setting column starts at one place for every variant
    expect(new Set(rows.map((line) => line.search(/(?<=\S {2,})\S/))).size).toBe(1);
  });

  it('refuses an unknown policy variant with exit code 2, listing the known ones, no stack trace', async () => {
    const result = await run(['bench', '--policies', 'iamflow,iamflow/recache,iamflow/nope'], tmpdir());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).toMatch(
      /^error: --policies: unknown policy or variant 'iamflow\/nope'\n {2}hint: /,
    );
    for (const name of [
      'self-forcing',
      'iamflow',
      'iamflow/recache',
      'iamflow/bank-recover',
      'iamflow/sparse',
    ])
      expect(result.stderr).toContain(` ${name},`);
  });

  it('gives the agents to iamflow when only its variants are chosen', () => {
    expect(parseBenchFlags({ policies: 'iamflow/recache', 'sync-verify': true }, '/', {}).agents).toEqual({
      syncVerify: true,
    });
  });

  it('verifies inline with the embedded pixel verifier unless --async-verify, and queues for a vision model', () => {
    expect(parseBenchFlags({ policies: 'iamflow' }, '/', {}).agents).toEqual({ syncVerify: true });
    expect(parseBenchFlags({ policies: 'iamflow', 'async-verify': true }, '/', {}).agents).toEqual({
      syncVerify: false,
    });
    expect(
      parseBenchFlags({ policies: 'iamflow', 'vlm-url': 'http://127.0.0.1:9/v1' }, '/', {}).agents,
    ).toEqual({ vlm: { url: 'http://127.0.0.1:9/v1' }, syncVerify: false });
    expect(() =>
      parseBenchFlags({ policies: 'iamflow', 'async-verify': true, 'sync-verify': true }, '/', {}),
    ).toThrow(/--async-verify: cannot be combined with --sync-verify/);
  });

  it('reports every bad flag at once with exit code 2', async () => {
    const result = await run(['bench', '--size', '3x3', '--limit', 'x', '--workers=-1'], tmpdir());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatchInlineSnapshot(`
      "error: --limit: 'x' is not a whole number of at least 1
        hint: e.g. --limit 2
      error: --workers: '-1' is not a whole number of at least 0
        hint: e.g. --workers 2
      error: --size: 3 is not an even number of pixels in range
        hint: give WIDTHxHEIGHT with even numbers from 64 to 1920, e.g. 480x270
      "
    `);
  });

  it('names a missing results store and an unknown subcommand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-bench-cli-'));
    dirs.push(dir);
    expect((await run(['bench', 'report', dir], dir)).stderr).toContain('has no results.sqlite');
    expect((await run(['bench', 'reprot'], dir)).stderr).toContain("unknown subcommand 'reprot'");
  });

  it('takes the agent flags and IAMFLOW_* environment for the policies that take agents', () => {
    const values = { 'llm-url': 'http://127.0.0.1:9/v1', 'sync-verify': true };
    expect(parseBenchFlags({ ...values, policies: 'memflow,iamflow' }, '/', {}).agents).toEqual({
      llm: { url: 'http://127.0.0.1:9/v1' },
      syncVerify: true,
    });
    const fromEnv = parseBenchFlags({}, '/', {
      IAMFLOW_VLM_URL: 'http://127.0.0.1:9/v1',
      IAMFLOW_VLM_MODEL: 'v',
    });
    expect(fromEnv.agents).toEqual({ vlm: { url: 'http://127.0.0.1:9/v1', model: 'v' }, syncVerify: false });
    expect(
      parseBenchFlags({ policies: 'longlive' }, '/', { IAMFLOW_LLM_URL: 'http://x' }).agents,
    ).toBeUndefined();
  });

  it('refuses agent flags when no chosen policy takes agents', async () => {
    const result = await run(['bench', '--policies', 'longlive,memflow', '--llm-url', 'http://x'], tmpdir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "error: --llm-url: only applies to --policies iamflow, not 'longlive, memflow'",
    );
  });
});
