import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors/index.js';
import { openBenchStore } from '../store/open-bench-store.js';
import { openResultsStore, resultsFileName } from '../store/results-store.js';
import { aggregateResults, type ResultsSummary } from './aggregate-results.js';
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
    try {
      summary = aggregateResults(await store.listRuns());
    } finally {
      await store.close();
    }
    return writeFiles(dir, summary);
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
  try {
    summary = aggregateResults(store.listRuns());
  } finally {
    store.close();
  }
  return writeFiles(dir, summary);
}

async function writeFiles(dir: string, summary: ResultsSummary) {
  const html = join(dir, 'report.html');
  const markdown = join(dir, 'results.md');
  await writeAtomic(html, renderHtml(summary));
  await writeAtomic(markdown, renderMarkdown(summary));
  return { html, markdown, summary };
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
