import { resolveThreadEntry, type ThreadEntry } from '../../../thread/resolve-thread-entry.js';

/** What `new Worker(...)` needs to load the verification thread (`verify-thread-entry`, compiled or from source). */
export function resolveVerifyThreadEntry(): ThreadEntry {
  return resolveThreadEntry(
    new URL('./verify-thread-entry.js', import.meta.url),
    new URL('./verify-thread-entry.ts', import.meta.url),
  );
}
