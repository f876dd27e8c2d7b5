import { type Job, Queue } from 'bullmq';
import { codeVersion, jobIdentity } from './job-identity.js';
import { runDirName } from './plan-runs.js';
import { connectQueue, defaultQueueName, type QueueSettings, queuePrefix } from './queue-connection.js';
import type { QueueJobData, QueueJobResult, QueueTiming } from './queue-job.js';
import type { RunJob, RunOutcome } from './run-job.js';
import { failedOutcome } from './run-jobs.js';

/** Job counts by BullMQ state, and how many workers are connected. */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
  workers: number;
}

/** Options of {@link runJobsOnQueue}. */
export interface QueueRunOptions extends QueueSettings {
  /** Attempts per job before it fails for good (a throw, or a worker that died twice). Default 3. */
  attempts?: number;
  /** How often the coordinator collects finished jobs, in milliseconds. Default 300. */
  pollMs?: number;
  /** Stops waiting; the jobs stay queued, and the same command resumes. */
  signal?: AbortSignal;
  /** Called once per job in completion order; the job leaves the queue only after this resolves (stored). */
  onOutcome: (job: RunJob, outcome: RunOutcome, timing: QueueTiming) => void | Promise<void>;
  /** Called when the queue's counts change (polled every few seconds). */
  onCounts?: (counts: QueueCounts) => void;
  /** Code version of the jobs. Default this package's version. */
  codeVersion?: string;
}

/**
 * Runs jobs on a BullMQ queue instead of local threads: enqueues one job per run with its identity as the job id
 * (so enqueueing again is a no-op), then collects finished jobs, hands each outcome to `onOutcome` and only then
 * removes the job. A job in the failed set (attempts used up) is reported with its error and kept there; enqueueing
 * the same run again (a rerun of the bench) retries it. Resolves to the number of jobs reported.
 *
 * @example
 * await runJobsOnQueue(jobs, { url: 'redis://127.0.0.1:6379', onOutcome: (job, outcome) => store(job, outcome) });
 */
export async function runJobsOnQueue(jobs: readonly RunJob[], options: QueueRunOptions): Promise<number> {
  const connection = await connectQueue(options);
  const queue = new Queue<QueueJobData, QueueJobResult>(options.name ?? defaultQueueName, {
    connection,
    prefix: queuePrefix,
  });
  const version = options.codeVersion ?? codeVersion();
  const pending = new Map<string, RunJob>();
  for (const job of jobs) pending.set(jobIdentity(job, version), job);
  let finished = 0;
  try {
    // A rerun retries the runs whose jobs failed for good last time: remove them, enqueue them anew.
    for (const failed of await queue.getFailed(0, -1)) {
      if (failed?.id !== undefined && pending.has(failed.id)) await failed.remove();
    }
    const entries = [...pending].map(([id, job]) => ({
      name: job.policy,
      data: { job: { ...job, runDir: runDirName(job) }, codeVersion: version },
      opts: {
        jobId: id,
        attempts: options.attempts ?? 3,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: false,
        removeOnFail: false,
      },
    }));
    for (let start = 0; start < entries.length; start += 500) {
      await queue.addBulk(entries.slice(start, start + 500));
    }
    const entryOf = new Map(entries.map((entry) => [entry.opts.jobId, entry]));

    const pollMs = options.pollMs ?? 300;
    let lastCounts = '';
    let lastCountsAt = 0;
    while (pending.size > 0 && !options.signal?.aborted) {
      const finishedJobs = [...(await queue.getCompleted(0, 999)), ...(await queue.getFailed(0, 999))] as Job<
        QueueJobData,
        QueueJobResult
      >[];
      for (const bullJob of finishedJobs) {
        const job = bullJob?.id === undefined ? undefined : pending.get(bullJob.id);
        if (!bullJob || !job) continue;
        const completed = bullJob.finishedOn !== undefined && bullJob.returnvalue?.outcome !== undefined;
        const outcome: RunOutcome = completed
          ? bullJob.returnvalue.outcome
          : failedOutcome(bullJob.failedReason || 'failed without a message', 0);
        const runJob: RunJob =
          completed && bullJob.returnvalue.runDir !== undefined ? job : { ...job, keepVideo: false };
        const finishedOn = bullJob.finishedOn ?? Date.now();
        const processedOn = bullJob.processedOn ?? finishedOn;
        await options.onOutcome(runJob, outcome, {
          waitSeconds: (processedOn - bullJob.timestamp) / 1000,
          workerOverheadSeconds: Math.max(0, (finishedOn - processedOn) / 1000 - outcome.wallSeconds),
          storeLagSeconds: (Date.now() - finishedOn) / 1000,
        });
        pending.delete(bullJob.id!);
        finished++;
        // Stored: the completed job may go; a failed one stays with its error until a rerun retries it.
        if (completed) await bullJob.remove();
      }
      if (performance.now() - lastCountsAt > 2000) {
        lastCountsAt = performance.now();
        const counts = await queueCounts(queue);
        const text = JSON.stringify(counts);
        if (text !== lastCounts) options.onCounts?.(counts);
        lastCounts = text;
        // Nothing left in the queue but runs still unreported: another coordinator took their results (or
        // someone removed the jobs). Enqueue them again; the store keeps the first result of each.
        if (pending.size > 0 && counts.waiting + counts.active + counts.delayed === 0) {
          const lost = [];
          for (const id of pending.keys()) {
            if ((await queue.getJobState(id)) === 'unknown') lost.push(entryOf.get(id)!);
          }
          if (lost.length > 0) await queue.addBulk(lost);
        }
      }
      if (pending.size > 0) await delay(pollMs, options.signal);
    }
    return finished;
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Counts of a queue by state, with its connected workers. */
export async function queueCounts(queue: Queue): Promise<QueueCounts> {
  const counts = await queue.getJobCounts(
    'waiting',
    'prioritized',
    'active',
    'delayed',
    'completed',
    'failed',
  );
  const workers = await queue.getWorkers();
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    completed: counts.completed ?? 0,
    failed: counts.failed ?? 0,
    workers: workers.length,
  };
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
