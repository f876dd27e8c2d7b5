import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './http-error.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether `given` is the token (constant time). */
export function tokenMatches(token: string, given: string | undefined): boolean {
  return given !== undefined && timingSafeEqual(digest(token), digest(given));
}

/**
 * Requires the token as `Authorization: Bearer T` (or `?token=T`, for EventSource, which cannot set headers).
 *
 * @example
 * app.post('/api/runs', requireToken(token), handler);
 */
export function requireToken(token: string, allowQuery = false): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const given = bearer ?? (allowQuery ? c.req.query('token') : undefined);
    if (!tokenMatches(token, given)) {
      throw new HttpError(
        401,
        'token-required',
        given === undefined ? 'this route needs the server token' : 'wrong token',
        'send Authorization: Bearer TOKEN (printed by `iamflow serve` at start)',
      );
    }
    await next();
  };
}
