import type { MiddlewareHandler } from 'hono';

/**
 * Hono middleware that refuses request bodies over `maxBytes` by calling `onTooLarge` (which throws the app's own
 * 413 error). A body with a Content-Length is judged by its header; a streamed one (no length, or chunked) is read
 * up to the limit and handed on as a new request that does not follow the original's abort signal.
 *
 * Why not `hono/body-limit`: on Node 20 it rebuilds a streamed request with `new Request(raw, { body })`, and a
 * request that follows another's signal is only freed when a finalizer runs later, so a busy server grows by about
 * 2 KB per streamed request (`bench/server-heap.ts`). The POST routes here read their body once and never watch
 * the request's signal, so nothing is lost by not following it.
 *
 * @example
 * app.post('/api/runs', limitBody(256 * 1024, () => { throw new HttpError(413, 'body-too-large', '...'); }), handler);
 */
export function limitBody(maxBytes: number, onTooLarge: () => never): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.raw;
    if (raw.body === null) return next();
    const length = raw.headers.get('content-length');
    if (length !== null && !raw.headers.has('transfer-encoding')) {
      if (Number.parseInt(length, 10) > maxBytes) onTooLarge();
      return next();
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    const reader = raw.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        onTooLarge();
      }
      parts.push(value);
    }
    const body = new Uint8Array(size);
    let offset = 0;
    for (const part of parts) {
      body.set(part, offset);
      offset += part.byteLength;
    }
    c.req.raw = new Request(raw.url, { method: raw.method, headers: raw.headers, body });
    return next();
  };
}
