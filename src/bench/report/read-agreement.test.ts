import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IamflowError } from '../../errors/index.js';
import { openResultsStore } from '../store/results-store.js';
import { writeAgreementStore } from './__fixtures__/write-agreement-store.js';
import { readAgreement } from './read-agreement.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-agreement-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function issueOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(IamflowError.isInstance(error)).toBe(true);
  return (error as IamflowError).issues[0];
}

describe('readAgreement', () => {
  it('pairs the stored pixel and oracle metrics of the finished runs', async () => {
    const dir = tempDir();
    writeAgreementStore(dir);
    const report = await readAgreement(dir);
    expect(report.runs).toBe(24);
    expect(report.pooled.duplication).toEqual({ rho: 1, runs: 24 });
    expect(report.pooled.entityGrounding).toEqual({ rho: -1, runs: 24 });
    expect(report.pooled.identitySwaps).toEqual({ rho: undefined, runs: 0 });
    expect(Object.keys(report.byDimension).sort()).toEqual(['newcomer', 'reappearance']);
    expect(report.byPolicy.iamflow!.duplication).toEqual({ rho: 1, runs: 6 });
    expect(report.policyOrder.duplication).toMatchObject({
      pixelOrder: ['iamflow', 'memflow', 'longlive', 'self-forcing'],
      sameOrder: true,
    });
    expect(report.policyOrder.entityGrounding).toMatchObject({
      oracleOrder: ['self-forcing', 'longlive', 'memflow', 'iamflow'],
      sameOrder: false,
      pairs: { concordant: 0, discordant: 6, tied: 0 },
    });
  });

  it('reads the oracle of a kept run folder again, with the figures it could not map', async () => {
    const dir = tempDir();
    writeAgreementStore(dir, { keepFolder: true });
    const report = await readAgreement(dir);
    // 5 samples per segment of 1+1 (segment 0 with the stranger), 1, 2 and 1 figures; "a stranger" could be
    // no one, so no character's grounding is left out.
    expect(report.unsure).toMatchObject({
      runsChecked: 1,
      figures: 30,
      unmapped: 5,
      runsWithUnmapped: 1,
      unsurePairs: 0,
    });
    // Its duplication now comes from the render record: 5 of 20 samples at 50, not the stored 18.
    expect(report.pooled.duplication.rho).toBeLessThan(1);
  });

  it('says what is missing: no folder, no store, no finished run, no oracle', async () => {
    const dir = tempDir();
    expect(await issueOf(readAgreement(join(dir, 'nope')))).toMatchObject({ code: 'not-a-folder' });
    expect(await issueOf(readAgreement(dir))).toMatchObject({ code: 'no-results' });
    const store = openResultsStore(join(dir, 'results.sqlite'));
    store.close();
    expect(await issueOf(readAgreement(dir))).toMatchObject({ code: 'no-runs' });
    const other = tempDir();
    const withoutOracle = openResultsStore(join(other, 'results.sqlite'));
    withoutOracle.recordRun({
      scriptId: 'smoke-001',
      policy: 'iamflow',
      seed: 1,
      width: 128,
      height: 96,
      steps: 4,
      dimension: 'smoke',
      status: 'done',
      wallSeconds: 1,
      metrics: { duplication: 90 },
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    withoutOracle.close();
    expect(await issueOf(readAgreement(other))).toMatchObject({ code: 'no-oracle' });
  });
});
