import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat completion request as the test server received it. */
export interface ChatRequest {
  /** Request path, e.g. `/v1/chat/completions`. */
  path: string;
  /** The parsed JSON body (`model`, `messages`, ...). */
  body: { model?: string; messages?: Array<{ role: string; content: unknown }> } & Record<string, unknown>;
}

/** What the test model answers: reply content (wrapped as a chat completion), or a raw HTTP reply. */
export type ChatAnswer = { content: string } | { status: number; body: string };

/** A running local OpenAI-compatible server. */
export interface ChatServer {
  /** Base URL up to and including `/v1`. */
  baseURL: string;
  /** Every request, in order. */
  calls: ChatRequest[];
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts a local OpenAI-compatible `/chat/completions` server whose model is `answer`, for provider tests.
 *
 * @example
 * const server = await startChatServer(() => ({ content: '{"scores": [1]}' }));
 */
export async function startChatServer(answer: (request: ChatRequest) => ChatAnswer): Promise<ChatServer> {
  const calls: ChatRequest[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const call: ChatRequest = { path: request.url ?? '', body: JSON.parse(text) as ChatRequest['body'] };
      calls.push(call);
      const reply = answer(call);
      const [status, body] =
        'content' in reply
          ? [
              200,
              JSON.stringify({
                choices: [{ index: 0, message: { role: 'assistant', content: reply.content } }],
              }),
            ]
          : [reply.status, reply.body];
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    calls,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The text parts of a request's last user message, joined by newlines. */
export function userText(request: ChatRequest): string {
  const content = request.body.messages?.filter((message) => message.role === 'user').at(-1)?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part): part is { type: 'text'; text: string } => part?.type === 'text')
    .map((part) => part.text)
    .join('\n');
}

/** How many images the last user message carries. */
export function imageCount(request: ChatRequest): number {
  const content = request.body.messages?.filter((message) => message.role === 'user').at(-1)?.content;
  return Array.isArray(content) ? content.filter((part) => part?.type === 'image_url').length : 0;
}
