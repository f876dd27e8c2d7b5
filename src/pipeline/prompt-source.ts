import type { Segment, Timeline } from '../script/timeline.js';

/**
 * Where the streaming loop reads the upcoming prompts at every chunk boundary (LongLive's interactive mode): a
 * viewer edits or inserts prompts while a run streams, and the switch happens at the next chunk with the policy's
 * transition. Without one, the loop follows the timeline it was given.
 */
export interface PromptSource {
  /**
   * Called before chunk `chunk` is generated, with the timeline followed so far. Returns the timeline to follow from
   * here on, or undefined to keep it. Segments that started before `chunk` keep their index, prompt and start (the
   * current one may end at `chunk`); the loop rejects a timeline that rewrites the past.
   */
  timelineAt(chunk: number, current: Timeline): Timeline | undefined;
}

/** One prompt of a timeline given by its length in chunks. */
export interface ChunkSegment {
  prompt: string;
  /** Length in chunks, at least 1. */
  chunks: number;
}

/**
 * Lays prompts given in whole chunks on a timeline with the geometry of `base`.
 *
 * @example
 * timelineFromChunks(timeline, [{ prompt: 'Nora walks.', chunks: 13 }, { prompt: 'Ravi waves.', chunks: 4 }]);
 */
export function timelineFromChunks(base: Timeline, items: readonly ChunkSegment[]): Timeline {
  let startChunk = 0;
  const segments: Segment[] = items.map((item, index) => {
    const endChunk = startChunk + Math.max(1, Math.floor(item.chunks));
    const segment = {
      index,
      prompt: item.prompt,
      startFrame: startChunk * base.chunkFrames,
      endFrame: endChunk * base.chunkFrames,
      startChunk,
      endChunk,
    };
    startChunk = endChunk;
    return segment;
  });
  const totalLatentFrames = startChunk * base.chunkFrames;
  return {
    fps: base.fps,
    videoFramesPerLatent: base.videoFramesPerLatent,
    chunkFrames: base.chunkFrames,
    totalLatentFrames,
    totalChunks: startChunk,
    totalVideoFrames: totalLatentFrames * base.videoFramesPerLatent,
    segments,
  };
}

/**
 * The prompts and seconds of a timeline, chunk-exact, so `buildTimeline` lays them out again with the same segment
 * boundaries: the script to replay a run whose prompts changed while it streamed.
 *
 * @example
 * const { prompts, seconds } = scriptOfTimeline(result.timeline); // seconds multiples of 0.75 at 16 fps
 */
export function scriptOfTimeline(timeline: Timeline): { prompts: string[]; seconds: number[] } {
  const latentPerSecond = timeline.fps / timeline.videoFramesPerLatent;
  return {
    prompts: timeline.segments.map((segment) => segment.prompt),
    seconds: timeline.segments.map((segment) => (segment.endFrame - segment.startFrame) / latentPerSecond),
  };
}

/** Whether `next` keeps every segment that started before `chunk` as `current` has it. */
export function keepsPast(current: Timeline, next: Timeline, chunk: number): boolean {
  if (next.chunkFrames !== current.chunkFrames || next.videoFramesPerLatent !== current.videoFramesPerLatent)
    return false;
  for (const segment of current.segments) {
    if (segment.startChunk >= chunk) break;
    const kept = next.segments[segment.index];
    if (!kept || kept.prompt !== segment.prompt || kept.startChunk !== segment.startChunk) return false;
    if (kept.endChunk < Math.min(segment.endChunk, chunk)) return false;
  }
  return next.totalChunks >= chunk;
}
