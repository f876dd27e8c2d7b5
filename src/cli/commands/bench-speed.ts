import { formatSpeedReport, speedReportJson } from '../../bench/speed/format-speed-report.js';
import { runSpeedBench, type SpeedReport } from '../../bench/speed/run-speed-bench.js';
import { selectSpeedScripts } from '../../bench/speed/select-speed-scripts.js';
import { type SpeedVariant, speedVariants, variantLabel } from '../../bench/speed/speed-variants.js';
import { formatWorkProfile } from '../../bench/speed/work-profile-groups.js';
import type { WorkProfileSnapshot } from '../../engine/work-profile.js';
import { InputError, type Issue } from '../../errors/index.js';
import { readScripts } from '../../script/read-script.js';
import type { CommandContext } from '../command.js';
import { parseSize } from './generate-flags.js';

/** Help of `iamflow bench speed`, printed inside `iamflow bench --help`. */
export const benchSpeedHelp = `       iamflow bench speed [--scripts N] [--size WxH] [--policies LIST] [--profile] [--json]

\`bench speed\` generates the same 60 s, 6-prompt suite scripts (default 6, one per dimension) at 480x270 with
MP4 output under self-forcing, longlive, memflow and iamflow with its variants
(${speedVariants
  .filter((variant) => variant.variant !== 'default')
  .map(variantLabel)
  .join(', ')}),
interleaved in one process, and prints each run's wall time, realtime factor, ratio to longlive, engine work,
agent/verification seconds on the generation thread and oracle long-range consistency (docs/performance.md).
  --scripts N          bench speed: number of suite scripts (default 6)
  --policies LIST      bench speed: configurations, e.g. longlive,iamflow,iamflow/int8 or iamflow/* (default all)
  --profile            bench speed: also print where the time went (work profile, per configuration)`;

/** Parses the flags of `iamflow bench speed`. */
export function parseSpeedFlags(values: CommandContext['values']) {
  const issues: Issue[] = [];
  const raw = typeof values.scripts === 'string' ? values.scripts : '6';
  const scripts = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!(Number.isSafeInteger(scripts) && scripts >= 1)) {
    issues.push({
      code: 'invalid-flag',
      path: ['--scripts'],
      message: `'${raw}' is not a whole number of at least 1`,
      hint: 'e.g. --scripts 2',
    });
  }
  let size: { width: number; height: number } | undefined;
  if (typeof values.size === 'string') {
    const parsed = parseSize(values.size);
    if ('code' in parsed) issues.push(parsed);
    else size = parsed;
  }
  let variants = speedVariants;
  if (typeof values.policies === 'string') {
    const wanted = values.policies
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    // `iamflow` is iamflow as registered, `iamflow/int8` one variant, `iamflow/*` all of them
    const selects = (variant: SpeedVariant, name: string) =>
      name === variantLabel(variant) || name === `${variant.policy}/*`;
    const known = speedVariants.map(variantLabel);
    const unknown = wanted.filter((name) => !speedVariants.some((variant) => selects(variant, name)));
    if (unknown.length > 0) {
      issues.push({
        code: 'invalid-flag',
        path: ['--policies'],
        message: `unknown configuration ${unknown.join(', ')}`,
        hint: `choose from ${known.join(', ')} (or POLICY/* for all of a policy's)`,
      });
    }
    variants = speedVariants.filter((variant) => wanted.some((name) => selects(variant, name)));
  }
  const seed = typeof values.seed === 'string' ? Number(values.seed) : undefined;
  if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    issues.push({ code: 'invalid-flag', path: ['--seed'], message: `'${values.seed}' is not a seed` });
  }
  if (issues.length > 0) throw new InputError(issues);
  return { scripts, size, variants, seed };
}

/** `iamflow bench speed`: runs the speed bench and prints its table (or JSON, or the work profile too). */
export async function runBenchSpeed(context: CommandContext): Promise<number> {
  const flags = parseSpeedFlags(context.values);
  const suite =
    typeof context.values.suite === 'string' ? context.values.suite : 'bench/suite/narrastream-324.jsonl';
  const { scripts, errors } = await readScripts(suite, { cwd: context.cwd });
  if (errors.length > 0) throw new InputError(errors.flatMap((error) => error.issues));
  const selected = selectSpeedScripts(scripts, flags.scripts);
  const quiet = context.values.quiet === true;
  const report = await runSpeedBench({
    scripts: selected,
    variants: flags.variants,
    ...(flags.size ?? {}),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    ...(quiet
      ? {}
      : {
          onRun: (run, done, total) =>
            context.stderr.write(
              `[${done}/${total}] ${variantLabel(run)} ${run.script}: ${run.wallSeconds.toFixed(2)} s (${run.realtimeFactor.toFixed(2)}x realtime)\n`,
            ),
        }),
  });
  if (context.values.json) {
    context.stdout.write(`${JSON.stringify(speedReportJson(report))}\n`);
    return 0;
  }
  context.stdout.write(`${formatSpeedReport(report)}\n`);
  if (context.values.profile) context.stdout.write(`\n${formatProfiles(report)}\n`);
  return 0;
}

/** The work profile summed over scripts, one column per configuration. */
function formatProfiles(report: SpeedReport): string {
  const columns = new Map<string, { label: string; profile: WorkProfileSnapshot; wallMs: number }>();
  for (const run of report.runs) {
    const label = variantLabel(run);
    const column = columns.get(label) ?? { label, profile: { parts: {} }, wallMs: 0 };
    column.wallMs += run.wallSeconds * 1000;
    for (const [name, part] of Object.entries(run.profile.parts)) {
      const sum = column.profile.parts[name] ?? { selfMs: 0, totalMs: 0, calls: 0 };
      column.profile.parts[name] = {
        selfMs: sum.selfMs + part.selfMs,
        totalMs: sum.totalMs + part.totalMs,
        calls: sum.calls + part.calls,
      };
    }
    columns.set(label, column);
  }
  return `where the time went (generation thread, summed over scripts):\n${formatWorkProfile([...columns.values()])}`;
}
