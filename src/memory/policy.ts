import type {
  CausalVideoEngineV1,
  EncodedPrompt,
  EncodeImageOptions,
  GeneratedChunk,
} from '../engine/engine.js';
import type { ChunkFrames, FrameDemand } from '../frame/chunk-frames.js';
import type { VideoFrame } from '../frame/video-frame.js';
import type { Segment, Timeline } from '../script/timeline.js';
import type { MemoryEventSink } from './memory-event.js';

export type {
  MemoryEvent,
  MemoryEventOf,
  MemoryEventSink,
  MemoryEventType,
} from './memory-event.js';

/**
 * A memory policy decides what the engine's bank holds and how the context changes at a prompt switch.
 * The streaming loop calls it; policies never see annotations or the render record. New policies are added to the
 * list in `policy-registry.ts` without touching the loop.
 */
export interface MemoryPolicyV1 {
  readonly specificationVersion: 'v1';
  /** Policy name as chosen with `--policy`, e.g. `self-forcing`. */
  readonly name: string;
  /**
   * What the loop does to the context at a prompt switch: `swap` replaces the prompt in place (Self-Forcing),
   * `recache` re-runs the local window under the new prompt (LongLive), `soft` blends old and new prompt over a
   * window of frames (soft prompt transition).
   */
  readonly transition: TransitionKind;
  /**
   * Sparse memory activation the loop asks the engine for on every generate and recache call: attend only to this
   * many frames of sink + bank (IAMFlow: 3), chosen per attention pass by mean query . mean frame key. Omitted:
   * dense attention over the whole context (Self-Forcing, LongLive, MemFlow as released).
   */
  readonly memoryTopK?: number;
  /** Called before the first chunk of every segment, after the loop applied the transition. */
  onSegmentStart?(event: SegmentStartEvent): Promise<void>;
  /** Called after every chunk, with its key summaries and decoded frames (those `framesRead` declares). */
  onChunkEnd?(event: ChunkEndEvent): Promise<void>;
  /**
   * The video frames of a chunk `onChunkEnd` reads, asked before the chunk is decoded: `[]` for a policy that reads
   * none. Omitted: every frame. The loop decodes only what its consumers read.
   */
  framesRead?(chunk: GeneratedChunk): FrameDemand;
  /** Called once after the last chunk: settle asynchronous work. */
  finish?(): Promise<void>;
  /**
   * Releases what the policy holds outside the loop (a verification thread), whether the run finished or failed.
   * Called once after the run; safe after `finish`.
   */
  dispose?(): Promise<void>;
  /** JSON-serialisable state for run.json and checkpoints. */
  snapshot?(): unknown;
  /**
   * Optional ability: everything the policy (and its agents) needs to continue after the chunk just ended, as JSON
   * (registry, archive, pending verifications, random state). Called between chunks; `restore` reads it back.
   */
  checkpoint?(): Promise<unknown>;
  /**
   * Optional ability: continues from a `checkpoint()` of a policy created with the same context and settings, before
   * the next chunk. Throws an `InputError` on a damaged or mismatched state.
   */
  restore?(state: unknown): Promise<void>;
}

/** The current version of the policy port. */
export type MemoryPolicy = MemoryPolicyV1;

export type TransitionKind = 'swap' | 'recache' | 'soft';

/**
 * What a policy (and the agents it drives) may see of the engine: its identity, geometry, the bank primitives and
 * (when the engine has it) image encoding into the store.
 * No generation, no decoding and no render record: `createPolicyEngine` builds it as a separate object, so the
 * rest of the engine is unreachable at run time too.
 */
export type PolicyEngine = Pick<
  CausalVideoEngineV1,
  | 'specificationVersion'
  | 'provider'
  | 'modelId'
  | 'info'
  | 'storeFrame'
  | 'dropFrame'
  | 'setBank'
  | 'encodeImage'
>;

/**
 * The narrowed engine view a policy receives: a new frozen object holding only the allowed members (bound to the
 * engine), never the engine itself.
 *
 * @example
 * const view = createPolicyEngine(engine);
 * 'renderRecord' in view // false
 */
export function createPolicyEngine(engine: PolicyEngine): PolicyEngine {
  return Object.freeze({
    specificationVersion: engine.specificationVersion,
    provider: engine.provider,
    modelId: engine.modelId,
    info: Object.freeze({ ...engine.info, denoisingSteps: [...engine.info.denoisingSteps] }),
    storeFrame: (frame: number, id: string) => engine.storeFrame(frame, id),
    dropFrame: (id: string) => engine.dropFrame(id),
    setBank: (ids: readonly string[]) => engine.setBank(ids),
    ...(engine.encodeImage
      ? { encodeImage: (options: EncodeImageOptions) => engine.encodeImage!(options) }
      : {}),
  });
}

/** What every policy factory receives. */
export interface PolicyContext {
  /** The engine view whose bank the policy manages (`storeFrame`, `dropFrame`, `setBank`). */
  engine: PolicyEngine;
  /** The run's latent timeline (prompts, switch frames). */
  timeline: Timeline;
  /** Where the policy reports what it did, for run.json. */
  events: MemoryEventSink;
  /** The run's seed: every random choice of the policy (ablations) derives from it. */
  seed: number;
  /** The script's character references and start image, decoded (user input; docs/references.md). */
  references?: PolicyReferences;
}

/** User-given pictures of a run, decoded. Policies that keep no memory ignore them. */
export interface PolicyReferences {
  /** One per character reference of the script. */
  characters: CharacterReferenceImage[];
  /** The picture the video starts from. */
  startImage?: VideoFrame;
}

/** A character's reference picture with the words that identify the character. */
export interface CharacterReferenceImage {
  /** The script's key (`nora`). */
  key: string;
  /** The name prompts use (`Nora`). */
  name: string;
  /** A look description (`a woman with red hair and a yellow coat`). */
  description?: string;
  image: VideoFrame;
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
  /** The chunk's decoded video frames: those the policy's `framesRead` declared (all without it). */
  frames: ChunkFrames;
}

/** Creates a policy for one run. `settings` are policy-specific options (validated by the factory). */
export type PolicyFactory = (context: PolicyContext, settings?: Record<string, unknown>) => MemoryPolicy;

/** One entry of the policy list: a name, what it takes, and its factory. */
export interface PolicyRegistration {
  /** Name as chosen with `--policy`. */
  readonly name: string;
  /** One line for help texts. */
  readonly summary: string;
  /**
   * Whether the policy takes the LLM/VLM agent settings (`extractor`, `verifier`, `syncVerify`): front ends refuse
   * agent flags for a policy that does not.
   */
  readonly takesAgents: boolean;
  /** Creates the policy for one run. */
  readonly create: PolicyFactory;
}
