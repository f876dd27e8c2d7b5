#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'iamflow: the build is missing (dist/). Run `npm ci` or `npm run build` in the package folder.\n',
  );
  process.exit(1);
}
await import(entry.href);
