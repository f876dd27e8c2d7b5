import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../errors/api-call-error.js';
import {
  callWithFallback,
  fallbackProviderName,
  findFallback,
  type WarnedResult,
} from './call-with-fallback.js';

type Result = WarnedResult & { value: number };

describe('callWithFallback', () => {
  it('answers with the primary when it succeeds, untouched', async () => {
    const result = await callWithFallback(
      'openai',
      async (): Promise<Result> => ({ value: 1 }),
      async (): Promise<Result> => ({ value: 2 }),
    );
    expect(result).toEqual({ value: 1 });
    expect(findFallback(result)).toBeUndefined();
  });

  it('answers with the fallback when the primary throws, the fallback warning first', async () => {
    const result = await callWithFallback(
      'openai',
      async (): Promise<Result> => {
        throw new ApiCallError({ message: 'HTTP 500 from http://x', url: 'http://x', status: 500 });
      },
      async (): Promise<Result> => ({ value: 2, warnings: [{ type: 'other', message: 'score clamped' }] }),
    );
    expect(result).toEqual({
      value: 2,
      warnings: [
        {
          type: 'fallback',
          fallback: true,
          reason: 'ApiCallError: HTTP 500 from http://x',
          provider: 'openai',
        },
        { type: 'other', message: 'score clamped' },
      ],
    });
    expect(findFallback(result)?.provider).toBe('openai');
  });

  it('lets a failing fallback throw', async () => {
    const failing = callWithFallback(
      'openai',
      (): Promise<Result> => Promise.reject(new Error('a')),
      (): Promise<Result> => Promise.reject(new Error('b')),
    );
    await expect(failing).rejects.toThrow('b');
  });

  it('names a port with a fallback primary+fallback', () => {
    expect(fallbackProviderName({ provider: 'openai' }, { provider: 'rules' })).toBe('openai+rules');
  });
});
