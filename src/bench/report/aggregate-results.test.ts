import { describe, expect, it } from 'vitest';
import type { StoredRun } from '../store/results-store.js';
import { aggregateResults } from './aggregate-results.js';

const run = (id: number, policy: string): StoredRun => ({
  id,
  scriptId: 'reappearance-001',
  policy,
  seed: 1,
  width: 240,
  height: 136,
  steps: 4,
  dimension: 'reappearance',
  status: 'done',
  wallSeconds: 1,
  scores: { total: 50, quality: 50, temporal: 50, instruction: 50 },
  createdAt: '2026-01-01T00:00:00Z',
});

describe('aggregateResults', () => {
  it('lists each policy variant right after its policy, in the registry order, unknown labels last', () => {
    const labels = ['iamflow/sparse', 'zeta', 'iamflow', 'longlive', 'iamflow/bank-recover', 'memflow'];
    const summary = aggregateResults(labels.map((label, index) => run(index, label)));
    expect(summary.policies).toEqual([
      'longlive',
      'memflow',
      'iamflow',
      'iamflow/bank-recover',
      'iamflow/sparse',
      'zeta',
    ]);
    expect(summary.byPolicy.map((row) => row.policy)).toEqual(summary.policies);
  });
});
