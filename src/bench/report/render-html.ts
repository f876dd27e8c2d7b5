import type { ResultsSummary } from './aggregate-results.js';
import {
  ablationHeader,
  ablationNote,
  ablationRows,
  ablationTitle,
  cell,
  metricLabel,
  orderMetrics,
} from './format-results.js';
import { type ReportCharacterSheet, renderCharacterSheets } from './render-character-sheets.js';
import { colorOf, escapeXml, groupedBarChart, lineChart } from './svg-charts.js';

const style = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1100px; color: #222; padding: 0 16px; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: right; } th:first-child, td:first-child { text-align: left; }
th { background: #f4f4f4; } td.best { font-weight: 700; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
.chart { background: #fff; border: 1px solid #e4e4e4; }
.chart-title { font-size: 14px; font-weight: 600; } .axis-label { font-size: 12px; fill: #444; }
.tick { font-size: 11px; fill: #444; } .legend { font-size: 12px; } .bar-value { font-size: 10px; fill: #333; }
.grid { stroke: #eee; } .axis { stroke: #888; } .highlight { fill: #f1f6fb; }
.note { color: #666; font-size: 12px; }
table.sheets td, table.sheets th { text-align: left; vertical-align: top; } details { margin: 4px 0; }
`;

function htmlTable(
  header: readonly string[],
  rows: readonly (readonly { text: string; best?: boolean }[])[],
): string {
  const head = `<tr>${header.map((text) => `<th>${escapeXml(text)}</th>`).join('')}</tr>`;
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((item) => `<td${item.best ? ' class="best"' : ''}>${escapeXml(item.text)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table>${head}${body}</table>`;
}

/**
 * report.html: a static, self-contained page (inline CSS and SVG, no scripts or external assets) with the score
 * tables and plots of a results store; the character sheets of kept run folders are linked pictures, loaded
 * lazily.
 */
export function renderHtml(summary: ResultsSummary, sheets: readonly ReportCharacterSheet[] = []): string {
  const { policies, byPolicy } = summary;
  const colors = new Map(policies.map((policy, index) => [policy, colorOf(policy, index)]));
  const row = (policy: string) => byPolicy.find((item) => item.policy === policy)!;

  const dimensionChart = groupedBarChart(
    ['Quality', 'Temporal', 'Instruction', 'Total'],
    policies.map((policy) => ({
      name: policy,
      color: colors.get(policy)!,
      values: [row(policy).quality, row(policy).temporal, row(policy).instruction, row(policy).total],
    })),
    { title: 'Score per policy and dimension', yLabel: 'score (0–100)', yMax: 100, width: 720, height: 340 },
  );
  const totalChart = groupedBarChart(
    policies,
    [{ name: 'total', color: '#4e79a7', values: policies.map((policy) => row(policy).total) }],
    { title: 'Total per policy', yLabel: 'score (0–100)', yMax: 100, width: 360, height: 300 },
  );
  const suiteChart = groupedBarChart(
    summary.suiteDimensions,
    policies.map((policy) => ({
      name: policy,
      color: colors.get(policy)!,
      values: summary.suiteDimensions.map(
        (dimension) => summary.bySuiteDimension[dimension]?.[policy]?.total ?? null,
      ),
    })),
    { title: 'Total by suite dimension', yLabel: 'total score (0–100)', yMax: 100, width: 1060, height: 340 },
  );
  const speedChart = groupedBarChart(
    policies,
    [
      {
        name: 'realtime factor',
        color: '#59a14f',
        values: policies.map((policy) => row(policy).realtimeFactor),
      },
    ],
    { title: 'Generation speed per policy', yLabel: 'video s per wall s (×)', width: 480, height: 300 },
  );

  const bestOf = (key: 'quality' | 'temporal' | 'instruction' | 'total') =>
    Math.max(...byPolicy.map((item) => item[key] ?? Number.NEGATIVE_INFINITY));
  const metrics = orderMetrics(summary.metricNames);
  const mainTable = htmlTable(
    ['Policy', 'Runs', 'Quality', 'Temporal', 'Instruction', 'Total', ...metrics.map(metricLabel)],
    byPolicy.map((item) => [
      { text: item.policy },
      { text: String(item.runs) },
      ...(['quality', 'temporal', 'instruction', 'total'] as const).map((key) => ({
        text: cell(item[key]),
        best: item[key] !== null && item[key] === bestOf(key),
      })),
      ...metrics.map((name) => ({ text: cell(item.metrics[name]) })),
    ]),
  );
  const suiteTable = htmlTable(
    ['Suite dimension', ...policies],
    summary.suiteDimensions.map((dimension) => {
      const entries = policies.map((policy) => summary.bySuiteDimension[dimension]?.[policy]);
      const top = Math.max(...entries.map((entry) => entry?.total ?? Number.NEGATIVE_INFINITY));
      return [
        { text: dimension },
        ...entries.map((entry) => ({
          text: entry && entry.runs > 0 ? `${cell(entry.total)} (${entry.runs})` : '–',
          best: entry?.total !== null && entry?.total === top,
        })),
      ];
    }),
  );
  const speedTable = htmlTable(
    ['Policy', 'Realtime factor', 'Mean wall s per run', 'Failed runs'],
    byPolicy.map((item) => [
      { text: item.policy },
      { text: cell(item.realtimeFactor, 1) },
      { text: cell(item.wallSeconds, 1) },
      { text: String(item.failed) },
    ]),
  );
  const ablations =
    summary.variants.length === 0
      ? ''
      : `<h2>Ablations</h2>\n<p class="note">${escapeXml(ablationNote)}</p>\n${summary.variants
          .map(
            (comparison) =>
              `<h3>${escapeXml(ablationTitle(comparison))}</h3>${
                comparison.pairs === 0
                  ? '<p class="note">No script finished by both.</p>'
                  : htmlTable(
                      ablationHeader,
                      ablationRows(comparison).map((cells) => cells.map((text) => ({ text }))),
                    )
              }`,
          )
          .join('\n')}\n`;
  const timelines = summary.timelines
    .map((script) => {
      const labels = Array.from({ length: script.segments }, (_, index) => `P${index + 1}`);
      const charts = script.characters
        .map((character) =>
          lineChart(
            labels,
            policies.map((policy) => ({
              name: policy,
              color: colors.get(policy)!,
              values: character.byPolicy[policy] ?? [],
            })),
            {
              title: `${script.scriptId}: ${character.character}`,
              yLabel: 'identity consistency',
              xLabel: 'prompt (shaded: on screen)',
              yMax: 100,
              width: 420,
              height: 300,
              highlight: character.present,
            },
          ),
        )
        .join('');
      return `<h3>${escapeXml(script.scriptId)} <span class="note">(${escapeXml(script.dimension)})</span></h3><div class="charts">${charts}</div>`;
    })
    .join('');
  const failures =
    summary.failures.length === 0
      ? '<p class="note">No failed runs.</p>'
      : htmlTable(
          ['Script', 'Policy', 'Error'],
          summary.failures.map((item) => [
            { text: item.scriptId },
            { text: item.policy },
            { text: item.error },
          ]),
        );

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>iamflow benchmark report</title><style>${style}</style></head>
<body>
<h1>iamflow benchmark report</h1>
<p class="note">Configurations: ${escapeXml(summary.configurations.join('; ') || 'none')}. Scores 0–100, higher is better; means over done runs; best in bold.</p>
<h2>Scores by policy</h2>
<div class="charts">${dimensionChart}${totalChart}</div>
${mainTable}
<h2>Total by suite dimension</h2>
<div class="charts">${suiteChart}</div>
${suiteTable}
${ablations}<h2>Identity timelines</h2>
<p class="note">Per character and prompt: how similar its matched figure is to its matched figures in the other prompts where it appears (pixel analysis, changed attributes left out). Gaps: not matched or not on screen.</p>
${timelines || '<p class="note">No script finished under every policy with identity data yet.</p>'}
<h2>Speed</h2>
<div class="charts">${speedChart}</div>
${speedTable}
<h2>Character sheets</h2>
<p class="note">Per kept iamflow run: each global ID with the prompts where the agents placed it, its attributes as registered and after the verifier's corrections, and its best verified crops (characters/&lt;id&gt;.png in the run folder).</p>
${renderCharacterSheets(sheets)}
<h2>Failed runs</h2>
${failures}
</body></html>
`;
}
