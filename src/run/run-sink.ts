import type { GeneratedChunk, RenderRecordEntry } from '../engine/engine.js';
import type { ChunkFrames, FrameDemand } from '../frame/chunk-frames.js';
import type { VideoFrame } from '../frame/video-frame.js';
import type { RunJson } from '../pipeline/run-json.js';
import type { Timeline } from '../script/timeline.js';

/** What a sink learns before the first chunk. */
export interface RunPlan {
  /** The run's latent timeline (built with the engine's geometry). */
  timeline: Timeline;
  /** Decoded frame width in pixels. */
  width: number;
  /** Decoded frame height in pixels. */
  height: number;
  /** Video frames per second. */
  fps: number;
  /** Whether the sink will receive a render record (the engine has one and the spec asks for it). */
  renderRecord: boolean;
  /** Whether the spec asks for keyframes. */
  keyframes: boolean;
}

/** File names relative to a run folder, as run.json lists them. */
export type RunOutputFiles = RunJson['outputs'];

/**
 * Where a run's outputs go. `runScript` calls `open`, then `onFrames` per chunk in order, `onRenderRecord` once after
 * the policy finished, then `commit` with run.json; `abort` after a failure instead of `commit`.
 */
export interface RunSink {
  /** Prepares the outputs; resolves with the files run.json will list, or null when the sink writes no files. */
  open(plan: RunPlan): Promise<RunOutputFiles | null>;
  /**
   * Receives a chunk's decoded frames, those `framesRead` declared (the sink copies what it keeps: engines may reuse
   * buffers).
   */
  onFrames(chunk: GeneratedChunk, frames: ChunkFrames): Promise<void>;
  /**
   * Optional ability: the frames of a chunk `onFrames` reads (asked after `open`, before the chunk is decoded), so a
   * run decodes no frame nobody reads. Omitted: every frame.
   */
  framesRead?(chunk: GeneratedChunk): FrameDemand;
  /** Receives the whole render record once, after the run. */
  onRenderRecord(entries: RenderRecordEntry[]): Promise<void>;
  /** Finishes every output, run.json last (null when `open` resolved null). */
  commit(runJson: RunJson | null): Promise<void>;
  /** Removes what this run started; complete files of earlier runs stay. */
  abort(): Promise<void>;
  /**
   * Optional ability: makes every output received so far durable, then stores `checkpoint` (JSON) with the sink's
   * position atomically (temporary file, fsync, rename, fsync of the folder).
   */
  saveCheckpoint?(checkpoint: unknown): Promise<void>;
  /** Optional ability: the checkpoint last stored by `saveCheckpoint` (of an earlier, killed process), if any. */
  readCheckpoint?(): Promise<unknown | undefined>;
  /** Optional ability: instead of `open`, continues the outputs at the stored checkpoint's position. */
  resume?(plan: RunPlan): Promise<RunOutputFiles | null>;
}

/** A streaming video writer (the shape of `createMp4Encoder`). */
export interface FrameEncoder {
  /** Appends one frame. */
  write(frame: VideoFrame): Promise<void> | void;
  /** Finishes the file (what it resolves with is not read). */
  close(): Promise<unknown>;
  /** Stops and removes the partial file. */
  abort(): Promise<void>;
}
