import { describe, expect, it } from 'vitest';
import type { EvaluationReport } from '../evaluation-report.js';
import type { FeatureMetrics } from './feature-metrics.js';
import { mergeFeatureMetrics } from './with-feature-set.js';

const embedded: EvaluationReport = {
  total: 0,
  dimensions: { quality: 80, temporal: 70, instruction: 60 },
  metrics: {
    subjectConsistency: 90,
    temporalFlickering: 70,
    adjacentConsistency: 90,
    duplication: 50,
    entityGrounding: 40,
    judgeScore: 80,
  },
  judge: 'pixel',
  proxies: { subjectConsistency: 'Lab colour', entityGrounding: 'named colours' },
  warnings: ['identitySwaps: nothing to measure in this video', 'adjacentConsistency: nothing to measure'],
};

const human: FeatureMetrics = {
  name: 'human',
  metrics: { subjectConsistency: 50, adjacentConsistency: 30, duplication: undefined },
  proxies: { subjectConsistency: 'backbone', adjacentConsistency: 'faceres' },
  warnings: ['a note'],
  details: {
    library: 'human',
    models: ['faceres'],
    framesAnalysed: 3,
    loadMs: 1,
    msPerFrame: 2,
    cpuMsPerFrame: 2,
    meanFacesPerFrame: 1,
  },
};

describe('mergeFeatureMetrics', () => {
  it('puts the feature metrics in place, drops what only the embedded detector reads, and recomputes', () => {
    const merged = mergeFeatureMetrics(embedded, human);
    expect(merged.metrics).toEqual({
      subjectConsistency: 50,
      temporalFlickering: 70,
      adjacentConsistency: 30,
    });
    expect(merged.proxies).toEqual({ subjectConsistency: 'backbone', adjacentConsistency: 'faceres' });
    expect(merged.dimensions).toEqual({ quality: 60, temporal: 30, instruction: 0 });
    expect(merged.total).toBe(45);
    expect(merged.features).toMatchObject({ name: 'human', framesAnalysed: 3 });
    expect(merged.warnings.join('\n')).toMatch(/entityGrounding: left out[\s\S]*judgeScore: left out/);
    expect(merged.warnings.join('\n')).toMatch(
      /duplication: nothing to measure[\s\S]*instruction: no metric left/,
    );
    // The embedded note on a metric the human features recomputed is gone; the others stay.
    expect(merged.warnings).toContain('identitySwaps: nothing to measure in this video');
    expect(merged.warnings).not.toContain('adjacentConsistency: nothing to measure');
  });

  it('keeps an external judge’s score', () => {
    const merged = mergeFeatureMetrics({ ...embedded, judge: 'openai' }, human);
    expect(merged.metrics.judgeScore).toBe(80);
    expect(merged.dimensions.instruction).toBe(80);
  });
});
