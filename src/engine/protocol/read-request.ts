import type { Context } from 'hono';
import type { z } from 'zod';
import { ProtocolError } from './protocol-error.js';

/** Parses a JSON body through a schema; a bad body is a 400 naming the field. */
export async function readBody<S extends z.ZodType>(context: Context, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await context.req.json();
  } catch {
    throw new ProtocolError(400, 'invalid-json', 'the request body is not JSON', 'send application/json');
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ProtocolError(400, 'invalid-request', `${where}${issue.message}`, 'see docs/engine-protocol.md');
}

/** The `:chunk` route parameter as a chunk index. */
export function chunkParameter(context: Context): number {
  const text = context.req.param('chunk') ?? '';
  if (!/^\d{1,9}$/.test(text)) {
    throw new ProtocolError(400, 'invalid-request', `chunk '${text}' is not a chunk index`);
  }
  return Number(text);
}
