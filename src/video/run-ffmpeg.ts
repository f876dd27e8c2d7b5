import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** A running ffmpeg with its pipes, a bounded stderr tail, and its exit. */
export interface FfmpegProcess {
  /** The child process (stdin, stdout and stderr are pipes). */
  child: ChildProcessByStdio<Writable, Readable, Readable>;
  /** The end of stderr so far (at most 16 kB). */
  stderr(): string;
  /** Resolves with the exit code (null when killed, with the signal) or the spawn error; never rejects. */
  exited: Promise<FfmpegExit>;
}

/** How ffmpeg ended. */
export interface FfmpegExit {
  /** Exit code; null when it was killed by a signal or never started. */
  code: number | null;
  /** The signal that killed it (e.g. `SIGKILL`). */
  signal?: NodeJS.Signals;
  /** Why it could not start. */
  error?: Error;
}

const stderrLimit = 16 * 1024;

/** Spawns ffmpeg with piped stdio, keeping the tail of stderr for error messages. */
export function runFfmpeg(ffmpegPath: string, args: readonly string[]): FfmpegProcess {
  const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let tail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-stderrLimit);
  });
  // A closed stdin (EPIPE) is reported through the exit code and stderr, not as an unhandled error.
  child.stdin.on('error', () => {});
  const exited = new Promise<FfmpegExit>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('close', (code, signal) => resolve(signal ? { code, signal } : { code }));
  });
  return { child, stderr: () => tail, exited };
}

/** Runs ffmpeg to completion and returns its exit code and full stderr tail (no stdin, stdout ignored). */
export async function captureFfmpeg(
  ffmpegPath: string,
  args: readonly string[],
): Promise<{ code: number | null; stderr: string; error?: Error }> {
  const process = runFfmpeg(ffmpegPath, args);
  process.child.stdin.end();
  process.child.stdout.resume();
  const result = await process.exited;
  return { ...result, stderr: process.stderr() };
}
