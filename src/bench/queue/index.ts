export { codeVersion, jobIdentity } from './job-identity.js';
export {
  checkQueueUrl,
  connectQueue,
  defaultQueueName,
  type QueueSettings,
  queuePrefix,
} from './queue-connection.js';
export type { QueueJobData, QueueJobResult, QueueTiming } from './queue-job.js';
export { readQueueCounts } from './read-queue-counts.js';
export { type QueueCounts, type QueueRunOptions, queueCounts, runJobsOnQueue } from './run-jobs-on-queue.js';
export {
  type QueueWorker,
  type QueueWorkerEvent,
  type QueueWorkerOptions,
  startQueueWorker,
} from './start-queue-worker.js';
