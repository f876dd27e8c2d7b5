import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTRACTION_JSON_SCHEMA, EXTRACTION_SYSTEM_PROMPT } from './extraction-prompt.js';

const method = readFileSync(new URL('../../../../docs/method.md', import.meta.url), 'utf8');

describe('docs/method.md quotes what the provider sends', () => {
  it('the system prompt, verbatim', () => {
    expect(method).toContain(EXTRACTION_SYSTEM_PROMPT);
  });

  it('the JSON schema, as scripts/print-extraction-prompt.ts prints it', () => {
    expect(method).toContain(JSON.stringify(EXTRACTION_JSON_SCHEMA, null, 2));
  });
});
