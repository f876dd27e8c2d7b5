import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/** Loaded CommonJS modules from tfjs or Human (both are CommonJS in Node). */
function loadedModels(): string[] {
  const cache = createRequire(import.meta.url).cache;
  return Object.keys(cache).filter((path) => /node_modules\/(@tensorflow|@vladmandic)\//.test(path));
}

describe('human features load lazily', () => {
  it('iamflow/eval and the eval command load no tfjs until --features human runs', async () => {
    await import('../index.js');
    await import('../../../cli/commands/eval.js');
    expect(loadedModels()).toEqual([]);
    // The check can fail: loading the features does put tfjs and Human in the cache.
    const { loadHuman } = await import('./human/load-human.js');
    await loadHuman();
    expect(loadedModels().some((path) => path.includes('@vladmandic/human'))).toBe(true);
    expect(loadedModels().some((path) => path.includes('@tensorflow/tfjs-core'))).toBe(true);
  }, 60_000);
});
