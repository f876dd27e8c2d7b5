import type { RenderRecordEntry } from '../engine/engine.js';
import type { VideoFrame } from '../frame/video-frame.js';
import type { RunOutputFiles, RunSink } from './run-sink.js';

/** A sink that keeps the decoded frames and the render record in memory (the bench evaluates them). */
export interface CollectSink extends RunSink {
  /** Every decoded frame, in order (copies). */
  readonly frames: VideoFrame[];
  /** The render record, once the run finished. */
  readonly renderRecord: RenderRecordEntry[];
}

/**
 * Keeps frames and render record in memory, optionally passing everything on to another sink (whose files run.json
 * lists), so one run both writes its folder and feeds the evaluator.
 *
 * @example
 * const collect = createCollectSink(createRunDirSink({ dir }));
 * await runScript(spec, collect);
 * evaluateVideo({ frames: collect.frames, ... });
 */
export function createCollectSink(next?: RunSink): CollectSink {
  const frames: VideoFrame[] = [];
  const renderRecord: RenderRecordEntry[] = [];
  return {
    frames,
    renderRecord,
    async open(plan): Promise<RunOutputFiles | null> {
      return next ? next.open(plan) : null;
    },
    async onFrames(chunk, chunkFrames) {
      for (const frame of chunkFrames) frames.push({ ...frame, data: frame.data.slice() });
      await next?.onFrames(chunk, chunkFrames);
    },
    async onRenderRecord(entries) {
      renderRecord.push(...entries);
      await next?.onRenderRecord(entries);
    },
    async commit(runJson) {
      await next?.commit(runJson);
    },
    async abort() {
      await next?.abort();
    },
  };
}
