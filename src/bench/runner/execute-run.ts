import { rm } from 'node:fs/promises';
import type { RenderRecordEntry } from '../../engine/engine.js';
import { createMiniEngine } from '../../engine/mini/mini-engine.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import { createPolicy } from '../../memory/policies/index.js';
import { generateVideo } from '../../pipeline/generate-video.js';
import { buildTimeline } from '../../script/timeline.js';
import { analyseSegments } from '../eval/analyse-segments.js';
import { evaluateVideo } from '../eval/evaluate-video.js';
import { evaluateRenderRecord } from '../eval/oracle.js';
import { identityTimeline } from './identity-timeline.js';
import type { RunJob, RunOutcome } from './run-job.js';
import { openRunDir, type RunDirWriter } from './write-run-dir.js';

/**
 * The default executor: generates the script with the miniature engine under the job's policy, writes the run
 * folder (unless `keepVideo` is false), and evaluates the decoded frames as they left the engine (before MP4
 * compression, so `--no-video` does not change the scores).
 */
export async function executeRun(job: RunJob): Promise<RunOutcome> {
  const started = performance.now();
  const engineConfig = { seed: job.seed, width: job.width, height: job.height };
  const engine = createMiniEngine(engineConfig);
  const timeline = buildTimeline(job.script);
  const frames: VideoFrame[] = [];
  const records: RenderRecordEntry[] = [];
  let writer: RunDirWriter | undefined;
  try {
    writer = job.keepVideo
      ? await openRunDir(job.runDir, { width: job.width, height: job.height, fps: timeline.fps })
      : undefined;
    const result = await generateVideo({
      script: job.script,
      engine,
      timeline,
      policy: (context) => createPolicy(job.policy, context),
      onFrames: async (chunk, chunkFrames, record) => {
        frames.push(...chunkFrames);
        if (record) records.push(...record);
        await writer?.onFrames(chunk, chunkFrames, record);
      },
    });
    await writer?.finish(result, { script: job.script, seed: job.seed, engineConfig });
    // Generation time without the output sink, so writing the video (or not) does not change the speed.
    const generateSeconds =
      (result.chunks.reduce((sum, chunk) => sum + chunk.generateMs + chunk.decodeMs + chunk.policyMs, 0) +
        result.switches.reduce((sum, record) => sum + record.transitionMs, 0)) /
      1000;
    const annotations = job.script.annotations;
    // One pixel analysis serves the evaluation and the identity timeline.
    const analysis = annotations ? analyseSegments(frames, timeline, annotations) : undefined;
    const report = await evaluateVideo({
      frames,
      fps: timeline.fps,
      timeline,
      ...(annotations ? { annotations } : {}),
      ...(analysis ? { analysis } : {}),
    });
    // The oracle reads the render record; it is stored beside the pixel metrics to check them.
    const oracle =
      annotations && records.length > 0 ? evaluateRenderRecord(records, timeline, annotations) : undefined;
    const metrics: Record<string, number> = { ...report.metrics };
    for (const [name, value] of Object.entries(oracle?.metrics ?? {})) metrics[`oracle.${name}`] = value;
    const identity = annotations && analysis ? identityTimeline(analysis, timeline, annotations) : undefined;
    const outcome: RunOutcome = {
      status: 'done',
      wallSeconds: (performance.now() - started) / 1000,
      generateSeconds,
      videoSeconds: result.videoSeconds,
      realtimeFactor: result.videoSeconds / Math.max(generateSeconds, 0.001),
      costs: result.costs,
      scores: { total: report.total, ...report.dimensions },
      metrics,
    };
    if (identity) outcome.identity = identity;
    return outcome;
  } catch (error) {
    await writer?.abort();
    throw error;
  } finally {
    await engine.release();
    if (!job.keepVideo) await rm(job.runDir, { recursive: true, force: true });
  }
}
