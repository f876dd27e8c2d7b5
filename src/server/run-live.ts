import { createLivePrompts, type LivePrompts } from '../pipeline/live-prompts.js';
import { createRunDirSink } from '../run/create-run-dir-sink.js';
import { runScript } from '../run/run-script.js';
import type { RunSink } from '../run/run-sink.js';
import type { RunSpecInput } from '../run/run-spec.js';
import type { Timeline } from '../script/timeline.js';
import type { ActiveRun } from './active-run.js';
import type { LiveEvent } from './live-event.js';
import { createFrameStreamer, type FrameStreamer } from './stream-frames.js';

/** The `plan` event of a live run: its timeline as planned now, geometry, context layout and edits. */
export function planEvent(run: ActiveRun, live: LivePrompts): LiveEvent {
  const timeline: Timeline = live.timeline();
  return {
    type: 'plan',
    segments: timeline.segments.map(({ index, prompt, startChunk, endChunk }) => ({
      index,
      prompt,
      startChunk,
      endChunk,
    })),
    totalChunks: timeline.totalChunks,
    fps: timeline.fps,
    videoFramesPerLatent: timeline.videoFramesPerLatent,
    chunkFrames: timeline.chunkFrames,
    width: run.row.width,
    height: run.row.height,
    sinkFrames: run.layout?.sinkFrames ?? 0,
    localFrames: run.layout?.localFrames ?? 0,
    edits: live.edits(),
  };
}

/**
 * Runs a spec into the run's folder through the run layer, publishing on the run's hub as it goes: the plan (and
 * again after each prompt change), segments, chunks, JPEG frames, memory events and the first-frame time. Resolves
 * when the run is committed and every frame event is out; rejects like `runScript`.
 *
 * @example
 * await runLive(run, spec, { signal: controller.signal, clock: () => performance.now() });
 */
export async function runLive(
  run: ActiveRun,
  spec: RunSpecInput,
  options: { signal: AbortSignal; clock: () => number },
): Promise<void> {
  const { clock } = options;
  const startedAt = clock();
  const streamer: FrameStreamer = createFrameStreamer({ hub: run.hub, clock });
  const onFirstFrame = (event: LiveEvent) => {
    if (event.type !== 'frame' || run.firstFrameMs !== undefined) return;
    run.firstFrameMs = clock() - startedAt;
    run.hub.publish({ type: 'timing', firstFrameMs: run.firstFrameMs });
  };
  const unwatch = run.hub.subscribe(onFirstFrame);
  let videoFramesPerLatent = 4;
  const files = createRunDirSink({ dir: run.dir });
  const sink: RunSink = {
    open: async (plan) => {
      videoFramesPerLatent = plan.timeline.videoFramesPerLatent;
      return files.open(plan);
    },
    onFrames: async (chunk, frames) => {
      // No `framesRead`: the stream and the run folder read every frame.
      streamer.push(chunk, frames.all(), videoFramesPerLatent);
      await files.onFrames(chunk, frames);
      // Generation is synchronous CPU work: without a turn of the event loop per chunk, encoded frames and SSE
      // writes would wait until the MP4 writer happens to block, i.e. several chunks (measured: 1.9 s to the first
      // frame event instead of a few hundred ms).
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    onRenderRecord: (entries) => files.onRenderRecord(entries),
    commit: (runJson) => files.commit(runJson),
    abort: () => files.abort(),
  };
  try {
    await runScript(spec, sink, {
      signal: options.signal,
      livePrompts: (timeline, info) => {
        run.layout = { sinkFrames: info.sinkFrames, localFrames: info.localFrames };
        const live = createLivePrompts(timeline);
        run.live = live;
        run.hub.publish(planEvent(run, live));
        return live;
      },
      onSegment: (segment) =>
        run.hub.publish({
          type: 'segment',
          segment: segment.index,
          prompt: segment.prompt,
          chunk: segment.startChunk,
        }),
      onMemoryEvent: (event) => run.hub.publish({ type: 'memory', event }),
      onProgress: (progress) => {
        run.progress = { chunksDone: progress.chunksDone, totalChunks: progress.totalChunks };
        run.hub.publish({
          type: 'chunk',
          chunk: progress.chunksDone - 1,
          chunksDone: progress.chunksDone,
          totalChunks: progress.totalChunks,
          elapsedMs: progress.elapsedMs,
        });
      },
    });
  } finally {
    await streamer.drain().catch(() => {});
    unwatch();
  }
}
