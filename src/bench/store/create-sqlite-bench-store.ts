import type { BenchStoreV1 } from './bench-store.js';
import { openResultsStore } from './results-store.js';

/**
 * The SQLite results store (`<out>/results.sqlite`) behind the async port.
 *
 * @example
 * const store = createSqliteBenchStore('bench/results/smoke/results.sqlite');
 */
export function createSqliteBenchStore(path: string): BenchStoreV1 {
  const store = openResultsStore(path);
  return {
    specificationVersion: 'v1',
    provider: 'sqlite',
    location: path,
    doneKeys: async () => store.doneKeys(),
    recordRun: async (record) => store.storeRun(record),
    listRuns: async (filter) => store.listRuns(filter),
    close: async () => store.close(),
  };
}
