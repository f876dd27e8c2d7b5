import { join } from 'node:path';
import {
  type AgreementRun,
  identityMetricNames,
  measureOracleAgreement,
} from '../src/bench/eval/oracle-agreement.js';
import { storedAgreementRun } from '../src/bench/report/read-agreement.js';
import { openBenchStore } from '../src/bench/store/open-bench-store.js';

/**
 * Pooled Spearman rho, pixel vs oracle, over the stored runs of several bench folders together (two fixed samples
 * give one estimate with less chance in it). For development only.
 *
 *   npx tsx scripts/agreement-union.ts RESULTS_DIR...
 */
const runs: AgreementRun[] = [];
for (const dir of process.argv.slice(2)) {
  const store = await openBenchStore(join(dir, 'results.sqlite'), dir);
  for (const run of await store.listRuns({ status: 'done' })) runs.push(storedAgreementRun(run));
  await store.close();
}
const report = measureOracleAgreement(runs);
console.log(
  `${report.runs} runs:`,
  identityMetricNames.map((name) => `${name} ${report.pooled[name]?.rho?.toFixed(2) ?? '-'}`).join('  '),
);
