import type { RenderRecordEntry } from '../engine/engine.js';
import type { VideoFrame } from '../frame/video-frame.js';
import type { RunOutputFiles, RunPlan, RunSink } from './run-sink.js';

/** A sink that keeps the decoded frames and the render record in memory (the bench evaluates them). */
export interface CollectSink extends RunSink {
  /**
   * Every decoded frame, in order (copies). With {@link CollectOptions.keep} only the chosen indices hold a frame:
   * `length` is still the number of frames the run made, and reading a frame that was not kept throws.
   */
  readonly frames: VideoFrame[];
  /** The render record, once the run finished. */
  readonly renderRecord: RenderRecordEntry[];
}

/** Which frames a {@link CollectSink} keeps, decided from the run's plan before the first chunk. */
export interface FrameSelection {
  /** The number of frames the selection was made for; a run that makes another number fails. */
  frameCount: number;
  /** Indices of the frames to keep. */
  indices: ReadonlySet<number>;
}

/** Options of {@link createCollectSink}. */
export interface CollectOptions {
  /**
   * Keeps only some frames (the ones a consumer will read): copying every decoded frame costs more than reading the
   * few a pixel evaluation samples. Without it every frame is kept. The sink declares these frames (`framesRead`),
   * so a run without a next sink decodes only them (with the policy's).
   */
  keep?: (plan: RunPlan) => FrameSelection;
}

/**
 * Keeps frames and render record in memory, optionally passing everything on to another sink (whose files run.json
 * lists), so one run both writes its folder and feeds the evaluator. The next sink always receives every frame.
 *
 * @example
 * const collect = createCollectSink(createRunDirSink({ dir }));
 * await runScript(spec, collect);
 * evaluateVideo({ frames: collect.frames, ... });
 */
export function createCollectSink(next?: RunSink, options: CollectOptions = {}): CollectSink {
  const kept: VideoFrame[] = [];
  const renderRecord: RenderRecordEntry[] = [];
  let selection: FrameSelection | undefined;
  let videoFramesPerLatent = 1;
  let count = 0;
  const frames = new Proxy(kept, {
    get(target, property, receiver) {
      if (selection !== undefined && typeof property === 'string' && /^\d+$/.test(property)) {
        const index = Number(property);
        if (index < count && !selection.indices.has(index)) {
          throw new Error(
            `frame ${index} was read but not kept: the collect sink's frame selection leaves it out (add it to the selection)`,
          );
        }
      }
      return Reflect.get(target, property, receiver);
    },
  });
  return {
    frames,
    renderRecord,
    async open(plan): Promise<RunOutputFiles | null> {
      selection = options.keep?.(plan);
      videoFramesPerLatent = plan.timeline.videoFramesPerLatent;
      return next ? next.open(plan) : null;
    },
    framesRead(chunk) {
      // The next sink reads what it declares (every frame when it declares nothing); this one its selection.
      const nextDemand = next ? (next.framesRead?.(chunk) ?? 'all') : [];
      if (selection === undefined || nextDemand === 'all') return 'all';
      const first = chunk.startFrame * videoFramesPerLatent;
      const length = chunk.frames.length * videoFramesPerLatent;
      const own = Array.from({ length }, (_, index) => index).filter((index) =>
        selection!.indices.has(first + index),
      );
      return [...own, ...nextDemand];
    },
    async onFrames(chunk, chunkFrames) {
      for (let index = 0; index < chunkFrames.count; index++) {
        if (selection === undefined || selection.indices.has(count)) {
          const frame = chunkFrames.at(index);
          kept[count] = { ...frame, data: frame.data.slice() };
        }
        count++;
      }
      kept.length = count;
      await next?.onFrames(chunk, chunkFrames);
    },
    async onRenderRecord(entries) {
      renderRecord.push(...entries);
      await next?.onRenderRecord(entries);
    },
    async commit(runJson) {
      if (selection !== undefined && count !== selection.frameCount) {
        throw new Error(
          `the run made ${count} frames where its plan said ${selection.frameCount}: the frames kept for evaluation would be the wrong ones`,
        );
      }
      await next?.commit(runJson);
    },
    async abort() {
      await next?.abort();
    },
  };
}
