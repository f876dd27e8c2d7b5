import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors/index.js';
import { resolveEngineSpec } from './engine-flags.js';

describe('--quantize', () => {
  it('selects the miniature engine in a number format', () => {
    expect(resolveEngineSpec({ values: {}, env: {} })).toBeUndefined();
    for (const mode of ['none', 'int8', 'fp8'])
      expect(resolveEngineSpec({ values: { quantize: mode }, env: {} })).toEqual({
        provider: 'mini',
        quantization: mode,
      });
  });
  it('rejects an unknown mode and a remote engine, naming the flag', () => {
    expect(() => resolveEngineSpec({ values: { quantize: 'int4' }, env: {} })).toThrow(InputError);
    expect(() => resolveEngineSpec({ values: { quantize: 'int4' }, env: {} })).toThrow(/int4/);
    expect(() =>
      resolveEngineSpec({ values: { quantize: 'int8', engine: 'http://127.0.0.1:7870' }, env: {} }),
    ).toThrow(/only applies to the embedded miniature engine/);
    expect(resolveEngineSpec({ values: { engine: 'http://127.0.0.1:7870' }, env: {} })).toEqual({
      provider: 'remote',
      url: 'http://127.0.0.1:7870',
    });
  });
});
