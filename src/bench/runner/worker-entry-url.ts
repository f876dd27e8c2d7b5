import { resolveThreadEntry, type ThreadEntry } from '../../thread/resolve-thread-entry.js';

/** What `new Worker(...)` needs to load the runner. */
export type WorkerEntry = ThreadEntry;

/** Resolves the runner's worker entry beside this module (`worker-entry`, compiled under dist/ or from source). */
export function resolveWorkerEntry(): WorkerEntry {
  return resolveThreadEntry(
    new URL('./worker-entry.js', import.meta.url),
    new URL('./worker-entry.ts', import.meta.url),
  );
}
