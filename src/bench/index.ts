// `iamflow/bench`: the NarraStream-style suite, the runner (in-process or on a BullMQ queue), the results stores
// (SQLite, PostgreSQL) and the report.

export * from './report/index.js';
export * from './runner/index.js';
export * from './store/index.js';
export {
  DEFAULT_SUITE_SEED,
  formatSuite,
  type GenerateSuiteOptions,
  generateSuite,
  selectSmoke,
} from './suite/generate-suite.js';
export {
  SUITE_DIMENSIONS,
  type SuiteDimension,
  type SuiteScript,
  suiteScriptSchema,
} from './suite/suite-script.js';
