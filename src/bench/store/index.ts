export type { BenchStoreV1 } from './bench-store.js';
export { createPostgresBenchStore, type PostgresBenchStoreSettings } from './create-postgres-bench-store.js';
export { createSqliteBenchStore } from './create-sqlite-bench-store.js';
export { migrate, migrations } from './migrations.js';
export { openBenchStore } from './open-bench-store.js';
export type { StoreResult } from './results-store.js';
export { openResultsStore, type ResultsStore, resultsFileName, type StoredRun } from './results-store.js';
export {
  type DimensionScores,
  type IdentityPoint,
  type RunKey,
  type RunRecord,
  runKeyString,
} from './run-record.js';
