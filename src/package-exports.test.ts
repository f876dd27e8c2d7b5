import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
};

describe('package exports', () => {
  const entries = Object.entries(manifest.exports).filter(
    ([, target]) => typeof target !== 'string',
  ) as Array<[string, { types: string; default: string }]>;

  it.each(entries)('%s is built from an index file under src/', (_, target) => {
    expect(target.default).toMatch(/^\.\/dist\/(.+\/)?index\.js$/);
    expect(target.types).toBe(target.default.replace(/\.js$/, '.d.ts'));
    expect(
      existsSync(new URL(target.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'), root)),
    ).toBe(true);
  });
});
