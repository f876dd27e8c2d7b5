import { describe, expect, it } from 'vitest';
import { detectScriptFormat } from './detect-script-format.js';

describe('detectScriptFormat', () => {
  it.each([
    ['a.jsonl', '', 'jsonl'],
    ['a.NDJSON', '', 'jsonl'],
    ['a.json', '{"prompts": []}', 'json'],
    ['a.yaml', '', 'yaml'],
    ['a.YML', '', 'yaml'],
    ['a.txt', '{"prompts": []}', 'text'],
    ['prompt', '{"prompts": ["a"]}\n\n{"prompts": ["b"]}\n', 'jsonl'],
    ['prompt', '{\n  "prompts": ["a"]\n}', 'json'],
    ['story', 'title: x\nsegments:\n  - prompt: a', 'yaml'],
    ['story.md', 'A fox runs: fast.\nIt stops.', 'text'],
    ['story', '', 'text'],
  ])('%s %j -> %s', (path, text, format) => {
    expect(detectScriptFormat(path, text)).toBe(format);
  });
});
