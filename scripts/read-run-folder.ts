import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readRenderRecord, readVideo } from '../src/bench/eval/evaluate-run-dir.js';
import type { ScriptAnnotations } from '../src/script/script.js';
import type { Timeline } from '../src/script/timeline.js';

/**
 * What the development diagnostics read of a miniature-engine run folder: the script's annotations and timeline
 * (run.json), the decoded video, the render record, and the scale from engine pixels to video pixels.
 *
 * @example
 * const { video, records, scale } = await readRunFolder('/tmp/agree-tune6/runs/reappearance-005/iamflow-s1-240x136');
 */
export async function readRunFolder(dir: string) {
  const run = JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')) as {
    script: { annotations: ScriptAnnotations };
    timeline: Timeline;
    engine?: { info?: { width?: number } };
  };
  const video = await readVideo(join(dir, 'video.mp4'), {});
  const records = (await readRenderRecord(join(dir, 'render.jsonl'), [])) ?? [];
  const scale = video.frames[0]!.width / (run.engine?.info?.width ?? 240);
  return { annotations: run.script.annotations, timeline: run.timeline, video, records, scale };
}
