import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openResultsStore } from '../store/results-store.js';
import { writeFixtureStore } from './__fixtures__/write-fixture-store.js';
import { writeReport } from './write-report.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writeReport', () => {
  it('writes report.html with tables and SVG plots, and results.md shaped like the paper', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-report-'));
    dirs.push(dir);
    writeFixtureStore(join(dir, 'results.sqlite'));
    const { summary } = await writeReport(dir);

    expect(summary.policies).toEqual(['self-forcing', 'longlive', 'memflow', 'iamflow']);
    expect(summary.byPolicy.map((row) => [row.policy, row.runs, row.failed])).toEqual([
      ['self-forcing', 12, 0],
      ['longlive', 11, 1],
      ['memflow', 12, 0],
      ['iamflow', 12, 0],
    ]);
    expect(summary.timelines.map((script) => script.scriptId)).toEqual([
      'reappearance-001',
      'attribute-change-001',
      'multi-character-001',
    ]);

    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    // Olga shows in one prompt only: no timeline of her.
    expect(html.match(/<svg /g)?.length).toBe(4 + 3);
    for (const text of [
      'Score per policy and dimension',
      'Total by suite dimension',
      'Identity timelines',
      'Realtime factor',
      'engine ran out of memory',
      '<th>Subject consistency</th>',
    ]) {
      expect(html).toContain(text);
    }

    const markdown = readFileSync(join(dir, 'results.md'), 'utf8');
    expect(markdown).toContain(
      '| Policy | Runs | Quality | Temporal | Instruction | Total | Subject consistency | Entity grounding | Judge score | Oracle: identity |',
    );
    expect(markdown).toMatch(/\| iamflow \| 12 \| 87\.00 \| .* \| \*\*.*\*\* \|/);
    expect(markdown).toContain('| reappearance | 55.00 (2) | 59.00 (2) | 63.00 (2) | 67.00 (2) |');
    expect(markdown).toContain('| newcomer | 60.00 (2) | 64.00 (1) | 68.00 (2) | 72.00 (2) |');
  });

  it('adds an Ablations section to both files when the store holds policy variants', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-report-'));
    dirs.push(dir);
    const store = openResultsStore(join(dir, 'results.sqlite'));
    // iamflow on a, b, c; iamflow/recache on a, b, d: scripts a and b pair up
    const rows: [string, string, number, Record<string, number>][] = [
      [
        'a',
        'iamflow',
        60,
        { subjectConsistency: 80, adjacentConsistency: 70, 'oracle.longRangeConsistency': 40 },
      ],
      ['b', 'iamflow', 50, { subjectConsistency: 80, adjacentConsistency: 60 }],
      ['c', 'iamflow', 10, { subjectConsistency: 80, adjacentConsistency: 10 }],
      [
        'a',
        'iamflow/recache',
        64,
        { subjectConsistency: 90, adjacentConsistency: 71, 'oracle.longRangeConsistency': 45 },
      ],
      ['b', 'iamflow/recache', 52, { subjectConsistency: 90, adjacentConsistency: 65 }],
      ['d', 'iamflow/recache', 99, { subjectConsistency: 90, adjacentConsistency: 99 }],
    ];
    for (const [scriptId, policy, total, metrics] of rows) {
      store.recordRun({
        scriptId,
        policy,
        seed: 1,
        width: 240,
        height: 136,
        steps: 4,
        dimension: 'reappearance',
        status: 'done',
        wallSeconds: 1,
        scores: { total, quality: total - 10, temporal: total, instruction: total },
        metrics,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
    }
    store.close();
    await writeReport(dir);

    const markdown = readFileSync(join(dir, 'results.md'), 'utf8');
    const section = markdown.slice(markdown.indexOf('## Ablations'), markdown.indexOf('## Speed'));
    // totals: differences 4 and 2, mean 3, SE 1; adjacent: 1 and 5, mean 3, SE 2; oracle on script a only
    expect(section).toContain('### iamflow/recache − iamflow, 2 scripts paired');
    expect(section).toContain('| Score | Variant | Policy | Variant − policy ± SE | Pairs |');
    expect(section).toContain('| Total | 58.00 | 55.00 | +3.00 ± 1.00 | 2 |');
    expect(section).toContain('| Quality | 48.00 | 45.00 | +3.00 ± 1.00 | 2 |');
    expect(section).toContain('| Adjacent consistency | 68.00 | 65.00 | +3.00 ± 2.00 | 2 |');
    expect(section).toContain('| Oracle: long range consistency | 45.00 | 40.00 | +5.00 ± ? | 1 |');
    // not an identity metric, and identity metrics the store lacks get no row
    expect(section).not.toContain('Subject consistency');
    expect(section).not.toContain('Duplication');

    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Ablations</h2>');
    expect(html).toContain('<h3>iamflow/recache − iamflow, 2 scripts paired</h3>');
    expect(html).toContain(
      '<tr><td>Total</td><td>58.00</td><td>55.00</td><td>+3.00 ± 1.00</td><td>2</td></tr>',
    );
    expect(html).toContain(
      '<td>Oracle: long range consistency</td><td>45.00</td><td>40.00</td><td>+5.00 ± ?</td><td>1</td>',
    );
  });

  it('has no Ablations section without policy variants', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-report-'));
    dirs.push(dir);
    writeFixtureStore(join(dir, 'results.sqlite'));
    await writeReport(dir);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).not.toContain('Ablations');
    expect(readFileSync(join(dir, 'results.md'), 'utf8')).not.toContain('Ablations');
  });

  it('names the missing store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-report-'));
    dirs.push(dir);
    await expect(writeReport(dir)).rejects.toMatchObject({ issues: [{ code: 'no-results' }] });
  });
});
