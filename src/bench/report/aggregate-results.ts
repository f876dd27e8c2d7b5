import { benchPolicyNames } from '../runner/policy-variants.js';
import type { StoredRun } from '../store/results-store.js';
import { ablationScoreNames, compareVariants, type PairedComparison } from './paired-differences.js';

/** Means of one policy over its done runs. */
export interface PolicySummary {
  policy: string;
  /** Done runs averaged. */
  runs: number;
  /** Failed runs (not averaged). */
  failed: number;
  total: number | null;
  quality: number | null;
  temporal: number | null;
  instruction: number | null;
  /** Mean of each metric over the runs that have it. */
  metrics: Record<string, number>;
  /** Mean realtime factor of generation (video seconds per wall second). */
  realtimeFactor: number | null;
  /** Mean wall seconds per run (generate + write + evaluate). */
  wallSeconds: number | null;
}

/** One script's identity timeline for every policy: character -> policy -> consistency per segment. */
export interface ScriptTimeline {
  scriptId: string;
  dimension: string;
  segments: number;
  characters: {
    character: string;
    /** Segments where the annotations put the character on screen. */
    present: number[];
    byPolicy: Record<string, (number | null)[]>;
  }[];
}

/** Everything the report shows, computed from the store. */
export interface ResultsSummary {
  /** Policies in report order. */
  policies: string[];
  /** Suite dimensions in report order. */
  suiteDimensions: string[];
  byPolicy: PolicySummary[];
  /** Mean total by suite dimension then policy (null when no done run). */
  bySuiteDimension: Record<string, Record<string, { total: number | null; runs: number }>>;
  /** Every metric name seen, sorted (oracle metrics last). */
  metricNames: string[];
  timelines: ScriptTimeline[];
  /** Distinct `seed WxH` configurations in the store. */
  configurations: string[];
  /** The failed runs, for the report's list. */
  failures: { scriptId: string; policy: string; error: string }[];
  /**
   * Each stored policy variant against its policy, paired by script, over {@link ablationScoreNames} of
   * `metricNames` (empty without variants).
   */
  variants: PairedComparison[];
}

const suiteOrder = [
  'reappearance',
  'reference-shift',
  'multi-character',
  'scene-change',
  'attribute-change',
  'newcomer',
];
// The registry's order, each policy's variants right after it (`iamflow`, `iamflow/bank-recover`, ...).
const policyOrder = benchPolicyNames();

function mean(values: readonly (number | null | undefined)[]): number | null {
  const defined = values.filter(
    (value): value is number => typeof value === 'number' && Number.isFinite(value),
  );
  return defined.length === 0 ? null : defined.reduce((sum, value) => sum + value, 0) / defined.length;
}

function ordered(names: Iterable<string>, order: readonly string[]): string[] {
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Aggregates stored runs into the report's tables: means per policy (done runs only), totals by suite dimension,
 * and identity timelines of up to `timelineScripts` scripts that every policy finished.
 */
export function aggregateResults(
  runs: readonly StoredRun[],
  options: { timelineScripts?: number } = {},
): ResultsSummary {
  const done = runs.filter((run) => run.status === 'done');
  const policies = ordered(
    runs.map((run) => run.policy),
    policyOrder,
  );
  const suiteDimensions = ordered(
    runs.map((run) => run.dimension),
    suiteOrder,
  );
  const metricNames = [...new Set(done.flatMap((run) => Object.keys(run.metrics ?? {})))].sort(
    (a, b) => Number(a.startsWith('oracle.')) - Number(b.startsWith('oracle.')) || a.localeCompare(b),
  );
  const byPolicy = policies.map((policy): PolicySummary => {
    const own = done.filter((run) => run.policy === policy);
    const metrics: Record<string, number> = {};
    for (const name of metricNames) {
      const value = mean(own.map((run) => run.metrics?.[name]));
      if (value !== null) metrics[name] = value;
    }
    return {
      policy,
      runs: own.length,
      failed: runs.filter((run) => run.policy === policy && run.status === 'failed').length,
      total: mean(own.map((run) => run.scores?.total)),
      quality: mean(own.map((run) => run.scores?.quality)),
      temporal: mean(own.map((run) => run.scores?.temporal)),
      instruction: mean(own.map((run) => run.scores?.instruction)),
      metrics,
      realtimeFactor: mean(own.map((run) => run.realtimeFactor)),
      wallSeconds: mean(own.map((run) => run.wallSeconds)),
    };
  });
  const bySuiteDimension: ResultsSummary['bySuiteDimension'] = {};
  for (const dimension of suiteDimensions) {
    bySuiteDimension[dimension] = {};
    for (const policy of policies) {
      const own = done.filter((run) => run.dimension === dimension && run.policy === policy);
      bySuiteDimension[dimension][policy] = {
        total: mean(own.map((run) => run.scores?.total)),
        runs: own.length,
      };
    }
  }
  return {
    policies,
    suiteDimensions,
    byPolicy,
    bySuiteDimension,
    metricNames,
    timelines: pickTimelines(done, policies, options.timelineScripts ?? 3),
    configurations: [...new Set(runs.map((run) => `seed ${run.seed}, ${run.width}x${run.height}`))],
    failures: runs
      .filter((run) => run.status === 'failed')
      .map((run) => ({ scriptId: run.scriptId, policy: run.policy, error: run.error ?? '' })),
    variants: compareVariants(done, ablationScoreNames(metricNames)),
  };
}

/** Scripts every policy finished with identity data, preferring reappearance and attribute-change ones. */
function pickTimelines(
  done: readonly StoredRun[],
  policies: readonly string[],
  count: number,
): ScriptTimeline[] {
  const byScript = new Map<string, StoredRun[]>();
  for (const run of done) {
    if (!run.identity || run.identity.length === 0) continue;
    byScript.set(run.scriptId, [...(byScript.get(run.scriptId) ?? []), run]);
  }
  const complete = [...byScript.entries()].filter(([, list]) =>
    policies.every((policy) => list.some((run) => run.policy === policy)),
  );
  const preference = [
    'reappearance',
    'attribute-change',
    'multi-character',
    'reference-shift',
    'newcomer',
    'scene-change',
  ];
  const rank = (list: StoredRun[]) => {
    const index = preference.indexOf(list[0]!.dimension);
    return index === -1 ? preference.length : index;
  };
  complete.sort(([a, listA], [b, listB]) => rank(listA) - rank(listB) || a.localeCompare(b));
  const picked: [string, StoredRun[]][] = [];
  const seenDimensions = new Set<string>();
  for (const entry of complete) {
    if (picked.length >= count) break;
    if (seenDimensions.has(entry[1][0]!.dimension)) continue;
    seenDimensions.add(entry[1][0]!.dimension);
    picked.push(entry);
  }
  for (const entry of complete) if (picked.length < count && !picked.includes(entry)) picked.push(entry);

  return picked.map(([scriptId, list]) => {
    const segments = Math.max(...list.flatMap((run) => run.identity!.map((point) => point.segment))) + 1;
    const characters = [
      ...new Set(list.flatMap((run) => run.identity!.map((point) => point.character))),
    ].sort();
    return {
      scriptId,
      dimension: list[0]!.dimension,
      segments,
      characters: characters
        .map((character) => {
          const points = list[0]!.identity!.filter((point) => point.character === character);
          const byPolicy: Record<string, (number | null)[]> = {};
          for (const policy of policies) {
            const run = list.find((item) => item.policy === policy)!;
            byPolicy[policy] = Array.from(
              { length: segments },
              (_, segment) =>
                run.identity!.find((point) => point.character === character && point.segment === segment)
                  ?.consistency ?? null,
            );
          }
          return {
            character,
            present: points.filter((point) => point.present).map((point) => point.segment),
            byPolicy,
          };
        })
        // A character seen in one prompt only has nothing to be consistent with.
        .filter((entry) =>
          Object.values(entry.byPolicy).some((values) => values.filter((v) => v !== null).length >= 2),
        ),
    };
  });
}
