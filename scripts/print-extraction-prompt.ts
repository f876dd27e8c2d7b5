/**
 * Prints what the OpenAI-compatible entity extractor sends: the system prompt, the JSON schema of the reply
 * (`response_format`), and the user message for an example registry and prompt. docs/method.md quotes it.
 *
 *   npx tsx scripts/print-extraction-prompt.ts
 */
import {
  EXTRACTION_JSON_SCHEMA,
  EXTRACTION_SYSTEM_PROMPT,
  formatExtractionRequest,
} from '../src/agents/llm/openai/extraction-prompt.js';
import { applyExtraction, createRegistry } from '../src/entities/registry.js';

const registry = applyExtraction(createRegistry(), {
  promptIndex: 1,
  characters: [
    { id: 1, isNew: true, kind: 'woman', mention: 'A woman', attrs: ['straw hat'], aliases: ['painter'] },
  ],
});
console.log('--- system message\n');
console.log(EXTRACTION_SYSTEM_PROMPT);
console.log('\n--- response_format.json_schema\n');
console.log(JSON.stringify(EXTRACTION_JSON_SCHEMA, null, 2));
console.log('\n--- user message (example)\n');
console.log(
  formatExtractionRequest({
    prompt: 'The painter, whose name is Mara, smiles at a boy in a red cap.',
    promptIndex: 2,
    registry,
  }),
);
