import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChatAnswer,
  type ChatRequest,
  type ChatServer,
  imageCount,
  startChatServer,
  userText,
} from '../../../../test/chat-server.js';
import type { FrameVerifierV1, VerifyInput } from '../frame-verifier.js';
import { runVerifierCases } from '../verifier.case.js';
import { withVerifierFallback } from '../with-verifier-fallback.js';
import { createOpenAIVerifier } from './create-openai-verifier.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse, count: number) => void;

const calls: Array<{ path: string; body: Record<string, unknown> }> = [];
const counts = new Map<string, number>();
let server: Server;
let base = '';

function chat(content: string) {
  return JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] });
}

const routes: Record<string, Handler> = {
  '/good/v1/chat/completions': (_request, _body, response) =>
    response.end(
      chat(
        'Here you go:\n```json\n{"scores": [0.9, {"score": 1.4}, 0.2], "seen": [[1], [1, 9], []], "corrections": [{"id": 1, "attrs": ["Green Coat"]}, {"id": 7, "attrs": ["x"]}]}\n```',
      ),
    ),
  '/malformed/v1/chat/completions': (_request, _body, response) => response.end(chat('{"scores": [0.9, 0.8')),
  '/missing/v1/chat/completions': (_request, _body, response) => response.end(chat('{"seen": [[1]]}')),
  '/flaky/v1/chat/completions': (_request, _body, response, count) => {
    if (count === 1) {
      response.statusCode = 500;
      response.end('overloaded');
      return;
    }
    response.end(chat('{"scores": [0.3, 0.4, 0.5]}'));
  },
  '/bad-request/v1/chat/completions': (_request, _body, response) => {
    response.statusCode = 400;
    response.end('bad request');
  },
  '/slow/v1/chat/completions': (_request, _body, response) => {
    setTimeout(() => response.end(chat('{"scores": [1, 1, 1]}')), 1500);
  },
};

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (part) => {
      body += part;
    });
    request.on('end', () => {
      const path = request.url ?? '';
      const count = (counts.get(path) ?? 0) + 1;
      counts.set(path, count);
      calls.push({ path, body: JSON.parse(body) as Record<string, unknown> });
      response.setHeader('content-type', 'application/json');
      const handler = routes[path];
      if (handler) handler(request, body, response, count);
      else {
        response.statusCode = 404;
        response.end('{}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const input: VerifyInput = {
  frames: [0, 1, 2].map((value) => ({ width: 2, height: 2, data: new Uint8Array(12).fill(value * 100) })),
  entities: [{ id: 1, name: 'Nora', attrs: ['red coat'] }],
  firstChunkOfSegment: true,
};

const fallback: FrameVerifierV1 = {
  specificationVersion: 'v1',
  provider: 'pixel',
  modelId: 'stub',
  verify: async () => ({ scores: [0.1, 0.1, 0.1] }),
};

function verifier(path: string, extra: Partial<Parameters<typeof createOpenAIVerifier>[0]> = {}) {
  const openai = createOpenAIVerifier({
    baseURL: `${base}/${path}/v1/`,
    model: 'vision-test',
    apiKey: 'secret',
    retryDelayMs: 1,
    ...extra,
  });
  return withVerifierFallback(openai, fallback);
}

describe('openai verifier', () => {
  it('sends the frames as PNG data URLs and reads a fenced JSON reply leniently', async () => {
    const result = await verifier('good').verify(input);
    expect(result).toEqual({
      scores: [0.9, 1, 0.2],
      seen: [[1], [1], []],
      corrections: [{ id: 1, attrs: ['green coat'] }],
      warnings: [{ type: 'other', message: 'dropped corrections for unknown IDs or without attributes' }],
    });
    const call = calls.find((item) => item.path.startsWith('/good'))!;
    expect(call.body.model).toBe('vision-test');
    const messages = call.body.messages as Array<{ content: unknown }>;
    const parts = messages[1]!.content as Array<{ type: string; image_url?: { url: string } }>;
    expect(parts.map((part) => part.type)).toEqual(['text', 'image_url', 'image_url', 'image_url']);
    const png = Buffer.from(parts[1]!.image_url!.url.replace('data:image/png;base64,', ''), 'base64');
    expect([...png.subarray(1, 4)].map((byte) => String.fromCharCode(byte)).join('')).toBe('PNG');
  });

  it.each([
    ['malformed', 'InvalidResponseError: reply holds no valid JSON object'],
    ['missing', 'InvalidResponseError: reply has no scores array'],
  ])('falls back on a %s reply', async (path, reason) => {
    const result = await verifier(path).verify(input);
    expect(result).toEqual({
      scores: [0.1, 0.1, 0.1],
      warnings: [{ type: 'fallback', fallback: true, reason, provider: 'openai' }],
    });
  });

  it('retries a 500 and then succeeds; does not retry a 400', async () => {
    expect(await verifier('flaky').verify(input)).toEqual({ scores: [0.3, 0.4, 0.5] });
    expect(counts.get('/flaky/v1/chat/completions')).toBe(2);
    const result = await verifier('bad-request').verify(input);
    expect(result.warnings?.[0]).toMatchObject({
      type: 'fallback',
      reason: expect.stringContaining('HTTP 400'),
    });
    expect(counts.get('/bad-request/v1/chat/completions')).toBe(1);
  });

  it('falls back visibly after timeouts', async () => {
    const result = await verifier('slow', { timeoutMs: 100, maxRetries: 1 }).verify(input);
    expect(result.scores).toEqual([0.1, 0.1, 0.1]);
    expect(result.warnings?.[0]).toMatchObject({
      type: 'fallback',
      provider: 'openai',
      reason: expect.stringContaining('no answer within 100 ms'),
    });
    expect(counts.get('/slow/v1/chat/completions')).toBe(2);
  });
});

/**
 * A vision model that follows the system prompt: 0.8 per frame, every listed character seen, and on a first chunk
 * one correction (the first character's sweater reads blue).
 */
function answerVerification(request: ChatRequest): ChatAnswer {
  const text = userText(request);
  const characters = JSON.parse(/^Characters: (.*)$/m.exec(text)?.[1] ?? '[]') as Array<{ id: number }>;
  const frames = imageCount(request);
  const ids = characters.map((character) => character.id);
  const corrections =
    text.includes('Give corrections when') && ids.length > 0 ? [{ id: ids[0], attrs: ['Blue sweater'] }] : [];
  return {
    content: JSON.stringify({ scores: Array(frames).fill(0.8), seen: Array(frames).fill(ids), corrections }),
  };
}

describe('openai verifier against a local model', () => {
  let model: ChatServer;
  beforeAll(async () => {
    model = await startChatServer(answerVerification);
  });
  afterAll(() => model.close());

  runVerifierCases({
    name: 'openai (local server)',
    createVerifier: () =>
      createOpenAIVerifier({ baseURL: model.baseURL, model: 'vision-test', retryDelayMs: 1 }),
  });
});
