import { describe, expect, it } from 'vitest';
import type { StoredRun } from '../store/results-store.js';
import { aggregateResults } from './aggregate-results.js';
import { renderMarkdown } from './render-markdown.js';

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

  it('puts an Ablations section of each variant against its policy into results.md, none without variants', () => {
    const scored = (id: number, scriptId: string, policy: string, total: number): StoredRun => ({
      ...run(id, policy),
      scriptId,
      scores: { total, quality: total, temporal: total, instruction: total },
    });
    const runs = [
      scored(1, 'a', 'iamflow', 60),
      scored(2, 'b', 'iamflow', 50),
      scored(3, 'a', 'iamflow/recache', 61),
      scored(4, 'b', 'iamflow/recache', 53),
    ];
    const markdown = renderMarkdown(aggregateResults(runs));
    expect(markdown).toContain('## Ablations\n');
    expect(markdown).toContain('### iamflow/recache − iamflow, 2 scripts paired');
    // differences 1 and 3: mean 2, SE 1; no identity metric in these runs, so no row of one
    expect(markdown).toContain('| Total | 57.00 | 55.00 | +2.00 ± 1.00 | 2 |');
    expect(markdown).not.toMatch(/\| (Oracle: )?[Ee]ntity grounding \|/);
    expect(renderMarkdown(aggregateResults(runs.slice(0, 2)))).not.toContain('Ablations');
  });
});
