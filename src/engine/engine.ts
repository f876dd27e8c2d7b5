import type { VideoFrame } from '../frame/video-frame.js';
/**
 * The engine port: the primitives a causal (autoregressive) video engine offers, shaped so that a GPU engine
 * (a Wan2.1-class Self-Forcing / LongLive model) and the embedded miniature engine implement the same thing.
 *
 * The context of the next chunk is always `sink | bank | local window`: the sink is the first chunk (kept for
 * the whole video), the bank holds frames a memory policy injected by id, the local window rolls over the most
 * recent frames including the chunk being made. An engine sees only prompt text and this context: nothing in
 * this interface carries entity ids, registries or annotations.
 */
export interface CausalVideoEngineV1 {
  readonly specificationVersion: 'v1';
  /** Implementation name, e.g. `mini` or `remote`. */
  readonly provider: string;
  /** Model identifier, e.g. `mini-causal-v2` or the remote model name. */
  readonly modelId: string;
  /** Fixed geometry and context layout of this engine instance. */
  readonly info: EngineInfo;

  /** Encodes a prompt with the engine's own text encoder. Pure for a given text. */
  encodePrompt(text: string): Promise<EncodedPrompt>;

  /**
   * Generates the next chunk (`info.chunkFrames` latent frames) from the prompt and the current context, runs
   * the denoising steps, then writes the chunk's keys/values with one extra context pass at timestep 0.
   * With `startImage` (chunk 0 only, engines with `info.imageToVideo`) the first latent frame is the encoded image.
   * Throws an `EngineError` (`start-image-unsupported`, `start-image-not-first`) when that cannot be.
   */
  generateChunk(options: GenerateChunkOptions): Promise<GeneratedChunk>;

  /**
   * Recaches the local window under a new prompt (LongLive): re-runs the last min(window, t) generated latent
   * frames' context pass conditioned on `prompt`. The sink keeps its first-prompt keys. Real work, counted in
   * `costs()`.
   */
  recache(prompt: EncodedPrompt, options?: RecacheOptions): Promise<void>;

  /** Copies the keys/values of an already generated latent frame into the store under `id` (replaces). */
  storeFrame(frame: number, id: string): Promise<void>;

  /** Forgets a stored frame. Unknown ids are ignored. */
  dropFrame(id: string): Promise<void>;

  /**
   * Sets the memory bank to these stored frames, in order (at most `info.bankCapacity`). Bank frames keep their
   * original temporal positions. Throws on an unknown id.
   */
  setBank(ids: readonly string[]): Promise<void>;

  /** Decodes a generated chunk to RGB video frames (`info.chunkFrames * info.videoFramesPerLatent` of them). */
  decodeChunk(chunk: number): Promise<VideoFrame[]>;

  /**
   * Optional ability: decodes only some video frames of a generated chunk, `frames` being indices within the chunk
   * (0 .. `info.chunkFrames * info.videoFramesPerLatent - 1`). Resolves with one frame per index, in the order
   * given, each exactly the frame `decodeChunk` returns at that index; `costs().decodedFrames` grows by the number
   * of frames decoded. Lets a caller that reads a few frames of a chunk (a bench run without video, a verifier's
   * samples) skip drawing the rest. Throws an `EngineError` (`unknown-video-frame`) on an index outside the chunk.
   * Engines without it decode whole chunks; callers then use `decodeChunk`.
   *
   * @example
   * const [first, middle] = await engine.decodeFrames!(chunk.chunk, [0, 4]);
   */
  decodeFrames?(chunk: number, frames: readonly number[]): Promise<VideoFrame[]>;

  /** Cumulative work counters since creation. */
  costs(): EngineCosts;

  /** Frees resources. The engine is unusable afterwards. */
  release(): Promise<void>;

  /**
   * Optional ability: the render record of a decoded chunk (what was drawn and why). Read only by the evaluator's
   * oracle and by debugging tools, never by memory policies or agents.
   */
  renderRecord?(chunk: number): RenderRecordEntry[];

  /** Optional ability: memory footprint of the frame store in bytes (for quantization benchmarks). */
  storeBytes?(): number;

  /** Optional ability: bytes of the engine's weights in their number format (for quantization benchmarks). */
  weightBytes?(): number;

  /**
   * Optional ability: a JSON-serialisable copy of everything the next chunk depends on (sink, bank, store, local
   * window, noise state, work counters), for checkpoints. Taken between chunks.
   */
  snapshot?(): Promise<unknown>;

  /**
   * Optional ability: replaces this engine's state with a `snapshot()` of an engine created with the same settings,
   * so generation continues as if never stopped. Throws an `EngineError` on a damaged or mismatched snapshot.
   */
  restore?(snapshot: unknown): Promise<void>;

  /**
   * Optional ability: encodes an image (a character reference, a start image) into a latent frame, runs its
   * context pass at timestep 0 conditioned on `text`, and stores its keys/values under `id` (replaces), so that
   * `setBank` can put it in the bank like a generated frame. A GPU engine does this with its VAE encoder.
   */
  encodeImage?(options: EncodeImageOptions): Promise<void>;
}

/** Options of `encodeImage`. */
export interface EncodeImageOptions {
  /** The pixels; an image of another size than `info.width` x `info.height` is scaled to it. */
  image: VideoFrame;
  /** Store id the encoded frame is kept under (as `storeFrame`'s). */
  id: string;
  /** Text the context pass is conditioned on (e.g. `Nora, a woman in a yellow coat`). Default: no text. */
  text?: string;
  /** Temporal position (latent frame index) the frame keeps in the bank. Default 0. */
  position?: number;
}

/** Geometry and context layout of an engine. */
export interface EngineInfo {
  /** Decoded frame width in pixels. */
  width: number;
  /** Decoded frame height in pixels. */
  height: number;
  /** Video frames per second of decoded output. Reference: 16. */
  fps: number;
  /** Video frames decoded from one latent frame. Reference: 4. */
  videoFramesPerLatent: number;
  /** Latent frames per generated chunk. Reference: 3. */
  chunkFrames: number;
  /** Sink latent frames (the first chunk, kept for the whole video). Reference: 3. */
  sinkFrames: number;
  /** Rolling local latent frames, including the chunk being generated. Reference: 9. */
  localFrames: number;
  /** Bank slots allocated for injected memory frames. Reference: 6 (policies use at most 4). */
  bankCapacity: number;
  /** Denoising timesteps, highest first. Reference: [1000, 750, 500, 250]. */
  denoisingSteps: readonly number[];
  /** Length of the key vectors in `EncodedPrompt.tokens[].key` and `FrameKeys.keys`. */
  keyDimension: number;
  /**
   * Image-to-video: `generateChunk` accepts `startImage` on chunk 0 (the first latent frame is the encoded image,
   * the rest of the chunk is denoised with it in context, so it stays in the sink). Absent means false.
   */
  imageToVideo?: boolean;
}

/** A prompt as the engine's text encoder sees it. */
export interface EncodedPrompt {
  /** Engine-local handle of this encoding. */
  id: string;
  /** The original text. */
  text: string;
  /** The encoder's tokens, in order. */
  tokens: PromptToken[];
  /** Mean token embedding (unit length), used to measure how far two prompts are apart. */
  embedding: Float32Array;
}

/** One text token of an encoded prompt. */
export interface PromptToken {
  /** The token's text as it appears in the prompt. */
  text: string;
  /** Character offset of the token's start in the prompt (inclusive). */
  start: number;
  /** Character offset of the token's end in the prompt (exclusive). */
  end: number;
  /** The token's key in the space of frame keys: `query . frameKey` is an attention logit. */
  key: Float32Array;
}

/** Options of one `generateChunk` call. */
export interface GenerateChunkOptions {
  /** The prompt conditioning this chunk. */
  prompt: EncodedPrompt;
  /**
   * Soft prompt transition: cross-attention blends `from` (weight 1 - alpha) with `prompt` (weight alpha).
   * Omitted means alpha = 1 (only `prompt`).
   */
  blend?: { from: EncodedPrompt; alpha: number };
  /**
   * Image-to-video, chunk 0 only, on engines with `info.imageToVideo`: the picture the video starts from. It is
   * encoded (a GPU engine's VAE encoder; scaled to `info.width` x `info.height` first) into the chunk's first latent
   * frame, which is not denoised; its keys/values are written by a context pass under `prompt`, then the chunk's
   * other frames are denoised with it in context. It is part of the sink for the whole video. Costs: that frame
   * counts in `contextPasses` (one more pass), not in `generatedFrames`.
   */
  startImage?: VideoFrame;
  /**
   * Sparse memory activation (IAMFlow): every attention pass of the chunk attends only to the `memoryTopK` frames
   * of sink + bank whose mean key scores highest against the pass's mean query, plus the local window; the other
   * frames' attention is not computed. Applies only while the bank holds frames. Omitted: dense attention over the
   * whole context. An engine without the ability ignores it.
   */
  memoryTopK?: number;
}

/** Options of one `recache` call. */
export interface RecacheOptions {
  /** Sparse memory activation for the recache's context passes, as `GenerateChunkOptions.memoryTopK`. */
  memoryTopK?: number;
}

/** What `generateChunk` returns. */
export interface GeneratedChunk {
  /** 0-based chunk index. */
  chunk: number;
  /** First latent frame index of the chunk. */
  startFrame: number;
  /** Per latent frame of the chunk: key summaries for memory scoring. */
  frames: FrameKeys[];
}

/** Key summaries of one latent frame. */
export interface FrameKeys {
  /** Latent frame index. */
  frame: number;
  /** A few pooled key vectors of the frame (each `info.keyDimension` long). */
  keys: Float32Array[];
}

/** Cumulative work counters. The units are the engine's own; ratios between runs are what matter. */
export interface EngineCosts {
  /** Latent frames produced by denoising. */
  generatedFrames: number;
  /** Denoising forward passes (steps x chunks). */
  denoisingPasses: number;
  /** Context (key/value writing) passes at timestep 0, including recache passes. */
  contextPasses: number;
  /** Latent frames re-run by recache. */
  recachedFrames: number;
  /** Attention work: sum over attention calls of query tokens x key tokens. */
  attentionOps: number;
  /** Video frames decoded to pixels. */
  decodedFrames: number;
}

/** One figure drawn in a video frame (miniature engine render record). */
export interface RenderedFigure {
  /** Figure slot within the latent frame (0-based). */
  slot: number;
  /** The appearance vector the decoder drew (engine-specific layout, documented by the engine). */
  appearance: number[];
  /** Bounding box in pixels: x, y, width, height. */
  box: [number, number, number, number];
  /** The text mention this figure was bound to in the conditioning prompt, or null when unbound. */
  mention: string | null;
}

/** One video frame of the render record. */
export interface RenderRecordEntry {
  /** Video frame index. */
  frame: number;
  /** Latent frame index. */
  latentFrame: number;
  /** The prompt text that conditioned this frame (the blend target during a soft transition). */
  prompt: string;
  /** The setting the scene token decoded to. */
  scene: { setting: string | null; appearance: number[] };
  figures: RenderedFigure[];
}
