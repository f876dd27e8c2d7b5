/**
 * IAMFlow's published configuration (DESIGN.md, "Reference parameters"): the one home of the reference
 * defaults that the engine settings, the timeline, the transitions, the policies, the suite, the evaluator and
 * the bench read. Units are latent frames unless a name says otherwise. This module imports nothing.
 */
const parameters = {
  /** The video and its timeline. */
  video: {
    /** Video frames per second. */
    fps: 16,
    /** Seconds per prompt when a script does not say (a 6-prompt script is 60 s). */
    secondsPerPrompt: 10,
    /** Prompts of a benchmark script: 60 s at 10 s per prompt. */
    promptsPerScript: 6,
    /** Video frames per latent frame. */
    videoFramesPerLatent: 4,
    /** Latent frames per generated chunk. */
    chunkFrames: 3,
  },
  /** The attention context of a causal engine (LongLive layout, shared by MemFlow and IAMFlow). */
  context: {
    /** Sink frames: the first chunk, kept for the whole video. */
    sinkFrames: 3,
    /** Rolling local frames, including the current chunk. */
    localFrames: 9,
    /** Attention window = sink + local; also the most frames a LongLive recache re-runs. */
    attentionWindowFrames: 12,
    /** Bank slots allocated for injected memory frames. */
    bankCapacity: 6,
    /** Most frames IAMFlow injects into the bank. */
    bankBudget: 4,
    /**
     * Sparse memory activation: frames of sink + bank each attention head attends to (IAMFlow causal_model.py,
     * `dynamic_topk_routing_attention(..., top_k=3)` with `SMA: true` in configs/iamflow.yaml).
     */
    memoryTopK: 3,
  },
  /** Denoising of a chunk. */
  denoising: {
    /** Timesteps, highest first. */
    steps: [1000, 750, 500, 250],
    /** Timestep shift: sigma = shift * t / (1 + (shift - 1) * t) with t = step / 1000. */
    timestepShift: 5,
  },
  /** MemFlow's bank. */
  memflow: {
    /** Bank frames. */
    bankFrames: 3,
    /** Record the first latent frame of every this many chunks. */
    recordEveryChunks: 3,
  },
  /** Soft prompt transition (SPT). */
  softTransition: {
    /** Frames after a switch before the blend starts. */
    delayFrames: 3,
    /** Shortest ramp. */
    minWindowFrames: 3,
    /** Longest ramp (d = 1). */
    maxWindowFrames: 15,
    /** Steepness of the sigmoid ramp. */
    steepness: 6,
    /** Window of a non-adaptive curve, latent frames (transition_scheduler.py:9, iamflow.yaml spt.window_frames). */
    windowFrames: 9,
  },
  /** IAMFlow's memory: archiving, scoring, selection. */
  memory: {
    /** Chunks between a chunk's end and its leaving the local window (9 local frames / 3 per chunk). */
    evictionLagChunks: 3,
    /** Token weight inside an entity mention or attribute span. */
    entityTokenWeight: 2.5,
    /** Token weight of the scene head. */
    sceneHeadWeight: 0.7,
    /** Token weight of the camera tail. */
    cameraTailWeight: 0.5,
    /** Token weight of every other token. */
    baseTokenWeight: 1,
    /** Weight of the min-max normalised text score in the fused score. */
    textWeight: 0.7,
    /** Weight of the VLM visual score in the fused score. */
    visualWeight: 0.3,
    /** Visual score used when the verifier gave none. */
    missingVisualScore: 0.5,
    /** Least ID-memory budget when a segment has >= 2 entities and the archive >= 2 frames. */
    minMultiEntityBudget: 2,
    /** Frames of prompt-mode memory (ablation): top by score. */
    promptTopFrames: 3,
    /** Text slots the reference weights: Wan's T5 pads every prompt to 512 tokens. */
    referenceTextSlots: 512,
    /** Margin, as a fraction of the slots, widened on both sides of a keyword span. */
    spanMargin: 0.02,
    /** Scene head: slots before this fraction. */
    sceneHeadFraction: 0.08,
    /** Camera tail: slots from this fraction on. */
    cameraTailFraction: 0.92,
    /** Fallback span when no keyword is found, as fractions [start, end) of the slots. */
    fallbackSpan: [0.1, 0.85],
    /** Weight of the fallback span. */
    fallbackTokenWeight: 1.5,
    /** Prompt-mode weight of the body, slots [0.08, 0.92). */
    promptBodyWeight: 1.2,
    /** Prompt-mode weights stay all ones up to this many slots. */
    promptMinSlots: 4,
  },
  /** The VLM verifier. */
  vlm: {
    /** Video frames of a chunk it looks at. */
    frameIndices: [0, 4, 8],
    /** Side in pixels of the square frames it receives. */
    frameSize: 256,
    /** Milliseconds before a verification result is given up. */
    timeoutMs: 30_000,
    /** Segment chunk (0-based) after which the first chunk's corrections are read. */
    correctionChunk: 1,
  },
};

/** Read-only all the way down, with numbers kept as `number` (so settings can override them). */
type DeepReadonly<T> = { readonly [K in keyof T]: T[K] extends object ? DeepReadonly<T[K]> : T[K] };

/** The reference parameters, read-only. */
export const reference: DeepReadonly<typeof parameters> = parameters;
