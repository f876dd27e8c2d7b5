import { z } from 'zod';
import type { EngineCosts } from '../engine/engine.js';
import type { MemoryEvent } from '../memory/policy.js';
import type { Segment, Timeline } from '../script/timeline.js';
import { runJsonSchema } from './run-json.js';
import type { ChunkTiming, PromptRecord, SwitchRecord } from './run-result.js';
import type { SoftTransitionSchedule } from './transition.js';

/** The streaming loop's own state after a chunk: what `generateVideo` needs, besides engine and policy, to go on. */
export interface LoopState {
  /** Chunks done: the next chunk to generate. */
  nextChunk: number;
  /** The timeline followed so far. */
  timeline: Timeline;
  prompts: PromptRecord[];
  chunks: ChunkTiming[];
  switches: SwitchRecord[];
  memoryEvents: MemoryEvent[];
  videoFramesDone: number;
  /** Milliseconds the run had taken (its clock), so a resumed run reports the sum. */
  elapsedMs: number;
  /** The segment in progress (its prompt is encoded again: encoding is pure) and the one before it. */
  current: { segment: Segment; previous?: Segment } | null;
  schedule: SoftTransitionSchedule | null;
  transitionMs: number;
  transitionCosts: EngineCosts;
  costsBefore: EngineCosts;
  costsAtStart: EngineCosts;
}

/** A whole checkpoint of the loop: its state, and the engine's and policy's own (JSON, read back by them). */
export interface LoopCheckpoint {
  loop: LoopState;
  /** `engine.snapshot()`. */
  engine: unknown;
  /** `policy.checkpoint()`. */
  policy: unknown;
}

const shape = runJsonSchema.shape;
const costs = shape.costs.shape.total;
const segment = shape.timeline.shape.segments.element;

/** Schema of `LoopState` as JSON. */
export const loopStateSchema = z.object({
  nextChunk: z.number().int().nonnegative(),
  timeline: shape.timeline,
  prompts: shape.prompts,
  chunks: shape.chunks,
  switches: shape.costs.shape.switches,
  memoryEvents: shape.memoryEvents,
  videoFramesDone: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
  current: z.object({ segment, previous: segment.optional() }).nullable(),
  schedule: z
    .object({
      curve: z.enum(['cosine', 'linear', 'sigmoid', 'step']),
      delayFrames: z.number(),
      windowFrames: z.number(),
      steepness: z.number(),
      chunkFrames: z.number(),
    })
    .nullable(),
  transitionMs: z.number(),
  transitionCosts: costs,
  costsBefore: costs,
  costsAtStart: costs,
});
