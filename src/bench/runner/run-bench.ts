import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError, type Issue } from '../../errors/index.js';
import { policyNames } from '../../memory/policy-registry.js';
import { runDefaults } from '../../run/run-defaults.js';
import type { AgentSettings, MiniEngineSpec, RemoteEngineSpec } from '../../run/run-spec.js';
import { readScripts } from '../../script/read-script.js';
import { redactUrl } from '../redact-url.js';
import { openBenchStore } from '../store/open-bench-store.js';
import { resultsFileName } from '../store/results-store.js';
import { executeRun } from './execute-run.js';
import { codeVersion, jobIdentity } from './job-identity.js';
import { planRuns, runDirName, selectScripts } from './plan-runs.js';
import { resolveBenchPolicies } from './policy-variants.js';
import type { QueueSettings } from './queue-connection.js';
import { defaultQueueName } from './queue-connection.js';
import type { QueueTiming } from './queue-job.js';
import type { RunExecutor, RunJob, RunOutcome } from './run-job.js';
import { runJobs } from './run-jobs.js';
import { type QueueCounts, runJobsOnQueue } from './run-jobs-on-queue.js';

/** Benchmark defaults. 240x136 keeps the full 324 x 4 suite to hours, not days, on a CPU. */
export const benchDefaults = {
  suite: 'bench/suite/narrastream-324.jsonl',
  /** The run default, as `iamflow generate` uses. */
  seed: runDefaults.seed,
  width: 240,
  height: 136,
  /**
   * One worker per core: the main thread only writes the store and prints progress (the full suite with 2 workers
   * on 2 cores kept 1.95 cores busy over its 12.5 minutes, docs/benchmark.md), so a core kept for it would stay idle.
   */
  workers: availableParallelism(),
} as const;

/** Options of {@link runBench}. */
export interface BenchOptions {
  /** Suite JSONL file (relative to `cwd`). Default {@link benchDefaults}.suite. */
  suite?: string;
  /**
   * Policies to run: registered names, variant labels (`iamflow/recache`, see `policyVariants`) or `POLICY/*` (the
   * policy and all its variants). Default: every registered policy, no variant.
   */
  policies?: readonly string[];
  /** Only scripts of this suite dimension. */
  dimension?: string;
  /** At most this many scripts of each suite dimension. */
  limit?: number;
  /** Worker threads; 0 runs in this thread. Default one per core. */
  workers?: number;
  /** Engine seed, the same for every policy. Default 1. */
  seed?: number;
  /** Frame width. Default 240. */
  width?: number;
  /** Frame height. Default 136. */
  height?: number;
  /** Denoising steps of the engine (part of a run's key). Default 4, the reference's. */
  steps?: number;
  /** Results folder (relative to `cwd`). Default `bench/results/<suite file name>`. */
  out?: string;
  /**
   * Results store: a `postgres://` URL or a SQLite file (relative to `cwd`). Default `<out>/results.sqlite`.
   * Printed and returned without its password.
   */
  store?: string;
  /**
   * Run on a BullMQ queue (`iamflow worker` processes take the jobs) instead of local threads; `workers` and
   * `executor` are then unused. Run folders are written where the workers' `--runs-out` says.
   */
  queue?: QueueSettings & {
    /** Attempts per job before it fails for good. Default 3. */
    attempts?: number;
  };
  /** Keep each run's folder (video.mp4, run.json, render.jsonl). Default true. */
  keepVideo?: boolean;
  /** LLM/VLM agent settings for the policies that take agents (iamflow). Default: rules and pixel. */
  agents?: AgentSettings;
  /** A remote engine (engine protocol server) instead of the miniature one. Default: the miniature engine. */
  engine?: RemoteEngineSpec | MiniEngineSpec;
  /** Working directory. Default `process.cwd()`. */
  cwd?: string;
  /** Executor for in-thread runs (workers = 0); default generate + evaluate with the miniature engine. */
  executor?: RunExecutor;
  /** Aborting stops handing out runs; runs in flight are lost, everything finished is stored. */
  signal?: AbortSignal;
  /** Progress events. */
  onEvent?: (event: BenchEvent) => void;
}

/** What the runner reports while it works. */
export type BenchEvent =
  | {
      type: 'bench-start';
      total: number;
      skipped: number;
      /** Local worker threads, or 0 on a queue. */
      workers: number;
      out: string;
      issues: Issue[];
      /** The queue (its URL without a password and its name), when the runs go to one. */
      queue?: string;
    }
  | { type: 'queue-counts'; counts: QueueCounts }
  | {
      type: 'run-end';
      /** The job without its script, agent, engine and variant settings (agents and engine may hold API keys). */
      job: Omit<RunJob, 'script' | 'agents' | 'engine' | 'variant'>;
      outcome: RunOutcome;
      finished: number;
      failed: number;
      total: number;
      /** Estimated seconds left, from the mean pace of this session's finished runs. */
      etaSeconds: number;
      elapsedSeconds: number;
      /** Where the job's time went in the queue (queue runs only). */
      timing?: QueueTiming;
    };

/** What a batch did. */
export interface BenchSummary {
  /** Absolute results folder. */
  out: string;
  /** The SQLite store. */
  store: string;
  /** Scripts x policies selected. */
  planned: number;
  /** Runs already done before this batch (resumed). */
  skipped: number;
  /** Runs finished now with status done. */
  done: number;
  /** Runs finished now with status failed. */
  failed: number;
  /** Runs neither skipped nor finished (interrupted). */
  remaining: number;
  /** Suite lines that could not be read, and other notes. */
  issues: Issue[];
  /** Wall seconds of the batch. */
  wallSeconds: number;
  /** Mean wall seconds of a run finished in this batch (each run's own time, on its worker). */
  meanRunSeconds: number | null;
  /** Mean queue timings of the runs finished in this batch (queue runs only). */
  queue?: QueueTiming;
}

/**
 * Runs every selected script under every policy (same seed), evaluates each video, and stores the results in
 * `<out>/results.sqlite`. Resumable: runs already `done` for the same (script, policy, seed, size, steps) are skipped;
 * failed runs are retried. Bad suite lines are reported in `issues` and the rest runs.
 *
 * @example
 * const summary = await runBench({ suite: 'bench/suite/smoke-12.jsonl', out: 'bench/results/smoke', workers: 1 });
 */
export async function runBench(options: BenchOptions = {}): Promise<BenchSummary> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const suite = options.suite ?? benchDefaults.suite;
  const policies = resolveBenchPolicies(options.policies ?? policyNames());
  const { scripts, errors } = await readScripts(suite, { cwd });
  const issues = errors.flatMap((error) => error.issues);
  const selected = selectScripts(scripts, {
    ...(options.dimension === undefined ? {} : { dimension: options.dimension }),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
  if (selected.length === 0) {
    const dimensions = [...new Set(scripts.map((script) => script.dimension ?? 'unknown'))];
    throw new InputError([
      {
        code: 'no-scripts',
        path: options.dimension === undefined ? [suite] : ['--dimension', options.dimension],
        message: 'no script of the suite was selected',
        hint:
          dimensions.length > 0
            ? `dimensions in this suite: ${dimensions.join(', ')}`
            : 'check the suite file',
      },
    ]);
  }
  const out = resolve(cwd, options.out ?? join('bench', 'results', suiteName(suite)));
  const seed = options.seed ?? benchDefaults.seed;
  const width = options.width ?? benchDefaults.width;
  const height = options.height ?? benchDefaults.height;
  const steps = options.steps ?? runDefaults.steps;
  const keepVideo = options.keepVideo ?? true;
  const store = await openBenchStore(options.store ?? join(out, resultsFileName), cwd);
  try {
    const { jobs, skipped } = planRuns(selected, {
      policies,
      seed,
      width,
      height,
      steps,
      out,
      keepVideo,
      done: await store.doneKeys(),
      ...(options.agents ? { agents: options.agents } : {}),
      ...(options.engine ? { engine: options.engine } : {}),
    });
    const workers = options.queue ? 0 : (options.workers ?? benchDefaults.workers);
    const total = jobs.length;
    const queueName = options.queue
      ? `${redactUrl(options.queue.url)} (queue ${options.queue.name ?? defaultQueueName})`
      : undefined;
    options.onEvent?.({
      type: 'bench-start',
      total,
      skipped,
      workers,
      out,
      issues,
      ...(queueName ? { queue: queueName } : {}),
    });
    const version = codeVersion();
    let done = 0;
    let failed = 0;
    let runSeconds = 0;
    const timings: QueueTiming[] = [];
    // Outcomes are stored one at a time, in completion order.
    let writing: Promise<void> = Promise.resolve();
    const record = async (job: RunJob, outcome: RunOutcome, timing?: QueueTiming) => {
      const { stored } = await store.recordRun({
        ...outcome,
        scriptId: job.scriptId,
        policy: job.policy,
        seed: job.seed,
        width: job.width,
        height: job.height,
        steps: job.steps,
        dimension: job.dimension,
        ...(job.keepVideo && outcome.status === 'done' ? { runDir: runDirName(job) } : {}),
        createdAt: new Date().toISOString(),
        // The queue job's full identity: with a variant, the hash of the settings it ran.
        ...(options.queue ? { jobId: jobIdentity(job, version) } : {}),
      });
      // Not stored: the run was already done (a duplicate delivery); the store kept the first result.
      if (!stored || outcome.status === 'done') done++;
      else failed++;
      runSeconds += outcome.wallSeconds;
      if (timing) timings.push(timing);
      const finished = done + failed;
      const elapsedSeconds = (performance.now() - started) / 1000;
      const { script: _script, agents: _agents, engine: _engine, variant: _variant, ...described } = job;
      options.onEvent?.({
        type: 'run-end',
        job: described,
        outcome,
        finished,
        failed,
        total,
        etaSeconds: (elapsedSeconds / finished) * (total - finished),
        elapsedSeconds,
        ...(timing ? { timing } : {}),
      });
    };
    const onOutcome = (job: RunJob, outcome: RunOutcome, timing?: QueueTiming) => {
      writing = writing.then(() => record(job, outcome, timing));
      return writing;
    };
    if (options.queue) {
      await runJobsOnQueue(jobs, {
        ...options.queue,
        ...(options.signal ? { signal: options.signal } : {}),
        onOutcome,
        onCounts: (counts) => options.onEvent?.({ type: 'queue-counts', counts }),
      });
    } else {
      await runJobs(jobs, {
        workers,
        executor: options.executor ?? executeRun,
        ...(options.signal ? { signal: options.signal } : {}),
        onOutcome: (job, outcome) => void onOutcome(job, outcome),
      });
    }
    await writing;
    const finished = done + failed;
    const summary: BenchSummary = {
      out,
      store: store.location,
      planned: selected.length * policies.length,
      skipped,
      done,
      failed,
      remaining: total - finished,
      issues,
      wallSeconds: (performance.now() - started) / 1000,
      meanRunSeconds: finished > 0 ? runSeconds / finished : null,
    };
    if (timings.length > 0) {
      const mean = (pick: (timing: QueueTiming) => number) =>
        timings.reduce((sum, timing) => sum + pick(timing), 0) / timings.length;
      summary.queue = {
        waitSeconds: mean((timing) => timing.waitSeconds),
        workerOverheadSeconds: mean((timing) => timing.workerOverheadSeconds),
        storeLagSeconds: mean((timing) => timing.storeLagSeconds),
      };
    }
    return summary;
  } finally {
    await store.close();
  }
}

/** `bench/suite/narrastream-324.jsonl` -> `narrastream-324`. */
function suiteName(path: string): string {
  const base = path.split(/[\\/]/).at(-1) ?? 'suite';
  return base.replace(/\.[^.]*$/, '') || 'suite';
}
