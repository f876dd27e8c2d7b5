import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../store/run-record.js';
import { comparePaired, compareVariants, variantBase } from './paired-differences.js';

/** A done run with a total (and quality = total + 10) and, when given, an oracle long-range consistency. */
function run(scriptId: string, policy: string, total: number, longRange?: number, steps = 4): RunRecord {
  return {
    scriptId,
    policy,
    seed: 1,
    width: 240,
    height: 136,
    steps,
    dimension: 'reappearance',
    status: 'done',
    wallSeconds: 1,
    scores: { total, quality: total + 10, temporal: total, instruction: total },
    metrics: longRange === undefined ? {} : { 'oracle.longRangeConsistency': longRange },
    createdAt: '2026-01-01T00:00:00Z',
  };
}

describe('comparePaired', () => {
  it('takes the mean and standard error of per-script differences over the scripts both ran', () => {
    const runs = [
      run('a', 'iamflow', 60, 70),
      run('b', 'iamflow', 50, 80),
      run('c', 'iamflow', 40),
      run('d', 'iamflow', 30, 10),
      run('a', 'iamflow/recache', 61, 75),
      run('b', 'iamflow/recache', 52, 80),
      run('c', 'iamflow/recache', 43, 50),
      // not run by iamflow: left out
      run('e', 'iamflow/recache', 99, 99),
      // another step count is another script run: left out
      run('d', 'iamflow/recache', 0, 0, 8),
      { ...run('d', 'iamflow/recache', 0, 0), status: 'failed' as const },
    ];
    const { pairs, differences } = comparePaired(runs, 'iamflow/recache', 'iamflow', [
      'total',
      'quality',
      'oracle.longRangeConsistency',
      'temporal-nope',
    ]);
    expect(pairs).toBe(3);
    const [total, quality, longRange, nope] = differences;
    // differences 1, 2, 3: mean 2, sample sd 1, SE 1 / sqrt(3)
    expect(total).toMatchObject({ count: 3, mean: 2, subjectMean: 52, baselineMean: 50, higher: 3 });
    expect(total!.error).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(quality).toMatchObject({ mean: 2, subjectMean: 62 });
    // c has no long-range for iamflow: 2 pairs, differences 5 and 0
    expect(longRange).toMatchObject({ count: 2, mean: 2.5, higher: 1, lower: 0, tied: 1 });
    expect(longRange!.error).toBeCloseTo(2.5, 12);
    expect(nope!.count).toBe(0);
    expect(nope!.mean).toBeNaN();
  });
});

describe('compareVariants', () => {
  it('compares every stored variant with its own policy, in the registry order', () => {
    const runs = [
      run('a', 'memflow', 10),
      run('a', 'iamflow', 60),
      run('b', 'iamflow', 50),
      run('a', 'iamflow/sparse', 50),
      run('b', 'iamflow/sparse', 44),
      run('a', 'iamflow/bank-recover', 61),
      run('a', 'memflow/x', 11),
    ];
    const comparisons = compareVariants(runs, ['total']);
    expect(
      comparisons.map(({ subject, baseline, pairs, differences }) => [
        subject,
        baseline,
        pairs,
        differences[0]!.mean,
      ]),
    ).toEqual([
      ['iamflow/bank-recover', 'iamflow', 1, 1],
      ['iamflow/sparse', 'iamflow', 2, -8],
      ['memflow/x', 'memflow', 1, 1],
    ]);
    expect(variantBase('iamflow')).toBeUndefined();
  });
});
