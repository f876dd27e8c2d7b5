import { describe, expect, it } from 'vitest';
import { formatError } from '../errors/format-error.js';
import type { ScriptFormat } from './detect-script-format.js';
import { parseScriptText } from './parse-script-text.js';

const annotated = (extra: Record<string, unknown>) =>
  JSON.stringify({
    prompts: ['Nora walks.', 'She waits.'],
    characters: { nora: { aliases: ['Nora', 'she'], attrs: ['red hair'] } },
    present: [['nora'], ['nora']],
    ...extra,
  });

const failures: Record<string, [path: string, text: string, format?: ScriptFormat]> = {
  'empty file': ['a.txt', ''],
  'blank file': ['a.jsonl', '  \n\n'],
  'only comments': ['a.txt', '# nothing\n\n# here\n'],
  'huge text prompt': ['a.txt', `A cat sits.\n${'x'.repeat(100_000)}\n`],
  'no prompts field': ['a.jsonl', '{"id": "x"}'],
  'empty prompts list': ['a.jsonl', '{"prompts": []}'],
  'blank prompt': ['a.jsonl', '{"prompts": ["A fox runs.", "  "]}'],
  'prompt not text': ['a.jsonl', '{"prompts": ["A fox runs.", 3]}'],
  'huge jsonl prompt': ['a.jsonl', JSON.stringify({ prompts: ['y'.repeat(2001)] })],
  'malformed line 2': ['a.jsonl', '{"prompts": ["a"]}\n{"prompts": ["b",]}\n'],
  'line is a list': ['a.jsonl', '["A fox runs."]'],
  'seconds zero': ['a.jsonl', '{"prompts": ["a"], "seconds": 0}'],
  'seconds list length': ['a.jsonl', '{"prompts": ["a", "b"], "seconds": [5]}'],
  'fps negative': ['a.jsonl', '{"prompts": ["a"], "fps": -16}'],
  'fps text': ['a.jsonl', '{"prompts": ["a"], "fps": "16"}'],
  'present length': ['a.jsonl', annotated({ present: [['nora']] })],
  'unknown character': ['a.jsonl', annotated({ present: [['nora'], ['ravi']] })],
  'characters without present': ['a.jsonl', annotated({ present: undefined })],
  'change past the end': [
    'a.jsonl',
    annotated({ characters: { nora: { aliases: ['Nora'], attrs: [], changes: { '3': ['hat'] } } } }),
  ],
  'alias list empty': ['a.jsonl', annotated({ characters: { nora: { aliases: [], attrs: [] } } })],
  'duplicate id': ['a.jsonl', '{"id": "x", "prompts": ["a"]}\n{"id": "x", "prompts": ["b"]}'],
  'malformed yaml': ['a.yaml', 'title: x\nsegments:\n  - prompt: [a\n'],
  'yaml seconds negative': ['a.yaml', 'segments:\n  - prompt: a\n  - prompt: b\n    seconds: -5\n'],
  'yaml segment without prompt': ['a.yaml', 'segments:\n  - prompt: a\n  - seconds: 4\n'],
  'yaml prompts and segments': ['a.yaml', 'prompts: [a]\nsegments:\n  - prompt: b\n'],
  'yaml plain text': ['a.yaml', 'A fox runs through snow.'],
  'malformed json': ['a.json', '{\n  "prompts": ["a"]\n  "fps": 2\n}'],
  'json holding jsonl': ['a.json', '{"prompts": ["a"]}\n{"prompts": ["b"]}'],
  'json empty prompt': ['a.json', '{\n  "prompts": [\n    "a",\n    ""\n  ]\n}'],
};

describe('parseScriptText failures', () => {
  const results = Object.fromEntries(
    Object.entries(failures).map(([name, [path, text, format]]) => {
      const { scripts, errors } = parseScriptText(text, { path, ...(format ? { format } : {}) });
      return [name, { scripts: scripts.length, errors }];
    }),
  );

  it('reports every case as an error and loads nothing wrong', () => {
    for (const [name, { scripts, errors }] of Object.entries(results)) {
      expect(errors.length, name).toBeGreaterThan(0);
      const valid = name === 'malformed line 2' || name === 'duplicate id' ? 1 : 0;
      expect(scripts, name).toBe(valid);
      for (const error of errors) expect(error.exitCode, name).toBe(2);
    }
  });

  it('prints messages that name file, line and field', () => {
    const printed = Object.entries(results).map(([name, { errors }]) => {
      const codes = errors.flatMap((error) => error.issues.map((issue) => issue.code));
      return `[${name}] ${codes.join(', ')}\n${errors.map((error) => formatError(error)).join('\n')}`;
    });
    expect(printed.join('\n\n')).toMatchInlineSnapshot(`
      "[empty file] empty-file
      error: a.txt: the file is empty
        hint: write one prompt per line, or see docs/scripts.md

      [blank file] empty-file
      error: a.jsonl: the file is empty
        hint: write one prompt per line, or see docs/scripts.md

      [only comments] no-prompts
      error: a.txt: the file holds only comments and blank lines
        hint: write one prompt per line

      [huge text prompt] prompt-too-long
      error: a.txt: line 2: prompts: 1: is 100,000 characters long; the limit is 2,000 (prompt 2)
        hint: shorten it to at most 2,000 characters: describe one shot per prompt

      [no prompts field] no-prompts
      error: a.jsonl: line 1: prompts: is missing
        hint: give "prompts": ["...", ...] (or "segments": [{prompt: ...}] in YAML/JSON)

      [empty prompts list] no-prompts
      error: a.jsonl: line 1: prompts: is an empty list
        hint: give "prompts": ["...", ...] (or "segments": [{prompt: ...}] in YAML/JSON)

      [blank prompt] empty-prompt
      error: a.jsonl: line 1: prompts: 1: is empty (prompt 2)
        hint: write the prompt or remove the empty entry

      [prompt not text] invalid-type
      error: a.jsonl: line 1: prompts: 1: must be text, not a number (prompt 2)

      [huge jsonl prompt] prompt-too-long
      error: a.jsonl: line 1: prompts: 0: is 2,001 characters long; the limit is 2,000 (prompt 1)
        hint: shorten it to at most 2,000 characters: describe one shot per prompt

      [malformed line 2] malformed-json
      error: a.jsonl: line 2: is not valid JSON: Unexpected token ']' at column 20
        hint: check quotes, commas and brackets near that column (strings need double quotes)

      [line is a list] invalid-type
      error: a.jsonl: line 1: a script must be an object like {"prompts": [...]}, not a list

      [seconds zero] not-positive
      error: a.jsonl: line 1: seconds: must be more than 0 seconds, not 0
        hint: use a positive duration such as 10

      [seconds list length] seconds-length
      error: a.jsonl: line 1: seconds: has 1 durations for 2 prompts
        hint: give one duration per prompt, or a single number for all of them

      [fps negative] not-positive
      error: a.jsonl: line 1: fps: must be more than 0 frames per second, not -16
        hint: use a positive frame rate such as 16

      [fps text] invalid-type
      error: a.jsonl: line 1: fps: must be a number, not text

      [present length] present-length
      error: a.jsonl: line 1: present: has 1 lists for 2 prompts
        hint: give one list of character keys per prompt ([] when nobody is on screen)

      [unknown character] unknown-character
      error: a.jsonl: line 1: present: 1: 0: names unknown character "ravi"; known: nora (present list 2)
        hint: use a key of "characters", or add the character there

      [characters without present] incomplete-annotations
      error: a.jsonl: line 1: present: is missing (characters need it)
        hint: give both "characters" and "present", or neither

      [change past the end] change-out-of-range
      error: a.jsonl: line 1: characters: nora: changes: 3: is past the last prompt (2)
        hint: number changes by the 1-based prompt where they start

      [alias list empty] too-small
      error: a.jsonl: line 1: characters: nora: aliases: needs at least one name, role or pronoun

      [duplicate id] duplicate-id
      error: a.jsonl: line 2: id: "x" is already the id of the script on line 1
        hint: give every script a unique id

      [malformed yaml] malformed-yaml
      error: a.yaml: line 4: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]
        hint: check the indentation and that lists start with "- "; quote prompts that contain ": " or start with a symbol

      [yaml seconds negative] not-positive
      error: a.yaml: line 4: segments: 1: seconds: must be more than 0 seconds, not -5 (segment 2)
        hint: use a positive duration such as 10

      [yaml segment without prompt] missing-field
      error: a.yaml: line 3: segments: 1: prompt: is missing (segment 2)
        hint: add the field "prompt"

      [yaml prompts and segments] conflicting-fields
      error: a.yaml: line 3: segments: cannot be given together with prompts
        hint: keep either "prompts" or "segments"

      [yaml plain text] invalid-type
      error: a.yaml: a script must be an object like {"prompts": [...]}, not text

      [malformed json] malformed-json
      error: a.json: line 3: is not valid JSON: Expected ',' or '}' after property value at column 3
        hint: check quotes, commas and brackets near that column (strings need double quotes)

      [json holding jsonl] malformed-json
      error: a.json: line 2: is not valid JSON: Unexpected non-whitespace character after JSON at column 1
        hint: this looks like one script per line: name the file .jsonl

      [json empty prompt] empty-prompt
      error: a.json: line 4: prompts: 1: is empty (prompt 2)
        hint: write the prompt or remove the empty entry"
    `);
  });
});

describe('parseScriptText YAML aliases (found by fuzzing)', () => {
  it.each([
    ['an alias before its anchor', 'prompts: [*a]\n', 'line 1'],
    [
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`).join('\n')}\nprompts: [go]\n`,
      undefined,
    ],
  ])('refuses %s with a located malformed-yaml issue, not a ReferenceError', (_, text, line) => {
    const { errors } = parseScriptText(text, { path: 's.yaml' });
    const issue = errors[0]!.issues[0]!;
    expect(issue.code).toBe('malformed-yaml');
    expect(issue.path[0]).toBe('s.yaml');
    if (line) expect(issue.path[1]).toBe(line);
  });
});

describe('parseScriptText successes', () => {
  it.each([
    [
      'text with comments and CRLF',
      'fox.txt',
      '# a fox\r\nA fox runs.\r\n\r\n  It stops.  \r\n',
      'fox',
      [10, 10],
    ],
    ['NarraStream line', 'prompt.jsonl', '{"prompts": ["a", "b", "c"]}', 'prompt-1', [10, 10, 10]],
    ['jsonl second line keeps its line id', 'p.jsonl', '\n{"prompts": ["a"]}', 'p-2', [10]],
    ['numeric id', 'p.jsonl', '{"id": 7, "prompts": ["a"]}', '7', [10]],
    ['yaml segments', 'h.yaml', 'segments:\n  - prompt: a\n    seconds: 4\n  - prompt: b\n', 'h', [4, 10]],
    ['yaml prompts with one duration', 'h.yml', 'prompts:\n  - a\n  - b\nseconds: 6\n', 'h', [6, 6]],
    ['json durations list', 's.json', '{"id": "s1", "prompts": ["a", "b"], "seconds": [2, 3]}', 's1', [2, 3]],
    [
      'yaml segment overrides list',
      'h.yaml',
      'seconds: [1, 2]\nsegments:\n  - prompt: a\n    seconds: 9\n  - prompt: b\n',
      'h',
      [9, 2],
    ],
    ['prompt of exactly the limit', 'l.txt', 'z'.repeat(2000), 'l', [10]],
  ])('%s', (_name, path, text, id, seconds) => {
    const { scripts, errors } = parseScriptText(text, { path });
    expect(errors.map((error) => error.message)).toEqual([]);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.id).toBe(id);
    expect(scripts[0]!.seconds).toEqual(seconds);
    expect(scripts[0]!.fps).toBe(16);
  });

  it('trims prompts and keeps title, fps, dimension and annotations', () => {
    const text = JSON.stringify({
      id: 'n',
      title: 'Rain',
      dimension: 'reappearance',
      fps: 24,
      prompts: ['  Nora walks.  ', 'The street is empty.'],
      characters: { nora: { aliases: ['Nora'], attrs: ['red hair'], changes: { '2': ['hat'] } } },
      present: [['nora'], []],
      extra: 'ignored',
    });
    expect(parseScriptText(text, { path: 'n.jsonl' }).scripts[0]).toEqual({
      id: 'n',
      title: 'Rain',
      dimension: 'reappearance',
      fps: 24,
      prompts: ['Nora walks.', 'The street is empty.'],
      seconds: [10, 10],
      annotations: {
        characters: { nora: { aliases: ['Nora'], attrs: ['red hair'], changes: { '2': ['hat'] } } },
        present: [['nora'], []],
      },
      source: { path: 'n.jsonl', line: 1 },
    });
  });

  it('loads the good lines of a suite around a bad one', () => {
    const text = '{"id": "a", "prompts": ["x"]}\n{"id": "b", "prompts": []}\n{"id": "c", "prompts": ["y"]}\n';
    const { scripts, errors } = parseScriptText(text, { path: 's.jsonl' });
    expect(scripts.map((script) => [script.id, script.source.line])).toEqual([
      ['a', 1],
      ['c', 3],
    ]);
    expect(errors.map((error) => error.issues[0]!.path)).toEqual([['s.jsonl', 'line 2', 'prompts']]);
  });
});
