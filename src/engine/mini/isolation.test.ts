import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const forbidden = ['agents', 'memory', 'bench', 'script', 'pipeline'].map((folder) =>
  resolve(here, '../..', folder),
);

describe('mini engine isolation (contract e)', () => {
  it('imports nothing from agents, memory, bench, script or pipeline', () => {
    const files = readdirSync(here).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(10);
    const offending: string[] = [];
    for (const file of files) {
      const source = readFileSync(join(here, file), 'utf8');
      for (const match of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const specifier = match[1]!;
        if (!specifier.startsWith('.')) continue;
        const target = resolve(here, specifier);
        if (forbidden.some((folder) => target === folder || target.startsWith(`${folder}/`))) {
          offending.push(`${file} -> ${specifier}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});
