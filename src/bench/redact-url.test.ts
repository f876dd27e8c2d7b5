import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it.each([
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['redis://:s3cret@127.0.0.1:6379/2', 'redis://:***@127.0.0.1:6379/2'],
    ['rediss://bench:s3cret@redis.lan:6380', 'rediss://bench:***@redis.lan:6380'],
    ['rediss://tokenonly@redis.lan:6380', 'rediss://***@redis.lan:6380'],
    ['postgres://bench:pw@db.lan/results?schema=x', 'postgres://bench:***@db.lan/results?schema=x'],
    ['postgres://db.lan/results?password=pw', 'postgres://db.lan/results?password=***'],
    ['not a url with s3cret', '(unprintable URL)'],
  ])('%s -> %s', (url, printed) => {
    expect(redactUrl(url)).toBe(printed);
  });
});
