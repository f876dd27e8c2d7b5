import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

/**
 * What `new Worker(...)` needs to load the verification thread: the compiled `verify-thread-entry.js` under dist/,
 * or, when running from source (tsx, vitest), the `.ts` file imported after registering tsx's loader inside the
 * thread (a worker does not inherit the parent's loader hooks on Node 20).
 */
export function resolveVerifyThreadEntry(): { source: URL | string; options: WorkerOptions } {
  const compiled = new URL('./verify-thread-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return { source: compiled, options: {} };
  const source = new URL('./verify-thread-entry.ts', import.meta.url);
  let api = 'tsx/esm/api';
  try {
    api = import.meta.resolve('tsx/esm/api');
  } catch {
    // Bare specifier: resolved from the worker's working directory.
  }
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); });`;
  return { source: code, options: { eval: true } };
}
