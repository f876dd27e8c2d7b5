import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors/index.js';
import { openResultsStore, resultsFileName } from '../store/results-store.js';
import { aggregateResults, type ResultsSummary } from './aggregate-results.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';

/**
 * Reads `<dir>/results.sqlite` and writes `<dir>/report.html` and `<dir>/results.md`.
 *
 * @example
 * const { html, markdown } = await writeReport('bench/results/narrastream-324');
 */
export async function writeReport(
  dir: string,
): Promise<{ html: string; markdown: string; summary: ResultsSummary }> {
  const path = join(dir, resultsFileName);
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
