import type { RunProgress } from '../pipeline/run-result.js';

/** Formats seconds as m:ss (or h:mm:ss). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * One progress line: bar, chunks done/total, decoded video frames per wall second, ETA.
 *
 * @example
 * formatProgress({ chunksDone: 20, totalChunks: 80, videoFramesDone: 240, totalVideoFrames: 960, elapsedMs: 4000 }, 20)
 * // '[#####...............]  20/80 chunks   60.0 fps  ETA 0:12'
 */
export function formatProgress(progress: RunProgress, barWidth = 24): string {
  const fraction = progress.totalChunks > 0 ? progress.chunksDone / progress.totalChunks : 1;
  const filled = Math.round(fraction * barWidth);
  const seconds = progress.elapsedMs / 1000;
  const fps = seconds > 0 ? progress.videoFramesDone / seconds : 0;
  const remaining =
    fps > 0 ? (progress.totalVideoFrames - progress.videoFramesDone) / fps : Number.POSITIVE_INFINITY;
  const width = String(progress.totalChunks).length;
  return [
    `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`,
    ` ${String(progress.chunksDone).padStart(width)}/${progress.totalChunks} chunks`,
    `  ${fps.toFixed(1).padStart(6)} fps`,
    `  ETA ${formatDuration(remaining)}`,
  ].join('');
}

/** A progress line redrawn in place on a terminal. */
export interface ProgressBar {
  /** Redraws the line (at most every `intervalMs`, and always for the last chunk). */
  update(progress: RunProgress): void;
  /** Clears the line. */
  finish(): void;
}

/** Creates a progress bar that writes to a TTY stream; `intervalMs` throttles redraws (default 100). */
export function createProgressBar(
  stream: NodeJS.WritableStream & { columns?: number },
  options: { intervalMs?: number; now?: () => number } = {},
): ProgressBar {
  const intervalMs = options.intervalMs ?? 100;
  const now = options.now ?? (() => performance.now());
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(progress) {
      const time = now();
      if (time - last < intervalMs && progress.chunksDone < progress.totalChunks) return;
      last = time;
      const columns = stream.columns ?? 80;
      const barWidth = Math.max(10, Math.min(30, columns - 50));
      stream.write(`\r\x1b[2K${formatProgress(progress, barWidth)}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
