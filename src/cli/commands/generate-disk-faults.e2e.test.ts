import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../__fixtures__/cli-harness.js';
import { generateCommand } from './generate.js';

// Disk and output faults of `iamflow generate` with the real engine and ffmpeg: a full disk (a 192 KiB tmpfs), a
// read-only output folder (a tmpfs remounted read-only), the output folder deleted mid-run, ffmpeg killed
// mid-encode. Each must end with one clear message (no stack), a non-zero exit, an earlier run's video in the
// folder untouched and no `.part` file left behind.

const earlier = 'the video of an earlier run';
const mounts: string[] = [];

/** Mounts a tmpfs of `size` (root only); the reason when it cannot. */
function mountTmpfs(size: string): { dir: string } | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-tmpfs-'));
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (result.status !== 0)
    return { skip: `cannot mount a tmpfs here (${result.stderr.trim() || 'mount failed'})` };
  mounts.push(dir);
  return { dir };
}
afterAll(() => {
  for (const dir of mounts) spawnSync('umount', ['-l', dir]);
});

const probe = mountTmpfs('64k');
const skip = 'skip' in probe ? probe.skip : undefined;
if (skip) console.warn(`skipping the disk-fault tests that need a tmpfs: ${skip} (run as root, e.g. in CI)`);

function scriptIn(dir: string, seconds: number): string {
  const script = join(dir, 'script.jsonl');
  const prompts = ['Nora, a young woman in a red coat, walks through a park.', 'Nora sits on a bench.'];
  writeFileSync(script, `${JSON.stringify({ id: 'disk', prompts, seconds })}\n`);
  return script;
}

function outWithEarlierRun(parent: string): string {
  const out = join(parent, 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'video.mp4'), earlier);
  return out;
}

function expectCleanFailure(
  result: { code: number; stderr: string },
  out: string | undefined,
  message: RegExp,
) {
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  if (out === undefined || !existsSync(out)) return;
  expect(readdirSync(out).filter((name) => name.endsWith('.part'))).toEqual([]);
  expect(readFileSync(join(out, 'video.mp4'), 'utf8')).toBe(earlier);
}

const generate = (script: string, out: string, size = '320x180') =>
  runCli(['generate', script, '--out', out, '--size', size, '--policy', 'longlive'], {
    commands: [generateCommand],
  });

describe.skipIf(skip !== undefined)('iamflow generate on a faulty disk', () => {
  it('full disk (ENOSPC): says the disk is full, keeps the earlier video, leaves no part file', async () => {
    const mount = mountTmpfs('192k');
    if ('skip' in mount) throw new Error(mount.skip);
    const out = outWithEarlierRun(mount.dir);
    const script = scriptIn(mkdtempSync(join(tmpdir(), 'iamflow-enospc-')), 8);
    const result = await generate(script, out);
    expectCleanFailure(
      result,
      out,
      /^error: no space left on the disk.*\(ENOSPC\)\n {2}hint: free some space/,
    );
  }, 120_000);

  it('read-only output folder: refused before any work, earlier video kept', async () => {
    const mount = mountTmpfs('4m');
    if ('skip' in mount) throw new Error(mount.skip);
    const out = outWithEarlierRun(mount.dir);
    execFileSync('mount', ['-o', 'remount,ro', mount.dir]);
    const script = scriptIn(mkdtempSync(join(tmpdir(), 'iamflow-ro-')), 1);
    const result = await generate(script, out);
    expectCleanFailure(result, out, /^error: --out: .*out: is not writable\n/);
  }, 120_000);
});

describe('iamflow generate when its output goes away', () => {
  it('output folder deleted mid-run: a clear error and a non-zero exit, or a complete folder made anew', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'iamflow-deleted-'));
    const out = join(parent, 'out');
    mkdirSync(out);
    const script = scriptIn(parent, 4);
    // Delete the folder once the run has written its first checkpoint (or, without checkpoints, started the video).
    let deleted = false;
    const deleter = setInterval(() => {
      if (
        !existsSync(join(out, '.checkpoint', 'checkpoint.json')) &&
        !existsSync(join(out, 'video.mp4.part'))
      )
        return;
      clearInterval(deleter);
      rmSync(out, { recursive: true, force: true });
      deleted = true;
    }, 5);
    const result = await generate(script, out);
    clearInterval(deleter);
    expect(deleted).toBe(true);
    if (result.code === 0) {
      // The run made its folders again as it wrote: then the folder must hold a whole run, nothing half-written.
      const names = readdirSync(out);
      for (const name of ['video.mp4', 'run.json', 'render.jsonl']) expect(names).toContain(name);
      expect(names.filter((name) => name.endsWith('.part') || name === '.checkpoint')).toEqual([]);
      expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).chunks.length).toBeGreaterThan(0);
    } else {
      expectCleanFailure(
        result,
        undefined,
        /^error: .*\/out(\/\S+)? no longer exists \(ENOENT\)\n {2}hint: was the output folder deleted/,
      );
    }
  }, 120_000);

  it('ffmpeg killed mid-encode: a clear error, earlier video kept, no part file', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'iamflow-ffmpeg-kill-'));
    const out = outWithEarlierRun(parent);
    const script = scriptIn(parent, 6);
    // Kill the run's ffmpeg (its command line names the output folder) once it is running.
    const killer = setInterval(() => {
      const found = spawnSync('pgrep', ['-f', `ffmpeg.*${out}`], { encoding: 'utf8' }).stdout.trim();
      if (found === '') return;
      clearInterval(killer);
      for (const pid of found.split('\n')) spawnSync('kill', ['-9', pid]);
    }, 20);
    const result = await generate(script, out);
    clearInterval(killer);
    expectCleanFailure(
      result,
      out,
      /^error: .*\/out\/\S+\.mp4: ffmpeg was stopped by SIGKILL while encoding\n/,
    );
  }, 120_000);
});
