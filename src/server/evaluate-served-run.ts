import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { evaluateRunDir } from '../bench/eval/evaluate-run-dir.js';
import { type SegmentBreakdown, segmentBreakdown } from './segment-breakdown.js';

/**
 * Evaluates a finished served run and writes evaluation.json beside it for the viewer's scores tab: the whole report
 * (every metric, the proxy behind it, warnings) plus `segments`, the per-segment breakdown derived from the same
 * pixel analysis. Answers the run-level scores the run list shows.
 *
 * @example
 * const scores = await evaluateServedRun('data/runs/abc'); // { total, quality, temporal, instruction }
 */
export async function evaluateServedRun(dir: string): Promise<Record<string, number>> {
  let segments: SegmentBreakdown[] | undefined;
  const report = await evaluateRunDir(dir, {
    onAnalysis: (analysis, context) => {
      segments = segmentBreakdown(analysis, context);
    },
  });
  const evaluation = segments ? { ...report, segments } : report;
  await writeFile(join(dir, 'evaluation.json'), `${JSON.stringify(evaluation, null, 2)}\n`);
  return { total: report.total, ...report.dimensions };
}
