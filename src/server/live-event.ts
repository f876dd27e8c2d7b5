import type { MemoryEvent } from '../memory/memory-event.js';
import type { PromptEdit } from '../pipeline/live-prompts.js';
import type { RunStatus } from './run-index.js';

/** A prompt of the planned timeline, as viewers see it. */
export interface LiveSegment {
  index: number;
  prompt: string;
  startChunk: number;
  endChunk: number;
}

/** What a run's stream carries (one SSE event each, `event:` being the type). */
export type LiveEvent =
  | { type: 'status'; status: RunStatus; error?: string }
  | {
      type: 'plan';
      segments: LiveSegment[];
      totalChunks: number;
      fps: number;
      videoFramesPerLatent: number;
      chunkFrames: number;
      width: number;
      height: number;
      /** The engine's sink and local window, in latent frames. */
      sinkFrames: number;
      localFrames: number;
      edits: PromptEdit[];
    }
  | { type: 'segment'; segment: number; prompt: string; chunk: number }
  | { type: 'chunk'; chunk: number; chunksDone: number; totalChunks: number; elapsedMs: number }
  | { type: 'frame'; frame: number; chunk: number; jpeg: string; latencyMs: number }
  | { type: 'memory'; event: MemoryEvent }
  | { type: 'timing'; firstFrameMs: number };
