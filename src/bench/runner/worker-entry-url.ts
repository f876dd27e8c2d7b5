import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

/** What `new Worker(...)` needs to load the runner. */
export interface WorkerEntry {
  /** A module URL, or module code when `options.eval` is set. */
  source: URL | string;
  options: WorkerOptions;
}

/**
 * Resolves the worker entry beside this module: the compiled `worker-entry.js` under dist/, or, when running from
 * source (tsx, vitest), `worker-entry.ts` imported after registering tsx's loader inside the worker (a worker does
 * not inherit the parent's loader hooks on Node 20).
 */
export function resolveWorkerEntry(): WorkerEntry {
  const compiled = new URL('./worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return { source: compiled, options: {} };
  const source = new URL('./worker-entry.ts', import.meta.url);
  let api = 'tsx/esm/api';
  try {
    api = import.meta.resolve('tsx/esm/api');
  } catch {
    // Bare specifier: resolved from the worker's working directory.
  }
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); });`;
  return { source: code, options: { eval: true } };
}
