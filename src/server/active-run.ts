import type { LivePrompts } from '../pipeline/live-prompts.js';
import type { RunHub } from './run-hub.js';
import type { RunRow } from './run-index.js';

/** A run this process knows about: its hub, and while it runs, its live prompts. */
export interface ActiveRun {
  row: RunRow;
  dir: string;
  hub: RunHub;
  live?: LivePrompts;
  /** Chunks done / total, once running. */
  progress?: { chunksDone: number; totalChunks: number };
  /** The engine's context layout in latent frames, once the run started. */
  layout?: { sinkFrames: number; localFrames: number };
  /** Milliseconds from the start of the run to its first frame event, once streamed. */
  firstFrameMs?: number;
  /** Resolves when the run (and its evaluation) ended, whatever the outcome. */
  finished: Promise<void>;
}
