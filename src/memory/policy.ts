import type { CausalVideoEngineV1, EncodedPrompt, GeneratedChunk } from '../engine/engine.js';
import type { VideoFrame } from '../frame/video-frame.js';
import type { Segment, Timeline } from '../script/timeline.js';

/**
 * A memory policy decides what the engine's bank holds and how the context changes at a prompt switch.
 * The streaming loop calls it; policies never see annotations. New policies register a factory in
 * `policies/registry.ts` without touching the loop.
 */
export interface MemoryPolicy {
  /** Policy name as chosen with `--policy`, e.g. `self-forcing`. */
  readonly name: string;
  /**
   * What the loop does to the context at a prompt switch: `swap` replaces the prompt in place (Self-Forcing),
   * `recache` re-runs the local window under the new prompt (LongLive), `soft` blends old and new prompt over a
   * window of frames (soft prompt transition).
   */
  readonly transition: TransitionKind;
  /** Called before the first chunk of every segment, after the loop applied the transition. */
  onSegmentStart?(event: SegmentStartEvent): Promise<void>;
  /** Called after every chunk, with its key summaries and decoded frames. */
  onChunkEnd?(event: ChunkEndEvent): Promise<void>;
  /** Called once after the last chunk: settle asynchronous work. */
  finish?(): Promise<void>;
  /** JSON-serialisable state for run.json and checkpoints. */
  snapshot?(): unknown;
}

export type TransitionKind = 'swap' | 'recache' | 'soft';

/** What every policy factory receives. */
export interface PolicyContext {
  /** The engine whose bank the policy manages (`storeFrame`, `dropFrame`, `setBank`). */
  engine: CausalVideoEngineV1;
  /** The run's latent timeline (prompts, switch frames). */
  timeline: Timeline;
  /** Where the policy reports what it did, for run.json. */
  events: MemoryEventSink;
}

/** Receives memory events. */
export type MemoryEventSink = (event: MemoryEvent) => void;

/** One thing a policy did, recorded in run.json. `type` names the noun first (`bank-set`, `frame-store`). */
export interface MemoryEvent {
  /** Event type, e.g. `frame-store`, `frame-drop`, `bank-set`, `frame-archive`, `memory-retrieve`, `verify-end`. */
  type: string;
  /** Chunk index at which it happened. */
  chunk: number;
  /** Event-specific details (JSON-serialisable). */
  [key: string]: unknown;
}

/** A segment is about to start. */
export interface SegmentStartEvent {
  segment: Segment;
  /** The segment's encoded prompt. */
  prompt: EncodedPrompt;
  /** The previous segment and its prompt, absent for the first. */
  previous?: { segment: Segment; prompt: EncodedPrompt };
}

/** A chunk was generated and decoded. */
export interface ChunkEndEvent {
  segment: Segment;
  prompt: EncodedPrompt;
  /** The chunk with its per-frame key summaries. */
  chunk: GeneratedChunk;
  /** The chunk's decoded video frames. */
  frames: VideoFrame[];
}

/** Creates a policy for one run. `settings` are policy-specific options (validated by the factory). */
export type PolicyFactory = (context: PolicyContext, settings?: Record<string, unknown>) => MemoryPolicy;
