import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCharacterSheet } from '../../characters/read-character-sheet.js';
import { characterSheetFiles } from '../../characters/write-character-sheet.js';
import { InputError } from '../../errors/index.js';
import { openBenchStore } from '../store/open-bench-store.js';
import type { StoredRun } from '../store/results-store.js';
import { openResultsStore, resultsFileName } from '../store/results-store.js';
import { aggregateResults, type ResultsSummary } from './aggregate-results.js';
import type { ReportCharacterSheet } from './render-character-sheets.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /** Read the runs from this store (a `postgres://` URL or a SQLite file) instead of `<dir>/results.sqlite`. */
  store?: string;
}

/**
 * Reads `<dir>/results.sqlite` (or `options.store`) and writes `<dir>/report.html` and `<dir>/results.md`.
 *
 * @example
 * const { html, markdown } = await writeReport('bench/results/narrastream-324');
 */
export async function writeReport(
  dir: string,
  options: WriteReportOptions = {},
): Promise<{ html: string; markdown: string; summary: ResultsSummary }> {
  const path = join(dir, resultsFileName);
  if (options.store !== undefined) {
    await mkdir(dir, { recursive: true });
    const store = await openBenchStore(options.store, dir);
    let summary: ResultsSummary;
    let sheets: ReportCharacterSheet[];
    try {
      const runs = await store.listRuns();
      summary = aggregateResults(runs);
      sheets = await readSheets(dir, runs);
    } finally {
      await store.close();
    }
    return writeFiles(dir, summary, sheets);
  }
  if (!existsSync(path)) {
    throw new InputError([
      {
        code: 'no-results',
        path: [dir],
        message: `has no ${resultsFileName}`,
        hint: 'run `iamflow bench --out DIR` first, or pass the folder it wrote',
      },
    ]);
  }
  const store = openResultsStore(path);
  let summary: ResultsSummary;
  let runs: StoredRun[];
  try {
    runs = store.listRuns();
    summary = aggregateResults(runs);
  } finally {
    store.close();
  }
  return writeFiles(dir, summary, await readSheets(dir, runs));
}

async function writeFiles(dir: string, summary: ResultsSummary, sheets: ReportCharacterSheet[] = []) {
  const html = join(dir, 'report.html');
  const markdown = join(dir, 'results.md');
  await writeAtomic(html, renderHtml(summary, sheets));
  await writeAtomic(markdown, renderMarkdown(summary));
  return { html, markdown, summary };
}

/** The character sheets of the kept run folders that have one (characters.json), in store order. */
async function readSheets(dir: string, runs: readonly StoredRun[]): Promise<ReportCharacterSheet[]> {
  const sheets: ReportCharacterSheet[] = [];
  for (const run of runs) {
    if (run.status !== 'done' || !run.runDir || !existsSync(join(dir, run.runDir, characterSheetFiles.json)))
      continue;
    const { sheet } = await readCharacterSheet(join(dir, run.runDir));
    sheets.push({ scriptId: run.scriptId, policy: run.policy, runDir: run.runDir, sheet });
  }
  return sheets;
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
