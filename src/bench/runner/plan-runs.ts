import { join } from 'node:path';
import { runDefaults } from '../../run/run-defaults.js';
import type { AgentSettings, MiniEngineSpec, RemoteEngineSpec } from '../../run/run-spec.js';
import type { Script } from '../../script/script.js';
import { type RunKey, runKeyString } from '../store/run-record.js';
import type { BenchPolicy } from './policy-variants.js';
import type { RunJob } from './run-job.js';

/** Which scripts of a suite to run. */
export interface ScriptSelection {
  /** Only scripts of this suite dimension. */
  dimension?: string;
  /** At most this many scripts of each suite dimension, in file order. */
  limit?: number;
}

/**
 * Picks the scripts of a suite: `dimension` filters, `limit` keeps the first N of every dimension so a small
 * batch still covers all six.
 *
 * @example
 * selectScripts(scripts, { limit: 2 }).length // 12 for the 324-script suite
 */
export function selectScripts(scripts: readonly Script[], selection: ScriptSelection): Script[] {
  const counts = new Map<string, number>();
  return scripts.filter((script) => {
    const dimension = script.dimension ?? 'unknown';
    if (selection.dimension !== undefined && dimension !== selection.dimension) return false;
    const count = counts.get(dimension) ?? 0;
    if (selection.limit !== undefined && count >= selection.limit) return false;
    counts.set(dimension, count + 1);
    return true;
  });
}

/** What every run of a batch shares. */
export interface PlanOptions {
  /** Registered policies and variants (`resolveBenchPolicies`); a run is keyed by the label. */
  policies: readonly BenchPolicy[];
  seed: number;
  width: number;
  height: number;
  /** Denoising steps of the engine. */
  steps: number;
  /** The results folder; run folders go to `<out>/runs/<script>/<policy>-s<seed>-<W>x<H>`. */
  out: string;
  keepVideo: boolean;
  /** Keys of runs already done (`runKeyString`): they are skipped. */
  done: ReadonlySet<string>;
  /** Agent settings for the policies that take agents. */
  agents?: AgentSettings;
  /** A remote engine instead of the miniature one. */
  engine?: RemoteEngineSpec | MiniEngineSpec;
}

/** The jobs of a batch, script-major (every policy of a script, then the next script), minus those done. */
export function planRuns(
  scripts: readonly Script[],
  options: PlanOptions,
): { jobs: RunJob[]; skipped: number } {
  const jobs: RunJob[] = [];
  let skipped = 0;
  for (const script of scripts) {
    for (const policy of options.policies) {
      const key = {
        scriptId: script.id,
        policy: policy.label,
        seed: options.seed,
        width: options.width,
        height: options.height,
        steps: options.steps,
      };
      if (options.done.has(runKeyString(key))) {
        skipped++;
        continue;
      }
      jobs.push({
        ...key,
        script,
        dimension: script.dimension ?? 'unknown',
        runDir: join(options.out, runDirName(key)),
        keepVideo: options.keepVideo,
        ...(options.agents ? { agents: options.agents } : {}),
        ...(options.engine ? { engine: options.engine } : {}),
        ...(policy.settings ? { variant: { policy: policy.policy, settings: { ...policy.settings } } } : {}),
      });
    }
  }
  return { jobs, skipped };
}

/**
 * A run folder relative to the results folder; the steps appear only when they differ from the reference's 4, so
 * folders of default runs keep their names. A variant's folder is a sibling of its policy's (`iamflow+recache-s1-...`).
 */
export function runDirName(key: RunKey) {
  const steps = key.steps === runDefaults.steps ? '' : `-t${key.steps}`;
  const policy = key.policy.replaceAll('/', '+');
  return join('runs', key.scriptId, `${policy}-s${key.seed}-${key.width}x${key.height}${steps}`);
}
