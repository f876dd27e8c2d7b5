import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

/** What `new Worker(...)` needs to load a thread's entry module. */
export interface ThreadEntry {
  /** A module URL, or module code when `options.eval` is set. */
  source: URL | string;
  options: WorkerOptions;
}

/**
 * Resolves a worker thread's entry: the compiled module (`compiled`, under dist/) when it exists, or, when running
 * from source (tsx, vitest), the `.ts` module (`source`) imported after registering tsx's loader inside the thread
 * (a worker does not inherit the parent's loader hooks on Node 20).
 *
 * @example
 * resolveThreadEntry(new URL('./worker-entry.js', import.meta.url), new URL('./worker-entry.ts', import.meta.url))
 */
export function resolveThreadEntry(compiled: URL, source: URL): ThreadEntry {
  if (existsSync(fileURLToPath(compiled))) return { source: compiled, options: {} };
  let api = 'tsx/esm/api';
  try {
    api = import.meta.resolve('tsx/esm/api');
  } catch {
    // Bare specifier: resolved from the worker's working directory.
  }
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); });`;
  return { source: code, options: { eval: true } };
}
