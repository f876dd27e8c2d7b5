import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reference } from '../../reference/index.js';
import { buildTimeline } from '../../script/timeline.js';
import { readRenderRecord, runJsonSchema } from './evaluate-run-dir.js';
import { evaluateRenderRecord, type OracleReport } from './oracle.js';

/**
 * The oracle's report of a kept run folder (run.json + render.jsonl), without decoding its video: what the
 * agreement reads to count the figures the oracle could not map. Undefined when the folder has no readable
 * run.json, no render record or no annotations.
 *
 * @example
 * const oracle = await readRunOracle('bench/results/smoke/runs/reappearance-001/iamflow-s1-240x136');
 * oracle?.unmapped // figures whose mention named no single character
 */
export async function readRunOracle(dir: string): Promise<OracleReport | undefined> {
  const text = await readFile(join(dir, 'run.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = runJsonSchema.safeParse(json);
  if (!parsed.success || parsed.data.script.annotations === undefined) return undefined;
  const { script } = parsed.data;
  const records = await readRenderRecord(join(dir, 'render.jsonl'), []);
  if (records === undefined) return undefined;
  const timeline =
    parsed.data.timeline ??
    buildTimeline({
      prompts: script.prompts,
      seconds: script.seconds ?? script.prompts.map(() => reference.video.secondsPerPrompt),
      fps: script.fps ?? reference.video.fps,
    });
  return evaluateRenderRecord(records, timeline, script.annotations!);
}
