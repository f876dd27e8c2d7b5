import type { VideoFrame } from '../../frame/video-frame.js';
import type { ProviderWarning } from '../../provider/provider-warning.js';

/**
 * The VLM agent port: looks at a few decoded frames of a chunk and says how well they show the characters the
 * prompt names, and, on a segment's first chunk, which registered attributes the pixels contradict.
 * Implementations: `pixel` (embedded computer vision) and `openai` (any OpenAI-compatible vision endpoint).
 */
export interface FrameVerifierV1 {
  /** Version of this port; bumped on incompatible change. */
  readonly specificationVersion: 'v1';
  /** Provider name, e.g. `pixel`, `openai`; recorded in run.json. */
  readonly provider: string;
  /** Model identifier as the provider names it (`pixel-v1`, `qwen2.5-vl-7b`). */
  readonly modelId: string;
  /**
   * Verifies one chunk's sampled frames. A provider that fails throws; `withVerifierFallback` turns that into the
   * fallback's answer with a `fallback` warning, and the verify queue records any throw as a warning.
   */
  verify(input: VerifyInput): Promise<VerifyResult>;
  /**
   * Optional ability of a verifier that keeps state between calls (the pixel verifier's recent frames): that state
   * as JSON, for checkpoints. A verifier without it is taken to be stateless.
   */
  snapshot?(): unknown;
  /**
   * Optional ability, with `snapshot`: a cheap hold of the current state (no copy, no encoding) whose call returns
   * what `snapshot()` returned at the time of the hold. For a verifier that replaces its state rather than changing
   * it in place; a checkpoint taker holds the state after every call and serialises only the hold it needs.
   */
  hold?(): () => unknown;
  /** Optional ability: continues from a `snapshot()`; throws on a damaged one. */
  restore?(state: unknown): void;
}

/** What a verifier looks at. */
export interface VerifyInput {
  /** Sampled frames of the chunk (reference: video frames 0, 4, 8, resized to 256 x 256). */
  frames: VideoFrame[];
  /** Characters the segment's prompt names, with their registered attributes. */
  entities: VerifyEntity[];
  /** The segment's prompt text (the reference puts it in the question). */
  prompt?: string;
  /**
   * Every registered character with its attributes, on a segment's first chunk: the reference asks the verifier
   * to check all of them, not only those the prompt names.
   */
  registered?: VerifyEntity[];
  /**
   * Width / height of the decoded frames before they were squeezed to a square (the reference squeezes them):
   * a verifier that measures shapes can restore the proportions.
   */
  sourceAspect?: number;
  /** True on a segment's first chunk: the only time corrections are asked for. */
  firstChunkOfSegment: boolean;
}

/** A character the frames should show. */
export interface VerifyEntity {
  /** Global entity ID. */
  id: number;
  /** Registry type name (`woman_1`) or proper name. */
  name: string;
  /** Registered visual attributes ("red coat", "blonde hair"). */
  attrs: string[];
}

/** What a verifier returns. */
export interface VerifyResult {
  /** One score 0..1 per input frame: how well it shows the named characters as described. */
  scores: number[];
  /** Entity IDs recognised in each frame, when the provider can tell (used as frame coverage). */
  seen?: number[][];
  /**
   * Where each recognised entity is in each frame, when the provider can tell: per frame, one box per entity it
   * saw (the character sheets crop these).
   */
  boxes?: VerifyBox[][];
  /** Attributes that replace registered ones first chunk of a segment only. */
  corrections?: VerifyCorrection[];
  /** Non-fatal notes. */
  warnings?: VerifyWarning[];
}

/** Where one entity is in one frame. */
export interface VerifyBox {
  /** Entity ID. */
  id: number;
  /** Left, top, width, height as fractions (0..1) of the frame's width and height, so any frame size can use it. */
  box: [number, number, number, number];
}

/** Attributes the pixels show instead of the registered ones. */
export interface VerifyCorrection {
  /** Entity to correct. */
  id: number;
  /** Replacement attribute phrases ("green coat"). */
  attrs: string[];
}

/** A non-fatal note attached to a result. */
export type VerifyWarning = ProviderWarning;

/**
 * The verifier's state now, for a checkpoint taken later: held without copying where the verifier can (`hold`),
 * else its `snapshot()` taken at once; undefined from the call for a stateless verifier.
 *
 * @example
 * let state = holdVerifierState(verifier); // after each verification
 * checkpoint.verifier = state();           // serialised only when a checkpoint is written
 */
export function holdVerifierState(verifier: Pick<FrameVerifierV1, 'hold' | 'snapshot'>): () => unknown {
  if (verifier.hold) return verifier.hold();
  const state = verifier.snapshot?.();
  return () => state;
}
