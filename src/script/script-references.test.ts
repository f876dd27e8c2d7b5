import { describe, expect, it } from 'vitest';
import { parseScriptText } from './parse-script-text.js';

describe('script references and start image', () => {
  it('reads them from a JSONL line, the name defaulting to the key', () => {
    const line = JSON.stringify({
      prompts: ['Nora walks.'],
      references: { nora: { image: 'refs/nora.png', description: 'a woman in a yellow coat' } },
      startImage: 'start.jpg',
    });
    const { scripts, errors } = parseScriptText(line, { path: 'story.jsonl' });
    expect(errors).toEqual([]);
    expect(scripts[0]!.references).toEqual({
      nora: { image: 'refs/nora.png', name: 'nora', description: 'a woman in a yellow coat' },
    });
    expect(scripts[0]!.startImage).toBe('start.jpg');
  });

  it('reads them from YAML', () => {
    const yaml = 'prompts: [Nora walks.]\nreferences:\n  nora: {image: nora.png, name: Nora}\n';
    const { scripts } = parseScriptText(yaml, { path: 'story.yaml' });
    expect(scripts[0]!.references).toEqual({ nora: { image: 'nora.png', name: 'Nora' } });
  });

  it('reads header lines of the text format, which are not prompts', () => {
    const text = '@start-image opening.png\n@reference nora.png Nora, a woman with red hair\nNora walks.\n';
    const { scripts } = parseScriptText(text, { path: 'story.txt' });
    expect(scripts[0]!.prompts).toEqual(['Nora walks.']);
    expect(scripts[0]!.startImage).toBe('opening.png');
    expect(scripts[0]!.references).toEqual({
      nora: { image: 'nora.png', name: 'Nora', description: 'a woman with red hair' },
    });
  });

  it('locates a malformed reference', () => {
    const line = JSON.stringify({ prompts: ['Nora walks.'], references: { nora: { name: 'Nora' } } });
    const { errors } = parseScriptText(line, { path: 'story.jsonl' });
    expect(errors[0]!.issues[0]!.path).toEqual(['story.jsonl', 'line 1', 'references', 'nora', 'image']);
    const text = '@reference nora.png\nNora walks.';
    const { errors: textErrors } = parseScriptText(text, { path: 'story.txt' });
    expect(textErrors[0]!.issues[0]).toMatchObject({
      code: 'invalid-directive',
      path: ['story.txt', 'line 1'],
    });
  });
});
