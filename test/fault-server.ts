import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What a faulty OpenAI-compatible server does with one request:
 * - `answer`: a chat completion whose message content is `content`;
 * - `status`: that HTTP status with a JSON error body (`retryAfter` adds a `Retry-After` header, in seconds);
 * - `garbage`: 200 with a body that is not JSON;
 * - `truncated`: 200 with a chat completion cut in the middle;
 * - `wrong-shape`: 200 with valid JSON that is not a chat completion;
 * - `hang`: accepts the request and never answers;
 * - `hang-mid-body`: sends the headers and half a body, then stalls;
 * - `reset`: destroys the connection without an answer.
 */
export type Fault =
  | { kind: 'answer'; content: string }
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'garbage' }
  | { kind: 'truncated' }
  | { kind: 'wrong-shape' }
  | { kind: 'hang' }
  | { kind: 'hang-mid-body' }
  | { kind: 'reset' };

/** A running fault server. */
export interface FaultServer {
  /** Base URL up to and including `/v1`. */
  baseURL: string;
  /** Milliseconds since the server started at which each request arrived, in order. */
  arrivals: number[];
  /** Stops the server, cutting any hanging connection. */
  close(): Promise<void>;
}

const completion = (content: string) =>
  JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content } }] });

function reply(response: ServerResponse, fault: Fault): void {
  switch (fault.kind) {
    case 'answer':
      response.writeHead(200, { 'content-type': 'application/json' }).end(completion(fault.content));
      return;
    case 'status':
      response
        .writeHead(fault.status, {
          'content-type': 'application/json',
          ...(fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) }),
        })
        .end(JSON.stringify({ error: { message: `injected ${fault.status}` } }));
      return;
    case 'garbage':
      response.writeHead(200, { 'content-type': 'application/json' }).end('<html>502 Bad Gateway</html>');
      return;
    case 'truncated': {
      const body = completion('{"characters": []}');
      response.writeHead(200, { 'content-type': 'application/json' }).end(body.slice(0, body.length >> 1));
      return;
    }
    case 'wrong-shape':
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"result": [1, 2, 3]}');
      return;
    case 'hang':
      return;
    case 'hang-mid-body': {
      const body = completion('{"characters": []}');
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      response.write(body.slice(0, body.length >> 1));
      return;
    }
    case 'reset':
      response.socket?.destroy();
      return;
  }
}

/**
 * Starts a local OpenAI-compatible server that answers request `n` (from 0) with `plan(n)`, for fault-injection
 * tests of the LLM, VLM and judge clients.
 *
 * @example
 * const server = await startFaultServer((n) => (n === 0 ? { kind: 'status', status: 429, retryAfter: 1 } : ok));
 */
export async function startFaultServer(plan: (request: number) => Fault): Promise<FaultServer> {
  const started = performance.now();
  const arrivals: number[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const index = arrivals.length;
      arrivals.push(performance.now() - started);
      reply(response, plan(index));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    arrivals,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
