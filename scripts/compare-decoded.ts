import { join } from 'node:path';
import { evaluateRunDir } from '../src/bench/eval/evaluate-run-dir.js';
import { identityMetricNames } from '../src/bench/eval/oracle-agreement.js';
import { spearman } from '../src/bench/eval/rank-correlation.js';
import { openBenchStore } from '../src/bench/store/open-bench-store.js';

/**
 * What MP4 compression does to the pixel metrics: the values a bench stored (frames before compression) against
 * the same runs evaluated again from their decoded video.mp4. For development only.
 *
 *   npx tsx scripts/compare-decoded.ts RESULTS_DIR
 */
const dir = process.argv[2]!;
const store = await openBenchStore(join(dir, 'results.sqlite'), dir);
const runs = await store.listRuns({ status: 'done' });
await store.close();
const raw = new Map<string, number[]>(identityMetricNames.map((name) => [name, []]));
const decoded = new Map<string, number[]>(identityMetricNames.map((name) => [name, []]));
for (const run of runs) {
  if (run.runDir === undefined) continue;
  const report = await evaluateRunDir(join(dir, run.runDir), { width: run.width });
  for (const name of identityMetricNames) {
    const a = run.metrics?.[name];
    const b = report.metrics[name as keyof typeof report.metrics];
    if (a === undefined || b === undefined) continue;
    raw.get(name)!.push(a);
    decoded.get(name)!.push(b);
  }
}
for (const name of identityMetricNames) {
  const a = raw.get(name)!;
  const b = decoded.get(name)!;
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  console.log(
    name.padEnd(22),
    `raw ${mean(a).toFixed(1)} decoded ${mean(b).toFixed(1)} rho(raw, decoded) ${spearman(a, b)?.toFixed(2)} (${a.length})`,
  );
}
