import { pathToFileURL } from 'node:url';
import { evaluateRunDir } from '../src/bench/eval/evaluate-run-dir.js';
import type { EvaluationReport } from '../src/bench/eval/evaluation-report.js';
import { oracleAgreement } from '../src/bench/eval/rank-correlation.js';

/**
 * Evaluates run folders of the miniature engine and returns, per identity metric, Spearman's rho between the
 * pixel metric and the render-record oracle across the runs (how docs/evaluation.md's agreement table is made).
 *
 * @example
 * npx tsx scripts/measure-agreement.ts out/a out/b out/c   # prints the agreement table as JSON
 */
export async function measureAgreement(dirs: readonly string[]): Promise<{
  agreement: ReturnType<typeof oracleAgreement>;
  runs: Array<{
    dir: string;
    metrics: EvaluationReport['metrics'];
    oracle: NonNullable<EvaluationReport['oracle']>['metrics'] | undefined;
  }>;
}> {
  const reports: EvaluationReport[] = [];
  for (const dir of dirs) reports.push(await evaluateRunDir(dir));
  return {
    agreement: oracleAgreement(reports),
    runs: reports.map((report, index) => ({
      dir: dirs[index]!,
      metrics: report.metrics,
      oracle: report.oracle?.metrics,
    })),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify((await measureAgreement(process.argv.slice(2))).agreement));
}
