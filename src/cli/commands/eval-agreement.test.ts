import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { measureOracleAgreement } from '../../bench/eval/oracle-agreement.js';
import { writeAgreementStore } from '../../bench/report/__fixtures__/write-agreement-store.js';
import { captureStream } from '../__fixtures__/cli-harness.js';
import { main } from '../main.js';
import { evalCommand } from './eval.js';
import { formatAgreement } from './eval-agreement.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], cwd: string) {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await main(argv, { stdout, stderr, cwd, commands: [evalCommand] });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function storeDir(keepFolder = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-eval-agreement-'));
  dirs.push(dir);
  writeAgreementStore(dir, { keepFolder });
  return dir;
}

describe('iamflow eval agreement', () => {
  it('prints rho pooled, per dimension and per policy, the policy orders and the unmapped figures', async () => {
    const result = await run(['eval', 'agreement', '.'], storeDir());
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Spearman rho, pixel vs oracle (runs in brackets); 24 runs');
    expect(lines[2]).toMatch(/^pooled +- \(0\) +- \(0\) +1\.00 \(24\) +- \(0\) +-1\.00 \(24\)$/);
    expect(result.stdout).toContain('reappearance');
    expect(result.stdout).toMatch(
      /duplication +pixel: +iamflow 43\.0 > memflow 42\.0 > longlive 41\.0 > self-forcing 40\.0/,
    );
    expect(result.stdout).toContain('swaps        no run with both values');
    expect(result.stdout).toContain('different order (pairs: 0 concordant, 6 discordant, 0 tied)');
    expect(result.stdout).toContain('no run folder kept: unmapped figures unknown');
    const kept = await run(['eval', 'agreement', '.'], storeDir(true));
    expect(kept.stdout).toContain(
      '5 of 30 drawn figures at the sampled frames unmapped (16.7 %), in 1 of 1 runs',
    );
    expect(kept.stdout).toContain('0 (frame, character) pairs left out of the oracle’s grounding');
  });

  it('sizes the label column to the longest label, so a long variant label keeps its row aligned', () => {
    const policies = ['iamflow', 'iamflow/artefacts-faithful'];
    const runs = policies.flatMap((policy, p) =>
      [1, 2, 3].map((n) => ({
        scriptId: `reappearance-00${n}`,
        dimension: 'reappearance',
        policy,
        pixel: { duplication: 40 + n + p, entityGrounding: 50 + n },
        oracle: { duplication: 60 + n, entityGrounding: 70 - n + p },
        oracleFigures: { figures: 10, unmapped: 0, unsure: 0 },
      })),
    );
    const lines = formatAgreement(measureOracleAgreement(runs)).split('\n');
    const header = lines[1]!;
    const rows = lines.filter((line) => /^( {2})?(pooled|reappearance|iamflow)/.test(line));
    expect(rows.map((line) => line.trim().split(/ {2,}/)[0])).toEqual([
      'pooled',
      'reappearance',
      'iamflow',
      'iamflow/artefacts-faithful',
      'pooled, all mapped',
    ]);
    // every row ends where the header ends, and each cell ends under its metric's name
    const ends = [...header.matchAll(/\S+/g)].map((match) => match.index + match[0].length);
    for (const line of rows) {
      expect(line.length).toBe(header.length);
      expect([...line.matchAll(/\S+ \(\d+\)/g)].map((match) => match.index + match[0].length)).toEqual(ends);
    }
    expect(header.indexOf('adjacent')).toBeGreaterThan('iamflow/artefacts-faithful'.length);
  });

  it('prints the whole report as JSON', async () => {
    const result = await run(['eval', 'agreement', '.', '--json'], storeDir(true));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.pooled.entityGrounding.runs).toBe(24);
    expect(report.unsure.unmapped).toBe(5);
  });

  it('exits 2 with a clear message for a missing folder or store', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'iamflow-eval-agreement-'));
    dirs.push(empty);
    const missing = await run(['eval', 'agreement', 'nope'], empty);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such folder');
    const noStore = await run(['eval', 'agreement', '.'], empty);
    expect(noStore.code).toBe(2);
    expect(noStore.stderr).toContain('has no results.sqlite');
    expect(noStore.stderr).toContain('iamflow bench --out DIR');
    const noDir = await run(['eval', 'agreement'], empty);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain('needs one results folder');
  });

  it('refuses the agreement flags on a plain evaluation', async () => {
    const result = await run(['eval', 'out/nora', '--reevaluate'], tmpdir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('only applies to `iamflow eval agreement`');
  });
});
