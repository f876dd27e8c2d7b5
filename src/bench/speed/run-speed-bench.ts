import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineCosts, RenderRecordEntry } from '../../engine/engine.js';
import { type WorkProfileSnapshot, workProfile } from '../../engine/work-profile.js';
import { createRunDirSink } from '../../run/create-run-dir-sink.js';
import { runDefaults } from '../../run/run-defaults.js';
import { runScript } from '../../run/run-script.js';
import type { RunSink } from '../../run/run-sink.js';
import type { Script } from '../../script/script.js';
import { evaluateRenderRecord } from '../eval/oracle.js';
import { childCpuSeconds } from './child-cpu-seconds.js';
import { type SpeedVariant, speedVariants } from './speed-variants.js';
import { criticalPathAgentMs, engineMs } from './work-profile-groups.js';

/** Options of {@link runSpeedBench}. */
export interface SpeedBenchOptions {
  /** The scripts to generate (each under every variant). */
  scripts: readonly Script[];
  /** The configurations; default {@link speedVariants}. */
  variants?: readonly SpeedVariant[];
  /** Frame size; default 480x270. */
  width?: number;
  height?: number;
  /** Engine seed, the same for every run; default the run default. */
  seed?: number;
  /** Called after every run (progress). */
  onRun?: (run: SpeedRun, done: number, total: number) => void;
}

/** One generated video of the speed bench. */
export interface SpeedRun {
  policy: string;
  variant: string;
  script: string;
  /** Wall seconds of the whole run: engine creation to the last file written (MP4 drained and closed). */
  wallSeconds: number;
  /** CPU seconds of this process during the run (all its threads; the ffmpeg encoder process not included). */
  cpuSeconds: number;
  /** CPU seconds of the child processes that finished during the run (the MP4 encoder); null without procfs. */
  encoderCpuSeconds: number | null;
  /** Video seconds per wall second. */
  realtimeFactor: number;
  /** Longlive's wall seconds on the same script divided by this run's: above 1 is faster than longlive. */
  ratioToLonglive: number | null;
  /** Seconds the generation thread spent in the policy, its agents, verification and memory store/bank work. */
  criticalPathAgentSeconds: number;
  /** Seconds the generation thread spent in engine work (text, attention, denoising, recache, decode). */
  engineSeconds: number;
  /** Oracle long-range consistency of the render record (0..100), when the script is annotated. */
  oracleLongRange: number | null;
  /** Engine work counters of the run. */
  costs: EngineCosts;
  /** Where the run's time went (work profile, milliseconds by part). */
  profile: WorkProfileSnapshot;
}

/** Median speed ratio of one configuration over the scripts. */
export interface SpeedSummary {
  policy: string;
  variant: string;
  medianRatioToLonglive: number | null;
}

/** All runs of a speed bench, in the order they ran. */
export interface SpeedReport {
  runs: SpeedRun[];
  summary: SpeedSummary[];
  width: number;
  height: number;
}

/**
 * Generates every script under every variant in one process, interleaved (script by script, the variant order
 * rotated each script so no configuration always runs first), each to a temporary run folder with MP4 output,
 * and measures wall time, engine work, the work profile and the oracle long-range consistency of each run.
 *
 * @example
 * const report = await runSpeedBench({ scripts: scripts.slice(0, 2) });
 * report.summary.find((row) => row.policy === 'iamflow')?.medianRatioToLonglive;
 */
export async function runSpeedBench(options: SpeedBenchOptions): Promise<SpeedReport> {
  const variants = options.variants ?? speedVariants;
  const width = options.width ?? runDefaults.width;
  const height = options.height ?? runDefaults.height;
  const runs: SpeedRun[] = [];
  const total = options.scripts.length * variants.length;
  const folder = await mkdtemp(join(tmpdir(), 'iamflow-speed-'));
  try {
    for (const [scriptIndex, script] of options.scripts.entries()) {
      const order = variants.map((_, index) => variants[(index + scriptIndex) % variants.length]!);
      const done: SpeedRun[] = [];
      for (const variant of order) {
        const dir = join(folder, `${runs.length + done.length}`);
        const run = await runOne(script, variant, { width, height, seed: options.seed, dir });
        await rm(dir, { recursive: true, force: true });
        done.push(run);
        options.onRun?.(run, runs.length + done.length, total);
      }
      const longlive = done.find((run) => run.policy === 'longlive' && run.variant === 'default');
      for (const run of done)
        run.ratioToLonglive = longlive === undefined ? null : longlive.wallSeconds / run.wallSeconds;
      // reported in the configured order
      runs.push(...variants.map((variant) => done.find((run) => sameVariant(run, variant))!));
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const summary = variants.map((variant): SpeedSummary => {
    const ratios = runs.filter((run) => sameVariant(run, variant)).map((run) => run.ratioToLonglive);
    const known = ratios.filter((ratio): ratio is number => ratio !== null);
    return {
      policy: variant.policy,
      variant: variant.variant,
      medianRatioToLonglive: known.length === ratios.length ? median(known) : null,
    };
  });
  return { runs, summary, width, height };
}

const sameVariant = (run: Pick<SpeedRun, 'policy' | 'variant'>, variant: SpeedVariant) =>
  run.policy === variant.policy && run.variant === variant.variant;

async function runOne(
  script: Script,
  variant: SpeedVariant,
  settings: { width: number; height: number; seed: number | undefined; dir: string },
): Promise<SpeedRun> {
  const records: RenderRecordEntry[] = [];
  const files = createRunDirSink({ dir: settings.dir });
  // the run folder's sink, also keeping the render record for the oracle
  const sink: RunSink = {
    ...files,
    onRenderRecord: async (entries) => {
      records.push(...entries);
      await files.onRenderRecord(entries);
    },
  };
  const { agents, settings: policySettings, ...spec } = variant.spec;
  workProfile.reset(true);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const childBefore = childCpuSeconds();
  let result: Awaited<ReturnType<typeof runScript>>['result'];
  let profile: WorkProfileSnapshot;
  try {
    ({ result } = await runScript(
      {
        script,
        ...spec,
        policy: {
          name: variant.policy,
          ...(agents ? { agents } : {}),
          ...(policySettings ? { settings: policySettings } : {}),
        },
        size: { width: settings.width, height: settings.height },
        ...(settings.seed === undefined ? {} : { seed: settings.seed }),
      },
      sink,
    ));
  } finally {
    profile = workProfile.snapshot();
    workProfile.reset(false);
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const childAfter = childCpuSeconds();
  const oracle = script.annotations
    ? evaluateRenderRecord(records, result.timeline, script.annotations).metrics.longRangeConsistency
    : undefined;
  return {
    policy: variant.policy,
    variant: variant.variant,
    script: script.id,
    wallSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    encoderCpuSeconds: childBefore === null || childAfter === null ? null : childAfter - childBefore,
    realtimeFactor: result.videoSeconds / wallSeconds,
    ratioToLonglive: null,
    criticalPathAgentSeconds: criticalPathAgentMs(profile) / 1000,
    engineSeconds: engineMs(profile) / 1000,
    oracleLongRange: oracle ?? null,
    costs: result.costs,
    profile,
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
