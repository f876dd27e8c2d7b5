import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyExtraction, createRegistry } from '../../../entities/registry.js';
import { ApiCallError } from '../../../errors/api-call-error.js';
import { InvalidResponseError } from '../errors/invalid-response-error.js';
import { createRulesExtractor } from '../rules/create-rules-extractor.js';
import { withFallback } from '../with-fallback.js';
import { createOpenAIExtractor } from './create-openai-extractor.js';

/** A scripted reply: status, body, or a delay longer than the client's timeout. */
type Reply = { status?: number; body?: string; delayMs?: number };

const replies = new Map<string, Reply[]>();
const calls: Array<{ url: string; headers: Record<string, unknown>; body: Record<string, unknown> }> = [];
let server: Server;
let baseURL: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      calls.push({ url: request.url ?? '', headers: request.headers, body: JSON.parse(text) });
      const reply = replies.get(request.url ?? '')?.shift() ?? { status: 404, body: 'no scripted reply' };
      setTimeout(() => {
        if (response.destroyed) return;
        response.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
        response.end(reply.body ?? '');
      }, reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  replies.clear();
  calls.length = 0;
});

function completion(content: string): string {
  return JSON.stringify({ id: 'x', choices: [{ index: 0, message: { role: 'assistant', content } }] });
}

const registry = applyExtraction(createRegistry(), {
  promptIndex: 1,
  characters: [
    { id: 1, isNew: true, kind: 'man', mention: 'Ravi', attrs: ['gray scarf'], properName: 'Ravi' },
  ],
});
const prompt = 'Ravi now wears a blue raincoat and meets a woman with red hair.';
const goodReply = completion(
  JSON.stringify({
    characters: [
      { id: 1, is_new: false, kind: 'man', mention: 'Ravi', name: 'Ravi', attrs: ['blue raincoat'] },
      { id: null, is_new: true, kind: 'woman', mention: 'a woman', name: null, attrs: ['Red hair'] },
    ],
  }),
);

function extractor(path: string, extra: { timeoutMs?: number; maxRetries?: number } = {}) {
  return createOpenAIExtractor({ baseURL: `${baseURL}/${path}/v1`, model: 'test-model', apiKey: 'secret', retryDelayMs: 1, ...extra }); // biome-ignore format: one call
}

describe('openai extractor', () => {
  it('sends the system prompt, registry and json_schema, and reads a structured reply', async () => {
    replies.set('/good/v1/chat/completions', [{ body: goodReply }]);
    const result = await extractor('good').extract({ prompt, promptIndex: 2, registry });
    expect(result.characters).toEqual([
      { id: 1, isNew: false, kind: 'man', mention: 'Ravi', attrs: ['blue raincoat'], properName: 'Ravi' },
      { id: 2, isNew: true, kind: 'woman', mention: 'a woman', attrs: ['red hair'] },
    ]);
    expect(result.spans.map((span) => `${span.id}:${span.text}`)).toEqual(['1:Ravi', '1:blue raincoat', '2:a woman', '2:red hair']); // biome-ignore format: one list
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.headers.authorization).toBe('Bearer secret');
    expect(call.body.model).toBe('test-model');
    expect((call.body.response_format as { type: string }).type).toBe('json_schema');
    const messages = call.body.messages as Array<{ role: string; content: string }>;
    expect(messages[0]!.content).toContain('another, other, new, different');
    expect(messages[1]!.content).toContain('ID 1 (man "Ravi"');
    expect(messages[1]!.content).toContain(prompt);
  });

  it('replaces an invented ID with a new one and warns', async () => {
    const reply = {
      characters: [{ id: 7, is_new: false, kind: 'robot', mention: 'a stranger', attrs: null }],
    };
    replies.set('/invented/v1/chat/completions', [
      { body: completion(`\`\`\`json\n${JSON.stringify(reply)}\n\`\`\``) },
    ]);
    const result = await extractor('invented').extract({
      prompt: 'A stranger waits.',
      promptIndex: 2,
      registry,
    });
    expect(result.characters).toEqual([
      { id: 2, isNew: true, kind: 'person', mention: 'a stranger', attrs: [] },
    ]);
    expect(result.warnings?.[0]).toMatchObject({ type: 'other', message: expect.stringContaining('ID 7') });
  });

  it.each([
    ['malformed JSON', completion('{"characters": [ {"id": 1,'), /not valid JSON/],
    ['missing fields', completion(JSON.stringify({ people: [] })), /lacks needed fields/],
    ['no message content', JSON.stringify({ choices: [] }), /no choices/],
  ])('rejects %s without retrying', async (_name, body, message) => {
    replies.set('/bad/v1/chat/completions', [{ body }, { body: goodReply }]);
    const error = await extractor('bad')
      .extract({ prompt, promptIndex: 2, registry })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(message);
    expect(calls).toHaveLength(1);
  });

  it('retries a 500 and then succeeds', async () => {
    replies.set('/flaky/v1/chat/completions', [{ status: 500, body: 'overloaded' }, { body: goodReply }]);
    const result = await extractor('flaky').extract({ prompt, promptIndex: 2, registry });
    expect(result.characters).toHaveLength(2);
    expect(calls).toHaveLength(2);
  });

  it('does not retry a 400', async () => {
    replies.set('/client/v1/chat/completions', [
      { status: 400, body: '{"error":"bad model"}' },
      { body: goodReply },
    ]);
    const error = await extractor('client')
      .extract({ prompt, promptIndex: 2, registry })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ status: 400, isRetryable: false, body: '{"error":"bad model"}' });
    expect(calls).toHaveLength(1);
  });

  it('times out each attempt and gives up after the retries', async () => {
    replies.set('/slow/v1/chat/completions', [
      { delayMs: 400, body: goodReply },
      { delayMs: 400, body: goodReply },
    ]);
    const error = await extractor('slow', { timeoutMs: 50, maxRetries: 1 })
      .extract({ prompt, promptIndex: 2, registry })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ isRetryable: true, status: undefined });
    expect(error.message).toMatch(/no answer within 50 ms/);
    expect(calls).toHaveLength(2);
  });

  it('falls back to the rules extractor and records why', async () => {
    replies.set('/down/v1/chat/completions', [{ status: 503 }, { status: 503 }]);
    const fallback = withFallback(extractor('down', { maxRetries: 1 }), createRulesExtractor());
    const result = await fallback.extract({ prompt, promptIndex: 2, registry });
    expect(fallback.provider).toBe('openai+rules');
    expect(result.warnings?.[0]).toEqual({
      type: 'fallback',
      fallback: true,
      reason: expect.stringMatching(/^ApiCallError: HTTP 503/),
      provider: 'openai',
    });
    expect(result.characters.map((character) => character.id)).toEqual([1, 2]);
  });
});
