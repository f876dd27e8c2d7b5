import { describe, expect, it } from 'vitest';
import { type AgreementRun, measureOracleAgreement } from './oracle-agreement.js';

/** A run whose pixel and oracle grounding are given; the other identity metrics are left out. */
function run(
  policy: string,
  dimension: string,
  pixel: number,
  oracle: number,
  oracleFigures?: AgreementRun['oracleFigures'],
): AgreementRun {
  return {
    scriptId: `${dimension}-${pixel}`,
    dimension,
    policy,
    pixel: { entityGrounding: pixel, subjectConsistency: 50 },
    oracle: { entityGrounding: oracle },
    ...(oracleFigures ? { oracleFigures } : {}),
  };
}

describe('measureOracleAgreement', () => {
  const runs = [
    // Policy a: pixel follows the oracle; policy b: pixel runs against it.
    run('a', 'reappearance', 10, 20, { figures: 10, unmapped: 0, unsure: 0 }),
    run('a', 'reappearance', 20, 30, { figures: 10, unmapped: 0, unsure: 0 }),
    run('a', 'newcomer', 30, 40, { figures: 10, unmapped: 0, unsure: 0 }),
    run('b', 'reappearance', 40, 90, { figures: 10, unmapped: 2, unsure: 1 }),
    run('b', 'newcomer', 50, 80, { figures: 10, unmapped: 0, unsure: 0 }),
    run('b', 'newcomer', 60, 70),
  ];
  const report = measureOracleAgreement(runs);

  it('gives rho pooled, per dimension and per policy over the runs that have both values', () => {
    expect(report.runs).toBe(6);
    expect(report.pooled.entityGrounding.runs).toBe(6);
    // Ranks 1..6 against 1,2,3,6,5,4: d^2 = 0+0+0+4+0+4 = 8, rho = 1 - 6*8/(6*35).
    expect(report.pooled.entityGrounding.rho).toBeCloseTo(1 - 48 / 210, 10);
    expect(report.byPolicy.a!.entityGrounding).toEqual({ rho: 1, runs: 3 });
    expect(report.byPolicy.b!.entityGrounding).toEqual({ rho: -1, runs: 3 });
    expect(report.byDimension.reappearance!.entityGrounding).toEqual({ rho: 1, runs: 3 });
    expect(report.byDimension.newcomer!.entityGrounding).toEqual({ rho: 0.5, runs: 3 });
    // Metrics without values on both sides have no rho.
    expect(report.pooled.duplication).toEqual({ rho: undefined, runs: 0 });
  });

  it('orders the policies by their means on each side and counts the pairs', () => {
    const order = report.policyOrder.entityGrounding;
    expect(order.means).toEqual([
      { policy: 'a', pixel: 20, oracle: 30, runs: 3 },
      { policy: 'b', pixel: 50, oracle: 80, runs: 3 },
    ]);
    expect(order.pixelOrder).toEqual(['b', 'a']);
    expect(order.oracleOrder).toEqual(['b', 'a']);
    expect(order.sameOrder).toBe(true);
    expect(order.pairs).toEqual({ concordant: 1, discordant: 0, tied: 0 });
    const reversed = measureOracleAgreement([run('a', 'd', 10, 90), run('b', 'd', 90, 10)]);
    expect(reversed.policyOrder.entityGrounding.sameOrder).toBe(false);
    expect(reversed.policyOrder.entityGrounding.pairs).toEqual({ concordant: 0, discordant: 1, tied: 0 });
  });

  it('counts where the oracle is unsure and repeats the pooled rho on fully mapped runs', () => {
    expect(report.unsure).toMatchObject({
      runsChecked: 5,
      figures: 50,
      unmapped: 2,
      runsWithUnmapped: 1,
      unsurePairs: 1,
    });
    // Left: 10/20, 20/30, 30/40, 50/80: the same order on both sides.
    expect(report.unsure.pooledAllMapped.entityGrounding).toEqual({ rho: 1, runs: 4 });
  });

  it('ignores runs without any identity metric on both sides', () => {
    const bare: AgreementRun = {
      scriptId: 'x',
      dimension: 'd',
      policy: 'a',
      pixel: { duplication: 5 },
      oracle: {},
    };
    expect(measureOracleAgreement([bare]).runs).toBe(0);
  });
});
