import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { runExtractorFixtureCases } from '../extractor-fixtures.case.js';
import type { AnnotatedScript } from '../score-extraction.js';
import { createOpenAIExtractor } from './create-openai-extractor.js';

/**
 * A local stand-in for an OpenAI-compatible LLM that answers each prompt with the extraction its annotations
 * imply: the characters present, their IDs (null for a newcomer), a mention found in the prompt and the
 * annotated attributes. It exercises the provider end to end: request, reply parsing, ID checks and numbering.
 */
class AnnotatedChatServer {
  private script: AnnotatedScript | undefined;
  private ids = new Map<string, number>();
  private nextId = 1;
  private server: Server | undefined;
  baseURL = '';

  /** Starts answering for `script` from its first prompt. */
  begin(script: AnnotatedScript): void {
    this.script = script;
    this.ids = new Map();
    this.nextId = 1;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => {
        text += chunk;
      });
      request.on('end', () => {
        const body = JSON.parse(text) as { messages: Array<{ content: string }> };
        const content = JSON.stringify(this.answer(body.messages.at(-1)!.content));
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content } }] }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseURL = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private answer(message: string): unknown {
    const script = this.script!;
    const index = Number(/Prompt (\d+):\n/.exec(message)?.[1]);
    const prompt = script.prompts[index - 1]!;
    const characters = (script.present[index - 1] ?? []).map((key) => {
      const character = script.characters[key]!;
      const known = this.ids.get(key);
      const attrs = known === undefined ? [...character.attrs] : [];
      attrs.push(...(character.changes[String(index)] ?? []));
      const name = character.aliases.find((alias) => /^[A-Z]/.test(alias) && findWord(prompt, alias) >= 0);
      return {
        id: known ?? null,
        is_new: known === undefined,
        kind: kindOf(character.aliases),
        mention: bestMention(prompt, character.aliases),
        name: name ?? null,
        attrs,
      };
    });
    // The provider numbers new characters from the registry's nextId, in reply order; keep the same count.
    for (const [position, key] of (script.present[index - 1] ?? []).entries()) {
      if (characters[position]!.is_new) this.ids.set(key, this.nextId++);
    }
    return { characters };
  }
}

/** The longest alias written in the prompt as a whole word, else the first alias. */
function bestMention(prompt: string, aliases: readonly string[]): string {
  const found = aliases
    .map((alias) => ({ alias, start: findWord(prompt, alias) }))
    .filter((item) => item.start >= 0)
    .sort((first, second) => second.alias.length - first.alias.length)[0];
  return found ? prompt.slice(found.start, found.start + found.alias.length) : aliases[0]!;
}

function findWord(text: string, word: string): number {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b${escaped}\\b`, 'i').exec(text)?.index ?? -1;
}

function kindOf(aliases: readonly string[]): string {
  const words = aliases.join(' ').toLowerCase().split(/\W+/);
  for (const kind of ['girl', 'boy', 'woman', 'man']) if (words.includes(kind)) return kind;
  if (words.some((word) => ['she', 'her', 'herself'].includes(word))) return 'woman';
  if (words.some((word) => ['he', 'him', 'his', 'himself'].includes(word))) return 'man';
  return 'person';
}

const server = new AnnotatedChatServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

// Answers that follow the annotations must score (almost) perfectly: what is lost is lost in the provider.
runExtractorFixtureCases({
  name: 'openai provider against annotated answers',
  createExtractor: (script) => {
    server.begin(script);
    return createOpenAIExtractor({ baseURL: server.baseURL, model: 'annotated', retryDelayMs: 1 });
  },
  floors: {
    tuned: { idAccuracy: 0.99, attributeRecall: 0.99 },
    dev: { idAccuracy: 0.99, attributeRecall: 0.99 },
    dev2: { idAccuracy: 0.99, attributeRecall: 0.99 },
    dev3: { idAccuracy: 0.99, attributeRecall: 0.99 },
    heldOut: { idAccuracy: 0.99, attributeRecall: 0.99 },
    holdout2: { idAccuracy: 0.99, attributeRecall: 0.99 },
  },
});

// A real OpenAI-compatible endpoint, when one is configured: scores are logged, not asserted.
const configured = process.env.IAMFLOW_LLM_URL?.trim();
runExtractorFixtureCases({
  name: `openai provider at ${configured ?? 'IAMFLOW_LLM_URL'}`,
  createExtractor: () =>
    createOpenAIExtractor({
      baseURL: configured ?? '',
      model: process.env.IAMFLOW_LLM_MODEL?.trim() || 'default',
      ...(process.env.IAMFLOW_LLM_API_KEY ? { apiKey: process.env.IAMFLOW_LLM_API_KEY } : {}),
    }),
  floors: {},
  timeoutMs: 30 * 60_000,
  ...(configured ? {} : { skip: 'IAMFLOW_LLM_URL is not set' }),
});
