import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError } from '../errors/format-error.js';
import { IamflowError } from '../errors/iamflow-error.js';
import { readScript, readScripts } from './read-script.js';

let cwd = '';
const suite = [
  '{"id": "reappearance-001", "prompts": ["a", "b"]}',
  '',
  '{"id": "reappearance-002", "prompts": []}',
  '{"id": "newcomer-001", "prompts": ["c"]}',
  '{"prompts": ["d"]}',
].join('\n');

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'iamflow-script-'));
  await writeFile(join(cwd, 'suite.jsonl'), suite);
  await writeFile(join(cwd, 'one.jsonl'), '{"prompts": ["A fox runs."]}\n');
  await writeFile(join(cwd, 'latin1.txt'), Buffer.from([0x41, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
  await mkdir(join(cwd, 'bench'));
  await writeFile(join(cwd, 'bench', 'prompt.jsonl'), '{"prompts": ["a"]}');
  await writeFile(join(cwd, 'huge.txt'), '');
  await truncate(join(cwd, 'huge.txt'), 17 * 1024 * 1024);
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!IamflowError.isInstance(error)) throw new Error(`expected an IamflowError, got ${String(error)}`);
  expect(error.exitCode).toBe(2);
  return `${error.issues.map((issue) => issue.code).join(',')}: ${formatError(error).replaceAll(cwd, '<tmp>')}`;
}

describe('readScript', () => {
  it('reads the only script of a file without options', async () => {
    const script = await readScript('one.jsonl', { cwd });
    expect([script.id, script.prompts, script.source]).toEqual([
      'one-1',
      ['A fox runs.'],
      { path: 'one.jsonl', line: 1 },
    ]);
  });

  it('selects by line and by id', async () => {
    expect((await readScript('suite.jsonl', { cwd, line: 4 })).id).toBe('newcomer-001');
    expect((await readScript('suite.jsonl', { cwd, id: 'reappearance-001' })).prompts).toEqual(['a', 'b']);
    expect((await readScript('suite.jsonl', { cwd, line: 5 })).id).toBe('suite-5');
  });

  it('explains every way a read can fail', async () => {
    const cases = {
      missing: () => readScript('nope.jsonl', { cwd }),
      directory: () => readScript('bench', { cwd }),
      'invalid utf-8': () => readScript('latin1.txt', { cwd }),
      'too large': () => readScript('huge.txt', { cwd }),
      ambiguous: () => readScript('suite.jsonl', { cwd }),
      'line past the end': () => readScript('suite.jsonl', { cwd, line: 9 }),
      'blank line': () => readScript('suite.jsonl', { cwd, line: 2 }),
      'line zero': () => readScript('suite.jsonl', { cwd, line: 0 }),
      'unknown id': () => readScript('suite.jsonl', { cwd, id: 'scene-change-001' }),
      'both options': () => readScript('suite.jsonl', { cwd, id: 'x', line: 1 }),
      'invalid chosen line': () => readScript('suite.jsonl', { cwd, id: 'reappearance-002' }),
    };
    const printed: string[] = [];
    for (const [name, read] of Object.entries(cases)) printed.push(`[${name}] ${await failure(read())}`);
    expect(printed.join('\n')).toMatchInlineSnapshot(`
      "[missing] missing-file: error: nope.jsonl: no such file
        hint: check the path (looked for <tmp>/nope.jsonl)
      [directory] not-a-file: error: bench: is a directory, not a script file
        hint: pass a file inside it, e.g. bench/prompt.jsonl
      [invalid utf-8] invalid-utf8: error: latin1.txt: line 2: the file is not valid UTF-8: byte 0xe9 at offset 5 starts an invalid sequence
        hint: save the file as UTF-8 (most editors offer "Save with encoding")
      [too large] file-too-large: error: huge.txt: is 17.0 MiB; script files are limited to 16 MiB
        hint: split the suite into several files
      [ambiguous] ambiguous-script: error: suite.jsonl: the file holds 4 scripts; choose one
        hint: pass --line N or --id X; scripts: line 1 "reappearance-001", line 3 "reappearance-002", line 4 "newcomer-001", ... (4 in all)
      [line past the end] line-out-of-range: error: suite.jsonl: --line 9 is past the last script (line 5)
        hint: scripts: line 1 "reappearance-001", line 3 "reappearance-002", line 4 "newcomer-001", ... (4 in all)
      [blank line] line-out-of-range: error: suite.jsonl: line 2 holds no script (it is blank)
        hint: scripts: line 1 "reappearance-001", line 3 "reappearance-002", line 4 "newcomer-001", ... (4 in all)
      [line zero] line-out-of-range: error: suite.jsonl: --line must be a whole number from 1, not 0
        hint: scripts: line 1 "reappearance-001", line 3 "reappearance-002", line 4 "newcomer-001", ... (4 in all)
      [unknown id] unknown-id: error: suite.jsonl: no script has id "scene-change-001"
        hint: scripts: line 1 "reappearance-001", line 3 "reappearance-002", line 4 "newcomer-001", ... (4 in all)
      [both options] conflicting-options: error: suite.jsonl: both --line and --id were given
        hint: pass only one of --line N or --id X
      [invalid chosen line] no-prompts: error: suite.jsonl: line 3: prompts: is an empty list
        hint: give "prompts": ["...", ...] (or "segments": [{prompt: ...}] in YAML/JSON)"
    `);
  });
});

describe('readScripts', () => {
  it('loads the valid scripts of a suite and reports the invalid ones', async () => {
    const { scripts, errors } = await readScripts('suite.jsonl', { cwd });
    expect(scripts.map((script) => script.id)).toEqual(['reappearance-001', 'newcomer-001', 'suite-5']);
    expect(errors.map((error) => error.issues[0]!.path)).toEqual([['suite.jsonl', 'line 3', 'prompts']]);
  });

  it('reads the examples', async () => {
    const root = new URL('../../examples/', import.meta.url).pathname;
    const nora = await readScript('nora.jsonl', { cwd: root });
    const harbor = await readScript('harbor.yaml', { cwd: root });
    const simple = await readScript('simple.txt', { cwd: root });
    expect(nora.prompts).toHaveLength(6);
    expect(nora.annotations?.present).toHaveLength(6);
    expect(Object.keys(nora.annotations?.characters ?? {})).toEqual(['nora', 'stranger']);
    expect([harbor.title, harbor.seconds]).toEqual(['The harbor at dawn', [10, 10, 8, 12]]);
    expect([simple.id, simple.prompts.length]).toEqual(['simple', 3]);
  });
});
