import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

  it('names the missing store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamflow-report-'));
    dirs.push(dir);
    await expect(writeReport(dir)).rejects.toMatchObject({ issues: [{ code: 'no-results' }] });
  });
});
