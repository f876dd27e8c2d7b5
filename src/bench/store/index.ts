export { migrate, migrations } from './migrations.js';
export { openResultsStore, type ResultsStore, resultsFileName, type StoredRun } from './results-store.js';
export {
  type DimensionScores,
  type IdentityPoint,
  type RunKey,
  type RunRecord,
  runKeyString,
} from './run-record.js';
