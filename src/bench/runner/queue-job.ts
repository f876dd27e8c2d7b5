import type { RunJob, RunOutcome } from './run-job.js';

/** What a queue job carries: the run (its `runDir` relative to a results folder) and the code it needs. */
export interface QueueJobData {
  /** The run; `runDir` is relative (`runs/<script>/<policy>-s<seed>-<W>x<H>[-t<steps>]`). */
  job: RunJob;
  /** The iamflow version that planned it; a worker of another version refuses it. */
  codeVersion: string;
}

/** What a worker returns for a job (BullMQ keeps it as the job's return value until the coordinator stores it). */
export interface QueueJobResult {
  outcome: RunOutcome;
  /** The run folder relative to the worker's `--runs-out`, when kept there. */
  runDir?: string;
  /** The worker's host name and process id, for the log. */
  worker: string;
}

/** Where one job's time went around the run itself, from BullMQ's timestamps (milliseconds since the epoch). */
export interface QueueTiming {
  /** Enqueue to a worker taking it: waiting behind other jobs, plus the pick-up latency. */
  waitSeconds: number;
  /** Taken to finished on the worker, minus the run's own wall time: fetching, threads, acknowledging. */
  workerOverheadSeconds: number;
  /** Finished on the worker to stored by the coordinator. */
  storeLagSeconds: number;
}
