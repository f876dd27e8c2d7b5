import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTinySuite } from './__fixtures__/tiny-suite.js';

const bin = resolve('bin/iamflow.js');
const built = existsSync(resolve('dist/cli/main.js'));
const dir = mkdtempSync(join(tmpdir(), 'iamflow-bench-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const suite = writeTinySuite(dir, 4, 4);
const out = join(dir, 'out');
const policies = ['longlive', 'memflow'];
const planned = 4 * policies.length;
const args = [
  bin,
  'bench',
  '--suite',
  suite,
  '--out',
  out,
  '--size',
  '64x64',
  '--policies',
  policies.join(','),
  '--workers',
  '1',
  '--quiet',
  '--json',
];

interface Row {
  id: number;
  key: string;
  status: string;
  runDir: string | null;
  created: string;
}

/** The store's rows; none when it does not exist yet. */
function readRows(): Row[] {
  const path = join(out, 'results.sqlite');
  if (!existsSync(path)) return [];
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    return db
      .prepare(
        `SELECT id, script_id || '/' || policy || '/' || seed || '/' || width || 'x' || height AS key, status, run_dir AS runDir, created FROM runs`,
      )
      .all() as Row[];
  } catch {
    return []; // the schema is not written yet
  } finally {
    db.close();
  }
}

/** Exactly one row per key, and every counted row's run folder complete (no `.part` file). */
function expectConsistent(rows: Row[]): void {
  const keys = rows.map((row) => row.key);
  expect(new Set(keys).size, `duplicate rows: ${keys.join(', ')}`).toBe(keys.length);
  for (const row of rows) {
    expect(row.status).toBe('done');
    const folder = join(out, row.runDir!);
    const files = readdirSync(folder);
    expect(files).toEqual(expect.arrayContaining(['run.json', 'video.mp4', 'render.jsonl']));
    expect(files.filter((name) => name.endsWith('.part'))).toEqual([]);
  }
}

/** Run folders (`runs/<script>/<policy-seed-size>`) under the results folder, relative to it. */
function runFolders(): string[] {
  const runs = join(out, 'runs');
  if (!existsSync(runs)) return [];
  return readdirSync(runs).flatMap((script) =>
    readdirSync(join(runs, script)).map((run) => `runs/${script}/${run}`),
  );
}

function start(): ChildProcess {
  return spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts the bench and `kill -9`s it once `when` holds (polled every 20 ms); resolves with the rows then. */
async function killWhen(when: (rows: Row[]) => boolean): Promise<Row[]> {
  const child = start();
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  for (;;) {
    const rows = readRows();
    if (when(rows)) {
      child.kill('SIGKILL');
      expect(await exited).toBe(null);
      return readRows();
    }
    const code = await Promise.race([exited, new Promise((done) => setTimeout(() => done('running'), 20))]);
    if (code !== 'running')
      throw new Error(`the bench ended (exit ${String(code)}) before the kill point: ${stderr}`);
  }
}

async function finish(): Promise<{ code: number | null; summary: { skipped: number; done: number } }> {
  const child = start();
  let stdout = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  const code = await new Promise<number | null>((done) => child.on('exit', (value) => done(value)));
  return { code, summary: JSON.parse(stdout) as { skipped: number; done: number } };
}

describe.skipIf(!built)(
  'bench crash safety (kill -9 of the whole bench process; needs npm run build)',
  () => {
    it('resumes after each kill with exactly one result row per run, none lost, no half-written folder counted', async () => {
      const points: Array<[string, (rows: Row[]) => boolean]> = [
        ['a run folder started, no row yet', (rows) => rows.length === 0 && runFolders().length > 0],
        ['1 row stored', (rows) => rows.length >= 1],
        ['3 rows stored', (rows) => rows.length >= 3],
        ['5 rows stored', (rows) => rows.length >= 5],
      ];
      let before: Row[] = [];
      const seen: string[] = [];
      for (const [name, when] of points) {
        const after = await killWhen(when);
        const orphans = runFolders().filter((folder) => !after.some((row) => row.runDir === folder));
        seen.push(
          `${name}: killed at ${after.length} rows, ${orphans.length} half-written folder(s), not counted`,
        );
        expectConsistent(after);
        // Nothing stored before the kill was lost or rewritten.
        for (const row of before) expect(after).toContainEqual(row);
        before = after;
      }
      expect(before.length).toBeLessThan(planned);
      const { code, summary } = await finish();
      expect(code).toBe(0);
      const rows = readRows();
      expectConsistent(rows);
      expect(rows).toHaveLength(planned);
      for (const row of before) expect(rows).toContainEqual(row);
      expect(summary.skipped).toBe(before.length);
      expect(summary.done).toBe(planned - before.length);
      // Every folder a killed run left half-written was finished by the rerun of its job: none is left over.
      expect(runFolders().sort()).toEqual(rows.map((row) => row.runDir).sort());
      console.info(`bench crash safety:\n  ${seen.join('\n  ')}`);
    }, 300_000);
  },
);
