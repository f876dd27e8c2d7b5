import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FrameAnalysis } from '../src/bench/eval/analyse-segments.js';
import { readRenderRecord, readVideo } from '../src/bench/eval/evaluate-run-dir.js';
import type { Box } from '../src/bench/eval/measure/figure-mask.js';
import { characterOfMention } from '../src/bench/eval/oracle.js';
import type { RenderedFigure, RenderRecordEntry } from '../src/engine/engine.js';
import { resolvePolicy } from '../src/memory/policy-registry.js';
import { createCollectSink } from '../src/run/collect-sink.js';
import { runScript } from '../src/run/run-script.js';
import type { ScriptAnnotations } from '../src/script/script.js';
import type { Timeline } from '../src/script/timeline.js';

/**
 * What the development diagnostics read of a miniature-engine run folder: the script's annotations and timeline
 * (run.json), the decoded video, the render record, and the scale from engine pixels to video pixels. With
 * `RAW_FRAMES=1` in the environment the frames are made again by the same run (script, policy, seed, size) and
 * read before MP4 compression, as the bench scores them (the miniature engine is deterministic).
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
  const video =
    process.env.RAW_FRAMES === '1' ? await remake(run) : await readVideo(join(dir, 'video.mp4'), {});
  const records = (await readRenderRecord(join(dir, 'render.jsonl'), [])) ?? [];
  const scale = video.frames[0]!.width / (run.engine?.info?.width ?? 240);
  return { annotations: run.script.annotations, timeline: run.timeline, video, records, scale };
}

/** Runs a run folder's run again and keeps every frame as it left the engine (before compression). */
async function remake(run: Record<string, unknown>) {
  const { script, seed, policy, engine, timeline } = run as {
    script: Parameters<typeof runScript>[0]['script'];
    seed: number;
    timeline: Timeline;
    policy: { name: string; settings?: Record<string, unknown> };
    engine: { config: { width: number; height: number; steps: number } };
  };
  const collect = createCollectSink();
  // The bench runs the embedded agents with verification inline (deterministic); run.json names them.
  const agents = resolvePolicy(policy.name).takesAgents ? { syncVerify: true } : undefined;
  await runScript(
    {
      script,
      policy: { name: policy.name, ...(agents ? { agents } : {}) },
      seed,
      size: { width: engine.config.width, height: engine.config.height },
      steps: engine.config.steps,
      output: { keyframes: false, renderRecord: true },
    } as Parameters<typeof runScript>[0],
    collect,
  );
  return { frames: collect.frames, fps: timeline.fps };
}

/** Whether a detection's box (video pixels) holds a drawn figure's centre (engine pixels times `scale`). */
export function holdsFigure(box: Box, figure: RenderedFigure, scale: number): boolean {
  const x = (figure.box[0] + figure.box[2] / 2) * scale;
  const y = (figure.box[1] + figure.box[3] / 2) * scale;
  return x >= box[0] && x < box[0] + box[2] && y >= box[1] && y < box[1] + box[3];
}

/** Counts by label, printed sorted by label (the development diagnostics' tallies). */
export function tally(): { add: (label: string) => void; print: () => void } {
  const counts = new Map<string, number>();
  return {
    add: (label) => counts.set(label, (counts.get(label) ?? 0) + 1),
    print: () => {
      for (const [label, count] of [...counts].sort()) console.log(String(count).padStart(6), label);
    },
  };
}

/**
 * The drawn figures at a sampled frame, who each is (by bound mention, among the characters on screen), and for
 * each detection the characters of the drawn figures it holds.
 */
export function ownersAt(
  sample: FrameAnalysis,
  records: readonly RenderRecordEntry[],
  scale: number,
  annotations: ScriptAnnotations,
  present: readonly string[],
) {
  const drawn = records[sample.index]?.figures ?? [];
  const keyOf = (figure: RenderedFigure) => characterOfMention(figure.mention, annotations, present);
  const owners = sample.figures.map((reading) =>
    drawn.filter((figure) => holdsFigure(reading.box, figure, scale)).map(keyOf),
  );
  return { drawn, keyOf, owners };
}
