import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { limitBody } from './limit-body.js';

class TooLarge extends Error {}

function echoApp(maxBytes: number) {
  const app = new Hono();
  app.onError((error, c) => c.json({ error: error instanceof TooLarge ? 'too-large' : String(error) }, 413));
  app.post(
    '/echo',
    limitBody(maxBytes, () => {
      throw new TooLarge();
    }),
    async (c) => c.json({ text: await c.req.text() }),
  );
  return app;
}

const streamed = (text: string, chunks = 3) => {
  const bytes = new TextEncoder().encode(text);
  const size = Math.ceil(bytes.length / chunks);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
      controller.close();
    },
  });
};
const post = (app: Hono, body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  app.request('/echo', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('limitBody', () => {
  it('passes a streamed body under the limit on whole, read from several chunks', async () => {
    const response = await post(echoApp(64), streamed('héllo wörld, in three parts'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ text: 'héllo wörld, in three parts' });
  });

  it('refuses a streamed body one byte over the limit, and accepts one exactly at it', async () => {
    expect((await post(echoApp(10), streamed('x'.repeat(11)))).status).toBe(413);
    const exact = await post(echoApp(10), streamed('x'.repeat(10)));
    expect(await exact.json()).toEqual({ text: 'x'.repeat(10) });
  });

  it('judges a body with a Content-Length by its header', async () => {
    // the header alone decides: a 5-byte body that claims 100 bytes is refused without being read
    const refused = await post(echoApp(10), 'short', { 'Content-Length': '100' });
    expect(await refused.json()).toEqual({ error: 'too-large' });
    const accepted = await post(echoApp(10), 'short', { 'Content-Length': '5' });
    expect(await accepted.json()).toEqual({ text: 'short' });
  });

  it('lets a request without a body through', async () => {
    const app = new Hono();
    app.post(
      '/empty',
      limitBody(1, () => {
        throw new TooLarge();
      }),
      (c) => c.text('ok'),
    );
    expect(await (await app.request('/empty', { method: 'POST' })).text()).toBe('ok');
  });
});
