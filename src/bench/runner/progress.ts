import type { BenchEvent } from './run-bench.js';

type Output = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** `75` -> `1m15s`. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (hours > 0) return `${hours}h${String(minutes).padStart(2, '0')}m`;
  return minutes > 0 ? `${minutes}m${String(rest).padStart(2, '0')}s` : `${rest}s`;
}

/**
 * Prints benchmark progress: on a TTY one rewritten line (runs done/total, failures, ETA, last run); otherwise one
 * line per run. Failures always get their own line.
 */
export function createBenchProgress(output: Output): (event: BenchEvent) => void {
  const tty = output.isTTY === true;
  return (event) => {
    if (event.type === 'bench-start') {
      for (const issue of event.issues) output.write(`warning: ${issue.path.join(': ')}: ${issue.message}\n`);
      const where = event.queue ? `on ${event.queue}` : `${event.workers} worker(s)`;
      output.write(
        `bench: ${event.total} runs to do, ${event.skipped} already done, ${where}, results in ${event.out}\n`,
      );
      return;
    }
    if (event.type === 'queue-counts') {
      const { counts } = event;
      if (tty) output.write('\r\x1b[2K');
      output.write(
        `queue: ${counts.waiting} waiting, ${counts.active} active, ${counts.delayed} retrying, ${counts.failed} failed; ` +
          `${counts.workers} worker(s) connected${counts.workers === 0 ? ' (start one: iamflow worker --queue URL)' : ''}\n`,
      );
      return;
    }
    const { job, outcome } = event;
    const run = `${job.scriptId} ${job.policy}`;
    const status =
      `[${event.finished}/${event.total}]${event.failed > 0 ? ` ${event.failed} failed` : ''} ` +
      `elapsed ${formatSeconds(event.elapsedSeconds)}, ETA ${formatSeconds(event.etaSeconds)}`;
    if (tty) output.write('\r\x1b[2K');
    if (outcome.status === 'failed') output.write(`failed: ${run}: ${outcome.error ?? 'unknown error'}\n`);
    const line = `${status}  ${run} ${outcome.wallSeconds.toFixed(1)} s`;
    if (tty) {
      const width = Math.max(20, (output.columns ?? 100) - 1);
      output.write(line.length > width ? line.slice(0, width) : line);
      if (event.finished === event.total) output.write('\n');
    } else output.write(`${line}\n`);
  };
}
