import { resolve } from 'node:path';
import { redactUrl } from '../../bench/redact-url.js';
import { writeReport } from '../../bench/report/write-report.js';
import {
  policyVariantLabel,
  policyVariants,
  resolveBenchPolicies,
} from '../../bench/runner/policy-variants.js';
import { createBenchProgress, formatSeconds } from '../../bench/runner/progress.js';
import { checkQueueUrl, defaultQueueName, type QueueSettings } from '../../bench/runner/queue-connection.js';
import { readQueueCounts } from '../../bench/runner/read-queue-counts.js';
import { type BenchOptions, benchDefaults, runBench } from '../../bench/runner/run-bench.js';
import { InputError, type Issue } from '../../errors/index.js';
import { policyNames, policyRegistrations } from '../../memory/policy-registry.js';
import { runDefaults } from '../../run/run-defaults.js';
import type { Command, CommandContext } from '../command.js';
import { ensureWritableDir } from '../ensure-writable-dir.js';
import { agentHelp, agentOptions, resolveAgentFlags } from './agent-flags.js';
import { benchSpeedHelp, runBenchSpeed } from './bench-speed.js';
import { engineHelp, engineOptions, resolveEngineSpec } from './engine-flags.js';
import { parseSize } from './generate-flags.js';

/** A variant's settings in help: `bankUpdate recover-every-chunk`. */
const describeSettings = (settings: Readonly<Record<string, unknown>>) =>
  Object.entries(settings)
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');

/** The most denoising steps (one per timestep from 1000 down). */
const maxSteps = 1000;

// The variant labels' column of the help: the longest label and a gap.
const variantColumn = Math.max(...policyVariants.map((variant) => policyVariantLabel(variant).length)) + 2;

const help = `Usage: iamflow bench [options]
       iamflow bench report DIR [--store LOCATION]
${benchSpeedHelp}

Runs every script of a suite under every memory policy (same seed), evaluates each video on the three
NarraStream dimensions (quality, temporal, instruction) and stores the results in DIR/results.sqlite.
Resumable: runs already done for the same (script, policy, seed, size, steps) are skipped, failed ones are retried;
Ctrl-C loses only the runs in flight. \`bench report DIR\` writes DIR/report.html and DIR/results.md.

Options:
  --suite PATH         suite JSONL (default: ${benchDefaults.suite})
  --policies LIST      comma-separated policies and policy variants (below), POLICY/* for a policy
                       and all its variants (default: all registered: ${policyNames().join(',')})
  --dimension D        only scripts of this suite dimension (e.g. reappearance)
  --limit N            at most N scripts of each suite dimension (e.g. 2 -> 12 scripts of the 324)
  --workers N          worker threads; 0 runs in the main thread (default: one per core = ${benchDefaults.workers})
  --seed N             engine seed, the same for every policy (default: ${benchDefaults.seed})
  --size WxH           frame size (default: ${benchDefaults.width}x${benchDefaults.height}, small so the full suite runs on a CPU)
  --steps N            denoising steps of the engine, 1..1000 (default: ${runDefaults.steps}); part of a run's key
  --out DIR            results folder (default: bench/results/<suite file name>)
  --store LOCATION     results store: a SQLite file or postgres://USER@HOST:PORT/DB[?schema=NAME]
                       (default: OUT/results.sqlite; \`bench report DIR --store ...\` reads it)
  --queue URL          run on a BullMQ queue at redis://HOST:PORT[/DB] (rediss:// for TLS) instead of local
                       threads: \`iamflow worker --queue URL\` processes take the jobs; waits for all of them
  --queue-name NAME    queue name shared with the workers (default: ${defaultQueueName})
  --status             with --queue: print the queue's job counts by state and exit
  --no-video           keep only the metrics: delete each run folder after it is evaluated
${engineHelp}
  --quiet              no progress output
  --json               print a JSON summary on stdout
${agentHelp}
                       (agent flags apply to the policies that take agents: iamflow)
                       The bench verifies inline by default with the embedded pixel verifier (throughput:
                       a thread per run only competes for the workers' cores; same results)
  --async-verify       verify on the background thread anyway (the default of iamflow generate)
  -h, --help           show this help

Policy variants: a registered policy with one setting changed (src/memory/iamflow/iamflow-settings.ts),
stored, resumed and reported as a policy of its own (docs/benchmark.md#ablations-policy-variants);
\`bench report DIR\` adds an Ablations section with each one's paired differences to its policy, and
\`npx tsx scripts/paired-differences.ts DIR --variants\` prints them as one table:
${policyVariants.map((variant) => `  ${policyVariantLabel(variant).padEnd(variantColumn)}${describeSettings(variant.settings)}`).join('\n')}

Examples:
  iamflow bench --suite bench/suite/smoke-12.jsonl --out bench/results/smoke --no-video
  iamflow bench --dimension reappearance --limit 5 --policies memflow,iamflow
  iamflow bench --policies 'iamflow/*' --out bench/results/ablation --no-video
  iamflow bench --suite bench/suite/smoke-12.jsonl --queue redis://127.0.0.1:6379 --no-video
  iamflow bench --queue redis://127.0.0.1:6379 --status
  iamflow bench report bench/results/smoke
`;

function text(values: CommandContext['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function integer(
  values: CommandContext['values'],
  name: string,
  min: number,
  issues: Issue[],
): number | undefined {
  const raw = text(values, name);
  if (raw === undefined) return undefined;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= 0xffffffff) return value;
  issues.push({
    code: 'invalid-flag',
    path: [`--${name}`],
    message: `'${raw}' is not a whole number of at least ${min}`,
    hint: `e.g. --${name} ${Math.max(min, 2)}`,
  });
  return undefined;
}

/**
 * Validates the flags of `iamflow bench` into runner options, collecting every problem into one InputError; the
 * agent flags (and `IAMFLOW_*` environment) become the agents of the policies that take them.
 */
export function parseBenchFlags(
  values: CommandContext['values'],
  cwd: string,
  env: CommandContext['env'] = {},
): BenchOptions {
  const issues: Issue[] = [];
  const options: BenchOptions = { cwd, keepVideo: values['no-video'] !== true };
  const suite = text(values, 'suite');
  if (suite !== undefined) options.suite = suite;
  const policies = text(values, 'policies');
  if (policies !== undefined)
    options.policies = policies
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  const dimension = text(values, 'dimension');
  if (dimension !== undefined) options.dimension = dimension;
  const out = text(values, 'out');
  if (out !== undefined) options.out = out;
  const limit = integer(values, 'limit', 1, issues);
  if (limit !== undefined) options.limit = limit;
  const workers = integer(values, 'workers', 0, issues);
  if (workers !== undefined) options.workers = workers;
  const seed = integer(values, 'seed', 0, issues);
  if (seed !== undefined) options.seed = seed;
  const steps = integer(values, 'steps', 1, issues);
  if (steps !== undefined && steps > maxSteps) {
    issues.push({
      code: 'invalid-flag',
      path: ['--steps'],
      message: `${steps} steps is more than ${maxSteps}`,
      hint: `the engine's timesteps run from 1000 down: use --steps 1..${maxSteps} (the reference uses ${runDefaults.steps})`,
    });
  } else if (steps !== undefined) options.steps = steps;
  const size = text(values, 'size');
  if (size !== undefined) {
    const parsed = parseSize(size);
    if ('code' in parsed) issues.push(parsed);
    else Object.assign(options, parsed);
  }
  const store = text(values, 'store');
  if (store !== undefined) options.store = store;
  const queue = text(values, 'queue');
  const queueName = text(values, 'queue-name');
  if (queue !== undefined) {
    const error = checkQueueUrl(queue);
    if (error) issues.push(...error.issues);
    else options.queue = { url: queue, ...(queueName === undefined ? {} : { name: queueName }) };
  } else if (queueName !== undefined || values.status === true) {
    issues.push({
      code: 'invalid-flag',
      path: [queueName === undefined ? '--status' : '--queue-name'],
      message: 'only applies with --queue',
      hint: 'add --queue redis://HOST:PORT',
    });
  }
  // Checked here too, so an unknown policy or variant comes with the other flags' problems.
  let chosen: string[] = policyNames();
  try {
    if (options.policies) chosen = resolveBenchPolicies(options.policies).map((item) => item.policy);
  } catch (error) {
    if (!InputError.isInstance(error)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0) throw new InputError(issues);
  const registrations = policyRegistrations.filter((registration) => chosen.includes(registration.name));
  const agents = resolveAgentFlags({ values, env }, registrations, '--policies');
  if (values['async-verify'] === true && values['sync-verify'] === true) {
    throw new InputError([
      {
        code: 'invalid-flag',
        path: ['--async-verify'],
        message: 'cannot be combined with --sync-verify',
        hint: 'choose one of them',
      },
    ]);
  }
  if (agents) {
    // The embedded pixel verifier is CPU work: on a thread of its own it only competes with the other runs for the
    // same cores, so the bench verifies inline (same results: docs/benchmark.md). A vision model answers over HTTP,
    // and waiting for it overlaps generation, so it keeps the queue.
    if (!agents.vlm && values['async-verify'] !== true) agents.syncVerify = true;
    options.agents = agents;
  }
  const engine = resolveEngineSpec({ values, env });
  if (engine) options.engine = engine;
  return options;
}

async function runReport(context: CommandContext): Promise<number> {
  const dir = context.positionals[1];
  if (dir === undefined || context.positionals.length > 2) {
    throw new InputError([
      {
        code: 'missing-argument',
        path: ['bench', 'report'],
        message: 'needs one results folder',
        hint: 'iamflow bench report bench/results/smoke',
      },
    ]);
  }
  const store = text(context.values, 'store');
  const { html, markdown, summary } = await writeReport(
    resolve(context.cwd, dir),
    store === undefined ? {} : { store },
  );
  if (context.values.json)
    context.stdout.write(`${JSON.stringify({ html, markdown, policies: summary.byPolicy })}\n`);
  else if (!context.values.quiet) context.stdout.write(`wrote ${html}\nwrote ${markdown}\n`);
  return 0;
}

async function run(context: CommandContext): Promise<number> {
  const [subcommand] = context.positionals;
  if (subcommand === 'report') return runReport(context);
  if (subcommand === 'speed') return runBenchSpeed(context);
  if (subcommand !== undefined) {
    throw new InputError([
      {
        code: 'unknown-command',
        path: ['bench', subcommand],
        message: `unknown subcommand '${subcommand}'`,
        hint: 'use `iamflow bench [options]`, `iamflow bench report DIR` or `iamflow bench speed`',
      },
    ]);
  }
  const options = parseBenchFlags(context.values, context.cwd, context.env);
  if (context.values.status === true && options.queue) return printQueueStatus(context, options.queue);
  if (options.out !== undefined)
    await ensureWritableDir('--out', options.out, resolve(context.cwd, options.out));
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  try {
    const summary = await runBench({
      ...options,
      signal: controller.signal,
      ...(context.values.quiet ? {} : { onEvent: createBenchProgress(context.stderr) }),
    });
    // An interrupted TTY progress line has no newline yet.
    if (summary.remaining > 0 && context.stderr.isTTY && !context.values.quiet) context.stderr.write('\n');
    if (context.values.json) context.stdout.write(`${JSON.stringify(summary)}\n`);
    else if (!context.values.quiet) {
      context.stdout.write(
        `bench: ${summary.done} done, ${summary.failed} failed, ${summary.skipped} already done, ${summary.remaining} left ` +
          `in ${formatSeconds(summary.wallSeconds)}` +
          `${summary.meanRunSeconds === null ? '' : ` (${summary.meanRunSeconds.toFixed(1)} s per run)`}; results in ${summary.store}\n`,
      );
      if (summary.queue) {
        const { waitSeconds, workerOverheadSeconds, storeLagSeconds } = summary.queue;
        context.stdout.write(
          `queue: mean ${waitSeconds.toFixed(2)} s enqueue to start, ${workerOverheadSeconds.toFixed(3)} s worker overhead, ` +
            `${storeLagSeconds.toFixed(3)} s finish to stored\n`,
        );
      }
      if (summary.remaining > 0) context.stdout.write('interrupted: rerun the same command to resume\n');
    }
    if (controller.signal.aborted) return 130;
    return summary.failed > 0 ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
}

async function printQueueStatus(context: CommandContext, queue: QueueSettings): Promise<number> {
  const counts = await readQueueCounts(queue);
  if (context.values.json) context.stdout.write(`${JSON.stringify(counts)}\n`);
  else {
    context.stdout.write(
      `queue ${queue.name ?? defaultQueueName} on ${redactUrl(queue.url)}\n` +
        Object.entries(counts)
          .map(([state, count]) => `  ${state.padEnd(10)} ${count}\n`)
          .join(''),
    );
  }
  return 0;
}

/** `iamflow bench` (run a suite under every policy) and `iamflow bench report DIR`. */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'run a benchmark suite under every policy (resumable) and write its report',
  help,
  options: {
    suite: { type: 'string' },
    policies: { type: 'string' },
    dimension: { type: 'string' },
    limit: { type: 'string' },
    workers: { type: 'string' },
    seed: { type: 'string' },
    size: { type: 'string' },
    steps: { type: 'string' },
    out: { type: 'string' },
    store: { type: 'string' },
    queue: { type: 'string' },
    'queue-name': { type: 'string' },
    status: { type: 'boolean', default: false },
    'no-video': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    scripts: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'async-verify': { type: 'boolean', default: false },
    ...agentOptions,
    ...engineOptions,
  },
  run,
};
