import { openResultsStore } from '../../store/results-store.js';
import type { RunRecord } from '../../store/run-record.js';

const dimensions = ['reappearance', 'reference-shift', 'multi-character', 'scene-change', 'attribute-change', 'newcomer'];
const policies = ['self-forcing', 'longlive', 'memflow', 'iamflow'];

/** Writes a store of made-up but plausible runs: 6 dimensions x 2 scripts x 4 policies, one failure. */
export function writeFixtureStore(path: string): void {
  const store = openResultsStore(path);
  for (const [d, dimension] of dimensions.entries()) {
    for (const n of [1, 2]) {
      for (const [p, policy] of policies.entries()) {
        const scriptId = `${dimension}-00${n}`;
        const base = 55 + p * 4 + d;
        const record: RunRecord = {
          scriptId,
          policy,
          seed: 1,
          width: 240,
          height: 136,
          steps: 4,
          dimension,
          status: 'done',
          wallSeconds: 4 + p,
          generateSeconds: 1 + p * 0.3,
          videoSeconds: 60,
          realtimeFactor: 60 / (1 + p * 0.3),
          scores: { total: base, quality: 90 - p, temporal: base - 5 + n, instruction: base - 20 + 3 * p },
          metrics: { subjectConsistency: 85 + p, entityGrounding: 20 + 5 * p, judgeScore: 45 + p, 'oracle.identity': 70 + p },
          identity: [0, 1, 2, 3, 4, 5].flatMap((segment) => [
            { segment, character: 'nadia', present: segment !== 3, consistency: segment === 3 ? null : 60 + 5 * p - segment },
            { segment, character: 'olga', present: segment === 3, consistency: segment === 3 ? 50 + 8 * p : null },
          ]),
          createdAt: '2025-01-01T00:00:00.000Z',
        };
        if (dimension === 'newcomer' && n === 2 && policy === 'longlive') {
          const { scores: _s, metrics: _m, identity: _i, ...failed } = record;
          store.recordRun({ ...failed, status: 'failed', error: 'engine ran out of memory' });
        } else store.recordRun(record);
      }
    }
  }
  store.close();
}
