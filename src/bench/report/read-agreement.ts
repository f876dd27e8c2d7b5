import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors/index.js';
import { evaluateRunDir } from '../eval/evaluate-run-dir.js';
import {
  type AgreementReport,
  type AgreementRun,
  identityMetricNames,
  measureOracleAgreement,
} from '../eval/oracle-agreement.js';
import { readRunOracle } from '../eval/read-run-oracle.js';
import { openBenchStore } from '../store/open-bench-store.js';
import { resultsFileName } from '../store/results-store.js';
import type { StoredRun } from '../store/run-row.js';

/** Options of {@link readAgreement}. */
export interface ReadAgreementOptions {
  /** Read the runs from this store (a `postgres://` URL or a SQLite file) instead of `<dir>/results.sqlite`. */
  store?: string;
  /**
   * Evaluate each kept run folder again with the current evaluator (its video decoded at the run's width) instead
   * of reading the metrics stored when it ran; runs without a kept folder are left out. Default false.
   */
  reevaluate?: boolean;
  /** Called after each run is read (re-evaluation takes seconds per run). */
  onRun?: (done: number, total: number) => void;
}

/**
 * Reads a bench results store and measures how the pixel identity metrics agree with the render-record oracle
 * (see {@link measureOracleAgreement}). The oracle of a kept run folder is computed again from its render.jsonl
 * (cheap, and it gives the current oracle with its unmapped figures); the stored oracle values serve the others.
 *
 * @example
 * const report = await readAgreement('bench/results/narrastream-324');
 * report.pooled.entityGrounding.rho
 */
export async function readAgreement(
  dir: string,
  options: ReadAgreementOptions = {},
): Promise<AgreementReport> {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError([{ code: 'not-a-folder', path: [dir], message: 'no such folder' }]);
  }
  const path = join(dir, resultsFileName);
  if (options.store === undefined && !existsSync(path)) {
    throw new InputError([
      {
        code: 'no-results',
        path: [dir],
        message: `has no ${resultsFileName}`,
        hint: 'run `iamflow bench --out DIR` first, or pass the folder it wrote',
      },
    ]);
  }
  const store = await openBenchStore(options.store ?? path, dir);
  let stored: StoredRun[];
  try {
    stored = await store.listRuns({ status: 'done' });
  } finally {
    await store.close();
  }
  if (stored.length === 0) {
    throw new InputError([
      {
        code: 'no-runs',
        path: [options.store ?? path],
        message: 'holds no finished run',
        hint: 'run `iamflow bench --out DIR` until some runs are done',
      },
    ]);
  }
  const runs: AgreementRun[] = [];
  for (const [index, run] of stored.entries()) {
    const item = await readRun(dir, run, options.reevaluate === true);
    if (item) runs.push(item);
    options.onRun?.(index + 1, stored.length);
  }
  const report = measureOracleAgreement(runs);
  if (report.runs === 0) {
    throw new InputError([
      {
        code: 'no-oracle',
        path: [options.store ?? path],
        message: `no run has both pixel and oracle values of ${identityMetricNames.join(', ')}`,
        hint: options.reevaluate
          ? 'keep the run folders (no --no-video) so they can be evaluated again'
          : 'the oracle needs annotated scripts run on the miniature engine',
      },
    ]);
  }
  return report;
}

/**
 * A stored run's pixel and oracle metrics as an agreement run (the oracle's are stored prefixed `oracle.`).
 *
 * @example
 * measureOracleAgreement((await store.listRuns({ status: 'done' })).map(storedAgreementRun));
 */
export function storedAgreementRun(run: StoredRun): AgreementRun {
  const item: AgreementRun = {
    scriptId: run.scriptId,
    dimension: run.dimension,
    policy: run.policy,
    pixel: {},
    oracle: {},
  };
  for (const [name, value] of Object.entries(run.metrics ?? {})) {
    if (name.startsWith('oracle.')) item.oracle[name.slice('oracle.'.length)] = value;
    else item.pixel[name] = value;
  }
  return item;
}

async function readRun(dir: string, run: StoredRun, reevaluate: boolean): Promise<AgreementRun | undefined> {
  const runDir = run.runDir === undefined ? undefined : join(dir, run.runDir);
  const kept = runDir !== undefined && existsSync(join(runDir, 'run.json'));
  const oracleReport = kept ? await readRunOracle(runDir) : undefined;
  const item = storedAgreementRun(run);
  if (reevaluate) {
    if (!kept) return undefined;
    const report = await evaluateRunDir(runDir, { width: run.width });
    item.pixel = report.metrics;
    item.oracle = report.oracle?.metrics ?? {};
  }
  if (oracleReport) {
    // The render record does not change; reading it again gives the current oracle's values.
    if (!reevaluate) item.oracle = oracleReport.metrics;
    item.oracleFigures = {
      figures: oracleReport.figures,
      unmapped: oracleReport.unmapped,
      unsure: oracleReport.unsure,
    };
  }
  return item;
}
