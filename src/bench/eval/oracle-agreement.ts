import { spearman } from './rank-correlation.js';
import { mean, round } from './score.js';

/** The identity metrics that have both a pixel and a render-record (oracle) value. */
export const identityMetricNames = [
  'adjacentConsistency',
  'longRangeConsistency',
  'duplication',
  'identitySwaps',
  'entityGrounding',
] as const;

/** One identity metric's name. */
export type IdentityMetricName = (typeof identityMetricNames)[number];

/** One evaluated run of the miniature engine: its pixel metrics beside its oracle metrics. */
export interface AgreementRun {
  /** Suite script id, e.g. `reappearance-001`. */
  scriptId: string;
  /** Suite dimension of the script (`reappearance`, ...). */
  dimension: string;
  /** Memory policy name. */
  policy: string;
  /** Pixel metrics, 0..100 (any names; the identity ones are read). */
  pixel: Partial<Record<string, number>>;
  /** Oracle metrics, 0..100, under the same names. */
  oracle: Partial<Record<string, number>>;
  /**
   * Where the oracle is unsure: drawn figures at the sampled frames, and how many of them it could not map to a
   * character (a mention naming none or several, or a second figure for one character), and the (frame,
   * character) pairs left out of grounding because such a figure could be theirs. Absent when unknown.
   */
  oracleFigures?: { figures: number; unmapped: number; unsure: number };
}

/** Spearman's rho between pixel and oracle over the runs that have both values. */
export interface RankAgreement {
  /** Undefined with fewer than 3 runs or when one side is constant. */
  rho: number | undefined;
  /** Runs that had both values. */
  runs: number;
}

/** Does the pixel metric rank the policies as the oracle does (means over the same runs)? */
export interface PolicyOrder {
  /** Per policy: mean pixel and oracle value over its runs that have both, rounded to 0.01. */
  means: Array<{ policy: string; pixel: number; oracle: number; runs: number }>;
  /** Policies by mean pixel value, best first (ties by name). */
  pixelOrder: string[];
  /** Policies by mean oracle value, best first (ties by name). */
  oracleOrder: string[];
  /** Whether both orders are the same. */
  sameOrder: boolean;
  /** Pairs of policies the two order the same way, the other way, or where either side ties. */
  pairs: { concordant: number; discordant: number; tied: number };
}

/** Everything `iamflow eval agreement` reports. */
export interface AgreementReport {
  /** Runs read (with at least one identity metric on both sides). */
  runs: number;
  /** Per metric, over all runs. */
  pooled: Record<IdentityMetricName, RankAgreement>;
  /** Per suite dimension, per metric. */
  byDimension: Record<string, Record<IdentityMetricName, RankAgreement>>;
  /** Per policy (across the scripts), per metric. */
  byPolicy: Record<string, Record<IdentityMetricName, RankAgreement>>;
  /** Per metric, the policies' means in pixel and oracle order. */
  policyOrder: Record<IdentityMetricName, PolicyOrder>;
  /**
   * Where the oracle is unsure. Unmapped figures are left out of the oracle's consistency, swaps and grounding
   * and count as figures for duplication; a character on screen with no mapped figure scores 0 grounding there,
   * unless an unmapped figure's mention could be theirs (then that frame is left out of their grounding).
   * `pooledAllMapped` repeats the pooled table on the runs where the oracle mapped every figure.
   */
  unsure: {
    /** Runs whose render record was read (their folder was kept). */
    runsChecked: number;
    /** Drawn figures at the sampled frames of those runs. */
    figures: number;
    /** Of them, figures the oracle mapped to no character. */
    unmapped: number;
    /** Runs with at least one unmapped figure. */
    runsWithUnmapped: number;
    /** (Sampled frame, character) pairs the oracle left out of grounding as unsure. */
    unsurePairs: number;
    /** The pooled agreement on the runs checked that have no unmapped figure. */
    pooledAllMapped: Record<IdentityMetricName, RankAgreement>;
  };
}

/**
 * Agreement of the pixel identity metrics with the render-record oracle over a batch of runs: Spearman's rho
 * pooled, per suite dimension and per policy, and whether the per-policy means rank the policies in the oracle's
 * order.
 *
 * @example
 * const report = measureOracleAgreement(runs);
 * report.pooled.duplication.rho // e.g. 0.4
 */
export function measureOracleAgreement(runs: readonly AgreementRun[]): AgreementReport {
  const read = runs.filter((run) =>
    identityMetricNames.some((name) => run.pixel[name] !== undefined && run.oracle[name] !== undefined),
  );
  const checked = read.filter((run) => run.oracleFigures !== undefined);
  const policyOrder = {} as Record<IdentityMetricName, PolicyOrder>;
  for (const name of identityMetricNames) policyOrder[name] = orderPolicies(read, name);
  return {
    runs: read.length,
    pooled: agreementTable(read),
    byDimension: groupTables(read, (run) => run.dimension),
    byPolicy: groupTables(read, (run) => run.policy),
    policyOrder,
    unsure: {
      runsChecked: checked.length,
      figures: checked.reduce((sum, run) => sum + run.oracleFigures!.figures, 0),
      unmapped: checked.reduce((sum, run) => sum + run.oracleFigures!.unmapped, 0),
      runsWithUnmapped: checked.filter((run) => run.oracleFigures!.unmapped > 0).length,
      unsurePairs: checked.reduce((sum, run) => sum + run.oracleFigures!.unsure, 0),
      pooledAllMapped: agreementTable(checked.filter((run) => run.oracleFigures!.unmapped === 0)),
    },
  };
}

function pairsOf(runs: readonly AgreementRun[], name: IdentityMetricName): Array<[number, number]> {
  return runs.flatMap((run) => {
    const pixel = run.pixel[name];
    const oracle = run.oracle[name];
    return pixel === undefined || oracle === undefined ? [] : [[pixel, oracle] as [number, number]];
  });
}

function agreementTable(runs: readonly AgreementRun[]): Record<IdentityMetricName, RankAgreement> {
  const table = {} as Record<IdentityMetricName, RankAgreement>;
  for (const name of identityMetricNames) {
    const pairs = pairsOf(runs, name);
    table[name] = {
      rho: spearman(
        pairs.map((pair) => pair[0]),
        pairs.map((pair) => pair[1]),
      ),
      runs: pairs.length,
    };
  }
  return table;
}

function groupTables(
  runs: readonly AgreementRun[],
  keyOf: (run: AgreementRun) => string,
): Record<string, Record<IdentityMetricName, RankAgreement>> {
  const groups = new Map<string, AgreementRun[]>();
  for (const run of runs) groups.set(keyOf(run), [...(groups.get(keyOf(run)) ?? []), run]);
  return Object.fromEntries([...groups].map(([key, group]) => [key, agreementTable(group)]));
}

function orderPolicies(runs: readonly AgreementRun[], name: IdentityMetricName): PolicyOrder {
  const policies = [...new Set(runs.map((run) => run.policy))].sort();
  const means = policies.flatMap((policy) => {
    const pairs = pairsOf(
      runs.filter((run) => run.policy === policy),
      name,
    );
    if (pairs.length === 0) return [];
    return [
      {
        policy,
        pixel: round(mean(pairs.map((pair) => pair[0]))!),
        oracle: round(mean(pairs.map((pair) => pair[1]))!),
        runs: pairs.length,
      },
    ];
  });
  const order = (side: 'pixel' | 'oracle') =>
    [...means].sort((a, b) => b[side] - a[side] || a.policy.localeCompare(b.policy)).map((m) => m.policy);
  const pixelOrder = order('pixel');
  const oracleOrder = order('oracle');
  const pairs = { concordant: 0, discordant: 0, tied: 0 };
  for (const [i, a] of means.entries()) {
    for (const b of means.slice(i + 1)) {
      const sign = Math.sign(a.pixel - b.pixel) * Math.sign(a.oracle - b.oracle);
      if (sign > 0) pairs.concordant++;
      else if (sign < 0) pairs.discordant++;
      else pairs.tied++;
    }
  }
  return {
    means,
    pixelOrder,
    oracleOrder,
    sameOrder: pixelOrder.join() === oracleOrder.join(),
    pairs,
  };
}
