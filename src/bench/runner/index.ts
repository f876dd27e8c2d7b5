export { createThreadExecutor, type ThreadExecutor } from './create-thread-executor.js';
export { executeRun } from './execute-run.js';
export { identityTimeline } from './identity-timeline.js';
export { planRuns, runDirName, type ScriptSelection, selectScripts } from './plan-runs.js';
export { createBenchProgress, formatSeconds } from './progress.js';
export {
  type BenchEvent,
  type BenchOptions,
  type BenchSummary,
  benchDefaults,
  runBench,
} from './run-bench.js';
export type { RunExecutor, RunJob, RunOutcome } from './run-job.js';
export { runJobs } from './run-jobs.js';
