import { rm } from 'node:fs/promises';
import { resolvePolicy } from '../../memory/policy-registry.js';
import { createCollectSink } from '../../run/collect-sink.js';
import { createRunDirSink } from '../../run/create-run-dir-sink.js';
import { runScript } from '../../run/run-script.js';
import { analyseSegments } from '../eval/analyse-segments.js';
import { evaluateVideo } from '../eval/evaluate-video.js';
import { evaluateRenderRecord } from '../eval/oracle.js';
import { identityTimeline } from './identity-timeline.js';
import type { RunJob, RunOutcome } from './run-job.js';

/**
 * The default executor: runs the job's spec through `runScript` (the path `iamflow generate` takes), writing the
 * run folder unless `keepVideo` is false (no keyframes), and evaluates the decoded frames as they left the engine
 * (before MP4 compression, so `--no-video` does not change the scores).
 */
export async function executeRun(job: RunJob): Promise<RunOutcome> {
  const started = performance.now();
  const collect = createCollectSink(job.keepVideo ? createRunDirSink({ dir: job.runDir }) : undefined);
  const takesAgents = resolvePolicy(job.policy).takesAgents;
  try {
    const { result } = await runScript(
      {
        script: job.script,
        ...(job.engine ? { engine: job.engine } : {}),
        policy: { name: job.policy, ...(takesAgents && job.agents ? { agents: job.agents } : {}) },
        seed: job.seed,
        size: { width: job.width, height: job.height },
        steps: job.steps,
        output: { keyframes: false, renderRecord: true },
      },
      collect,
    );
    const { timeline } = result;
    const { frames, renderRecord } = collect;
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
      annotations && renderRecord.length > 0
        ? evaluateRenderRecord(renderRecord, timeline, annotations)
        : undefined;
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
  } finally {
    if (!job.keepVideo) await rm(job.runDir, { recursive: true, force: true });
  }
}
