export { createThreadExecutor, type ThreadExecutor } from './create-thread-executor.js';
export { executeRun } from './execute-run.js';
export { identityTimeline } from './identity-timeline.js';
export { codeVersion, jobIdentity } from './job-identity.js';
export { planRuns, runDirName, type ScriptSelection, selectScripts } from './plan-runs.js';
export {
  type BenchPolicy,
  benchPolicyNames,
  type PolicyVariant,
  policyVariantLabel,
  policyVariants,
  resolveBenchPolicies,
} from './policy-variants.js';
export { createBenchProgress, formatSeconds } from './progress.js';
export {
  checkQueueUrl,
  connectQueue,
  defaultQueueName,
  type QueueSettings,
  queuePrefix,
} from './queue-connection.js';
export type { QueueJobData, QueueJobResult, QueueTiming } from './queue-job.js';
export { readQueueCounts } from './read-queue-counts.js';
export {
  type BenchEvent,
  type BenchOptions,
  type BenchSummary,
  benchDefaults,
  runBench,
} from './run-bench.js';
export type { RunExecutor, RunJob, RunOutcome } from './run-job.js';
export { runJobs } from './run-jobs.js';
export { type QueueCounts, type QueueRunOptions, queueCounts, runJobsOnQueue } from './run-jobs-on-queue.js';
export {
  type QueueWorker,
  type QueueWorkerEvent,
  type QueueWorkerOptions,
  startQueueWorker,
} from './start-queue-worker.js';
