import { rm } from 'node:fs/promises';
import { resolvePolicy } from '../../memory/policy-registry.js';
import { createCollectSink } from '../../run/collect-sink.js';
import { createRunDirSink } from '../../run/create-run-dir-sink.js';
import { runScript } from '../../run/run-script.js';
import type { RunPlan } from '../../run/run-sink.js';
import { evaluatedFrameIndices } from '../eval/sample-frames.js';
import { evaluateCollected } from './evaluate-collected.js';
import type { RunJob, RunOutcome } from './run-job.js';

/**
 * The default executor: runs the job's spec through `runScript` (the path `iamflow generate` takes), writing the
 * run folder unless `keepVideo` is false (no keyframes), and evaluates the decoded frames as they left the engine
 * (before MP4 compression, so `--no-video` does not change the scores).
 */
export async function executeRun(job: RunJob): Promise<RunOutcome> {
  const started = performance.now();
  // Only the frames the evaluator reads are copied (about one in six): copying all of them cost more than the
  // whole evaluation. The run folder, when kept, still receives every frame. A remote engine may make another
  // number of frames than its timeline says (the evaluator then maps segments proportionally), so its runs keep all.
  const selective = job.engine?.provider !== 'remote';
  const collect = createCollectSink(job.keepVideo ? createRunDirSink({ dir: job.runDir }) : undefined, {
    ...(selective && {
      keep: ({ timeline }: RunPlan) => ({
        frameCount: timeline.totalVideoFrames,
        indices: evaluatedFrameIndices(timeline, timeline.totalVideoFrames),
      }),
    }),
  });
  const name = job.variant?.policy ?? job.policy;
  const takesAgents = resolvePolicy(name).takesAgents;
  try {
    const { result } = await runScript(
      {
        script: job.script,
        ...(job.engine ? { engine: job.engine } : {}),
        policy: {
          name,
          ...(takesAgents && job.agents ? { agents: job.agents } : {}),
          ...(job.variant ? { settings: job.variant.settings } : {}),
        },
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
    const { scores, metrics, identity } = await evaluateCollected(
      frames,
      renderRecord,
      timeline,
      job.script.annotations,
    );
    const outcome: RunOutcome = {
      status: 'done',
      wallSeconds: (performance.now() - started) / 1000,
      generateSeconds,
      videoSeconds: result.videoSeconds,
      realtimeFactor: result.videoSeconds / Math.max(generateSeconds, 0.001),
      costs: result.costs,
      scores,
      metrics,
    };
    if (identity) outcome.identity = identity;
    return outcome;
  } finally {
    if (!job.keepVideo) await rm(job.runDir, { recursive: true, force: true });
  }
}
