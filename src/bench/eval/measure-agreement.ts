import { evaluateRunDir } from './evaluate-run-dir.js';
import type { EvaluationReport } from './evaluation-report.js';
import { oracleAgreement } from './rank-correlation.js';

/**
 * Evaluates run folders of the miniature engine and returns, per identity metric, Spearman's rho between the
 * pixel metric and the render-record oracle across the runs (how docs/evaluation.md's agreement table is made).
 *
 * @example
 * npx tsx -e "import('./src/bench/eval/measure-agreement.js').then(async (m) => console.log(JSON.stringify(await m.measureAgreement(process.argv.slice(1)))))" out/a out/b out/c
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
