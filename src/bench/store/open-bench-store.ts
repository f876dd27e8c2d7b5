import { resolve } from 'node:path';
import type { BenchStoreV1 } from './bench-store.js';
import { createPostgresBenchStore } from './create-postgres-bench-store.js';
import { createSqliteBenchStore } from './create-sqlite-bench-store.js';

/**
 * Opens the store a `--store` value names: a `postgres://` or `postgresql://` URL, or a SQLite file path (relative
 * to `cwd`).
 *
 * @example
 * const store = await openBenchStore('postgres://bench@127.0.0.1/test?schema=smoke');
 */
export async function openBenchStore(location: string, cwd = process.cwd()): Promise<BenchStoreV1> {
  if (/^postgres(ql)?:\/\//i.test(location)) return createPostgresBenchStore({ url: location });
  return createSqliteBenchStore(resolve(cwd, location));
}
