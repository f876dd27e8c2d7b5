import type { SpeedReport, SpeedRun } from './run-speed-bench.js';
import { variantLabel } from './speed-variants.js';

/** The `--json` form of a speed report: exactly the fields issue 10 names. */
export function speedReportJson(report: SpeedReport) {
  return {
    runs: report.runs.map((run) => ({
      policy: run.policy,
      variant: run.variant,
      script: run.script,
      wallSeconds: run.wallSeconds,
      realtimeFactor: run.realtimeFactor,
      ratioToLonglive: run.ratioToLonglive,
      criticalPathAgentSeconds: run.criticalPathAgentSeconds,
      oracleLongRange: run.oracleLongRange,
    })),
    summary: report.summary.map((row) => ({
      policy: row.policy,
      variant: row.variant,
      medianRatioToLonglive: row.medianRatioToLonglive,
    })),
  };
}

/**
 * The speed report as text: one line per run (wall time, realtime factor, ratio to longlive, engine and agent
 * seconds on the generation thread, engine work counters, oracle long-range consistency), then one line per
 * configuration with its medians.
 */
export function formatSpeedReport(report: SpeedReport): string {
  const fixed = (value: number | null, digits = 2) => (value === null ? '-' : value.toFixed(digits));
  const header = [
    'config',
    'script',
    'wall s',
    'cpu s',
    'ffmpeg cpu s',
    'realtime',
    'vs longlive',
    'engine s',
    'agents s',
    'agents/engine',
    'attention ops',
    'recached',
    'decoded',
    'oracle LR',
  ];
  const runRow = (run: SpeedRun) => [
    variantLabel(run),
    run.script,
    fixed(run.wallSeconds),
    fixed(run.cpuSeconds),
    fixed(run.encoderCpuSeconds),
    `${fixed(run.realtimeFactor)}x`,
    `${fixed(run.ratioToLonglive)}x`,
    fixed(run.engineSeconds),
    fixed(run.criticalPathAgentSeconds),
    `${fixed((100 * run.criticalPathAgentSeconds) / Math.max(run.engineSeconds, 1e-9), 1)}%`,
    String(run.costs.attentionOps),
    String(run.costs.recachedFrames),
    String(run.costs.decodedFrames),
    fixed(run.oracleLongRange, 1),
  ];
  const medianOf = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length === 0
      ? null
      : sorted.length % 2 === 1
        ? sorted[middle]!
        : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const summaryRows = report.summary.map((row) => {
    const runs = report.runs.filter((run) => run.policy === row.policy && run.variant === row.variant);
    const oracle = runs.map((run) => run.oracleLongRange).filter((value): value is number => value !== null);
    const agents = medianOf(runs.map((run) => run.criticalPathAgentSeconds));
    const engine = medianOf(runs.map((run) => run.engineSeconds));
    return [
      variantLabel(row),
      `median of ${runs.length}`,
      fixed(medianOf(runs.map((run) => run.wallSeconds))),
      fixed(medianOf(runs.map((run) => run.cpuSeconds))),
      fixed(medianOf(runs.flatMap((run) => (run.encoderCpuSeconds === null ? [] : [run.encoderCpuSeconds])))),
      `${fixed(medianOf(runs.map((run) => run.realtimeFactor)))}x`,
      `${fixed(row.medianRatioToLonglive)}x`,
      fixed(engine),
      fixed(agents),
      agents === null || engine === null ? '-' : `${fixed((100 * agents) / Math.max(engine, 1e-9), 1)}%`,
      '',
      '',
      '',
      fixed(oracle.length === 0 ? null : oracle.reduce((a, b) => a + b, 0) / oracle.length, 1),
    ];
  });
  const table = [header, ...report.runs.map(runRow), header.map(() => ''), ...summaryRows];
  const widths = header.map((_, index) => Math.max(...table.map((line) => line[index]!.length)));
  const lines = table.map((line) =>
    line
      .map((text, index) => (index < 2 ? text.padEnd(widths[index]!) : text.padStart(widths[index]!)))
      .join('  '),
  );
  return [
    `speed bench: ${new Set(report.runs.map((run) => run.script)).size} scripts, ${report.width}x${report.height}, MP4 output; ` +
      "'vs longlive' = longlive's wall time / this wall time on the same script (above 1 = faster); oracle LR = mean over scripts",
    ...lines,
  ].join('\n');
}
