import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where a worker thread loads the runner from, and the Node flags it needs. */
export interface WorkerEntry {
  url: URL;
  execArgv: string[];
}

/**
 * Resolves the worker entry beside this module: the compiled `worker-entry.js` under dist/, or, when running from
 * source (tsx, vitest), `worker-entry.ts` loaded through tsx's `--import` hook.
 */
export function resolveWorkerEntry(): WorkerEntry {
  const compiled = new URL('./worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return { url: compiled, execArgv: [] };
  const source = new URL('./worker-entry.ts', import.meta.url);
  return { url: source, execArgv: ['--import', 'tsx'] };
}
