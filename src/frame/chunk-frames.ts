import { IamflowError } from '../errors/iamflow-error.js';
import type { VideoFrame } from './video-frame.js';

/**
 * Which video frames of a chunk a consumer reads, as indices within the chunk (0 is the chunk's first video frame):
 * `'all'`, or a list (empty when it reads none). The run loop decodes the union of its consumers' demands.
 */
export type FrameDemand = 'all' | readonly number[];

/**
 * The decoded video frames of one chunk: every frame, or only those the run's consumers declared (`FrameDemand`).
 * A consumer reads what it declared; reading another frame throws instead of yielding a hole.
 */
export interface ChunkFrames {
  /** Video frames the chunk has, decoded or not (`chunkFrames * videoFramesPerLatent` of the engine). */
  readonly count: number;
  /** Whether every frame of the chunk was decoded (some consumer asked for all, or the engine decodes whole chunks). */
  readonly complete: boolean;
  /** Whether frame `index` (within the chunk) was decoded. */
  has(index: number): boolean;
  /** Frame `index` (within the chunk); throws when it was not decoded (no consumer declared it). */
  at(index: number): VideoFrame;
  /** Every frame in order; throws unless `complete` (for consumers that did not declare, or declared `'all'`). */
  all(): readonly VideoFrame[];
}

/**
 * Every frame of a chunk, as `decodeChunk` returned them.
 *
 * @example
 * const frames = completeChunkFrames(await engine.decodeChunk(0));
 * frames.all().length // 12
 */
export function completeChunkFrames(frames: readonly VideoFrame[]): ChunkFrames {
  return partialChunkFrames(frames.length, new Map(frames.map((frame, index) => [index, frame])));
}

/**
 * Some frames of a chunk of `count` frames, by index within the chunk (as `decodeFrames` returned them).
 *
 * @example
 * const frames = partialChunkFrames(12, new Map([[4, frame]]));
 * frames.has(0) // false; frames.at(0) throws
 */
export function partialChunkFrames(count: number, decoded: ReadonlyMap<number, VideoFrame>): ChunkFrames {
  const complete =
    decoded.size === count && [...decoded.keys()].every((index) => index >= 0 && index < count);
  const missing = (what: string) =>
    new IamflowError({
      message: `${what} of the chunk was not decoded (${decoded.size} of ${count} frames were): the consumer reading it must declare it in its frame demand (framesRead)`,
    });
  return {
    count,
    complete,
    has: (index) => decoded.has(index),
    at(index) {
      const frame = decoded.get(index);
      if (frame === undefined) throw missing(`video frame ${index}`);
      return frame;
    },
    all() {
      if (!complete) throw missing('not every frame');
      return Array.from({ length: count }, (_, index) => decoded.get(index)!);
    },
  };
}

/**
 * The union of several consumers' demands on a chunk of `count` frames: `'all'` when one asks for all, else the
 * indices asked, ascending and each once (those outside the chunk left out).
 *
 * @example
 * unionFrameDemands([[8, 0], [0, 4]], 12) // [0, 4, 8]
 */
export function unionFrameDemands(demands: readonly FrameDemand[], count: number): FrameDemand {
  if (demands.includes('all')) return 'all';
  const indices = new Set<number>();
  for (const demand of demands as readonly (readonly number[])[])
    for (const index of demand)
      if (Number.isInteger(index) && index >= 0 && index < count) indices.add(index);
  return indices.size === count ? 'all' : [...indices].sort((a, b) => a - b);
}
