import { resolve } from 'node:path';
import {
  type AgreementReport,
  identityMetricNames,
  type RankAgreement,
} from '../../bench/eval/oracle-agreement.js';
import { readAgreement } from '../../bench/report/read-agreement.js';
import { InputError } from '../../errors/index.js';
import type { CommandContext } from '../command.js';

/** Help of `iamflow eval agreement`, appended to `iamflow eval --help`. */
export const agreementHelp = `
\`eval agreement RESULTS_DIR\` reads the results store of \`iamflow bench --out RESULTS_DIR\` (miniature engine) and
prints, per identity metric, Spearman's rho between the pixel metric and the render-record oracle: pooled, per
suite dimension and per policy; the policies' means in pixel and oracle order; and how many figures the oracle
could not map to a character. The oracle of a kept run folder is computed again from its render.jsonl.
Options (and --json):
  --store LOCATION     read this store (SQLite file or postgres:// URL) instead of RESULTS_DIR/results.sqlite
  --reevaluate         evaluate the kept run folders again with the current evaluator instead of the stored metrics
`;

const short: Record<(typeof identityMetricNames)[number], string> = {
  adjacentConsistency: 'adjacent',
  longRangeConsistency: 'long-range',
  duplication: 'duplication',
  identitySwaps: 'swaps',
  entityGrounding: 'grounding',
};

/** `iamflow eval agreement RESULTS_DIR`: pixel vs oracle agreement of a bench results store. */
export async function runAgreement(context: CommandContext): Promise<number> {
  const [, dir, ...rest] = context.positionals;
  if (dir === undefined || rest.length > 0) {
    throw new InputError([
      {
        code: 'usage',
        path: ['eval', 'agreement'],
        message: dir === undefined ? 'needs one results folder' : 'give only one results folder',
        hint: 'iamflow eval agreement bench/results/smoke',
      },
    ]);
  }
  const store = context.values.store;
  const progress = context.values.reevaluate === true && !context.values.json && context.stderr.isTTY;
  const report = await readAgreement(resolve(context.cwd, dir), {
    ...(typeof store === 'string' ? { store } : {}),
    reevaluate: context.values.reevaluate === true,
    ...(progress
      ? { onRun: (done: number, total: number) => context.stderr.write(`\rre-evaluated ${done}/${total}`) }
      : {}),
  });
  if (progress) context.stderr.write('\n');
  context.stdout.write(
    context.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatAgreement(report),
  );
  return 0;
}

const allMappedLabel = '  pooled, all mapped';

/** The agreement report as plain-text tables. */
export function formatAgreement(report: AgreementReport): string {
  // The label column fits the longest label (a variant such as `iamflow/artefacts-faithful`) plus a gap.
  const labels = [
    'pooled',
    ...Object.keys(report.byDimension),
    ...Object.keys(report.byPolicy),
    ...(report.unsure.runsChecked > 0 ? [allMappedLabel] : []),
  ];
  const width = Math.max(20, ...labels.map((label) => label.length + 2));
  const header = `${''.padEnd(width)}${identityMetricNames.map((name) => short[name].padStart(13)).join('')}`;
  const row = (label: string, table: Record<string, RankAgreement>) =>
    `${label.padEnd(width)}${identityMetricNames.map((name) => cell(table[name]!).padStart(13)).join('')}`;
  const lines = [
    `Spearman rho, pixel vs oracle (runs in brackets); ${report.runs} runs`,
    header,
    row('pooled', report.pooled),
    '',
    'per dimension',
    ...Object.entries(report.byDimension).map(([name, table]) => row(name, table)),
    '',
    'per policy (across scripts)',
    ...Object.entries(report.byPolicy).map(([name, table]) => row(name, table)),
    '',
    'policy means, pixel / oracle, best first',
  ];
  for (const name of identityMetricNames) {
    const order = report.policyOrder[name];
    const means = new Map(order.means.map((m) => [m.policy, m]));
    if (means.size === 0) {
      lines.push(`${short[name].padEnd(12)} no run with both values`);
      continue;
    }
    lines.push(
      `${short[name].padEnd(12)} pixel:  ${order.pixelOrder.map((p) => `${p} ${means.get(p)!.pixel.toFixed(1)}`).join(' > ')}`,
      `${''.padEnd(12)} oracle: ${order.oracleOrder.map((p) => `${p} ${means.get(p)!.oracle.toFixed(1)}`).join(' > ')}`,
      `${''.padEnd(12)} ${order.sameOrder ? 'same order' : 'different order'} (pairs: ${order.pairs.concordant} concordant, ${order.pairs.discordant} discordant, ${order.pairs.tied} tied)`,
    );
  }
  const unsure = report.unsure;
  lines.push('', 'where the oracle is unsure');
  if (unsure.runsChecked === 0) {
    lines.push('  no run folder kept: unmapped figures unknown (run the bench without --no-video)');
  } else {
    const share = unsure.figures === 0 ? 0 : (100 * unsure.unmapped) / unsure.figures;
    lines.push(
      `  ${unsure.unmapped} of ${unsure.figures} drawn figures at the sampled frames unmapped (${share.toFixed(1)} %), in ${unsure.runsWithUnmapped} of ${unsure.runsChecked} runs`,
      '  (left out of the oracle\u2019s consistency, swaps and grounding; counted as figures for duplication)',
      `  ${unsure.unsurePairs} (frame, character) pairs left out of the oracle\u2019s grounding: an unmapped figure could be theirs`,
      row(allMappedLabel, unsure.pooledAllMapped),
    );
  }
  return `${lines.join('\n')}\n`;
}

function cell(value: RankAgreement): string {
  return `${value.rho === undefined ? '-' : value.rho.toFixed(2)} (${value.runs})`;
}
