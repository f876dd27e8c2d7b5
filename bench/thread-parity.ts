/**
 * Does a run cost the same in a bench worker thread as in the main thread? Runs the same jobs (one script of each
 * suite dimension x the four policies, frames of the evaluation only, no run folder) on one worker thread of the
 * bench (`runJobs`, workers 1: the thread loads only the runner) and in this thread (workers 0), A B A B, and
 * prints the generation seconds per policy and the ratio thread / main, pair by pair. Both must be about 1: a
 * hot engine function that V8 keeps from optimising shows up here first (it once made the thread 4x slower,
 * see `SelfAttention` in src/engine/mini/attention.ts). Results are checked identical between the two.
 *
 *   npm run build && npx tsx bench/thread-parity.ts             # smoke-12, one script per dimension, 2 pairs
 *   npx tsx bench/thread-parity.ts --limit 2 --pairs 3
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { executeRun } from '../src/bench/runner/execute-run.js';
import { planRuns, selectScripts } from '../src/bench/runner/plan-runs.js';
import { resolveBenchPolicies } from '../src/bench/runner/policy-variants.js';
import type { RunJob, RunOutcome } from '../src/bench/runner/run-job.js';
import { runJobs } from '../src/bench/runner/run-jobs.js';
import { readScripts } from '../src/script/read-script.js';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'bench/suite/smoke-12.jsonl' },
    limit: { type: 'string', default: '1' },
    pairs: { type: 'string', default: '2' },
    size: { type: 'string', default: '240x136' },
  },
  strict: true,
});
const [width, height] = values.size.split('x').map(Number) as [number, number];
const { scripts } = await readScripts(values.suite);
const out = mkdtempSync(join(tmpdir(), 'iamflow-thread-parity-'));
const { jobs } = planRuns(selectScripts(scripts, { limit: Number(values.limit) }), {
  policies: resolveBenchPolicies(['self-forcing', 'longlive', 'memflow', 'iamflow']),
  seed: 1,
  width,
  height,
  steps: 4,
  out,
  keepVideo: false,
  done: new Set(),
});

async function measure(workers: number) {
  const outcomes = new Map<RunJob, RunOutcome>();
  await runJobs(jobs, {
    workers,
    executor: executeRun,
    onOutcome: (job, outcome) => outcomes.set(job, outcome),
  });
  const byPolicy = new Map<string, number>();
  for (const [job, outcome] of outcomes) {
    if (outcome.status !== 'done') throw new Error(`${job.scriptId} ${job.policy} failed: ${outcome.error}`);
    byPolicy.set(job.policy, (byPolicy.get(job.policy) ?? 0) + (outcome.generateSeconds ?? 0));
  }
  const scores = jobs.map((job) => JSON.stringify([outcomes.get(job)?.scores, outcomes.get(job)?.metrics]));
  return { byPolicy, scores };
}

try {
  console.log(
    `${jobs.length} runs per side, ${values.size}; generation seconds (sum over the runs of each policy)`,
  );
  for (let pair = 1; pair <= Number(values.pairs); pair++) {
    const thread = await measure(1);
    const main = await measure(0);
    const same = thread.scores.every((score, index) => score === main.scores[index]);
    const cells = [...main.byPolicy.keys()].map((policy) => {
      const [a, b] = [thread.byPolicy.get(policy)!, main.byPolicy.get(policy)!];
      return `${policy} ${a.toFixed(2)}/${b.toFixed(2)} = ${(a / b).toFixed(2)}x`;
    });
    const total = (side: typeof thread) => [...side.byPolicy.values()].reduce((sum, value) => sum + value, 0);
    console.log(
      `pair ${pair}: thread/main ${cells.join(', ')}; all ${(total(thread) / total(main)).toFixed(2)}x; results ${same ? 'identical' : 'DIFFER'}`,
    );
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
