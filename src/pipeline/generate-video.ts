import type {
  CausalVideoEngineV1,
  EncodedPrompt,
  GenerateChunkOptions,
  GeneratedChunk,
  RenderRecordEntry,
} from '../engine/engine.js';
import { workProfile } from '../engine/work-profile.js';
import { IamflowError } from '../errors/index.js';
import {
  type ChunkFrames,
  completeChunkFrames,
  type FrameDemand,
  partialChunkFrames,
  unionFrameDemands,
} from '../frame/chunk-frames.js';
import type { VideoFrame } from '../frame/video-frame.js';
import {
  createPolicyEngine,
  type MemoryEvent,
  type MemoryPolicy,
  type PolicyContext,
  type TransitionKind,
} from '../memory/policy.js';
import type { Script } from '../script/script.js';
import type { Segment, Timeline } from '../script/timeline.js';
import type { LoopCheckpoint } from './loop-checkpoint.js';
import { keepsPast, type PromptSource } from './prompt-source.js';
import {
  type ChunkTiming,
  type Clock,
  type PromptRecord,
  type RunProgress,
  type RunResult,
  type SwitchRecord,
  subtractCosts,
} from './run-result.js';
import {
  resolveSoftTransition,
  type SoftTransitionOptions,
  type SoftTransitionSchedule,
  transitionAlpha,
} from './transition.js';

/** Options of one streaming run. */
export interface GenerateVideoOptions {
  /** The script to generate (its annotations are never passed on). */
  script: Script;
  /** The causal engine; the loop does not release it. */
  engine: CausalVideoEngineV1;
  /**
   * The memory policy, or a factory the loop calls with a context (a narrowed engine view without the render
   * record, the seed, and an event sink that feeds `RunResult.memoryEvents`). A ready policy reports into
   * `memoryEvents` only if its creator passes the same array.
   */
  policy: MemoryPolicy | ((context: PolicyContext) => MemoryPolicy);
  /** The latent timeline of the script. */
  timeline: Timeline;
  /** The run's seed (the engine's): the policy's random choices derive from it. */
  seed: number;
  /** Events collected for a ready-made policy (its sink pushes here). */
  memoryEvents?: MemoryEvent[];
  /**
   * Image-to-video: the picture the video starts from, given to the engine with chunk 0 (it becomes the first latent
   * frame, in the sink). Needs an engine with `info.imageToVideo` (checked before anything runs); a resumed run
   * does not use it (the engine's snapshot holds the sink).
   */
  startImage?: VideoFrame;
  /** Overrides the policy's transition at switches. */
  transition?: TransitionKind;
  /** Soft prompt transition parameters (for `soft`). */
  softTransition?: SoftTransitionOptions;
  /** Milliseconds clock. Default `performance.now`. */
  clock?: Clock;
  /** Stops the run between chunks: `generateVideo` rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called after every chunk. */
  onChunk?: (progress: RunProgress) => void;
  /**
   * Upcoming prompts that may change while the run streams (interactive mode): read before every chunk; a new
   * or edited prompt starts at that chunk with the run's transition. `RunResult.timeline` is the one followed.
   */
  prompts?: PromptSource;
  /** Receives every memory event as the policy reports it (live viewers); they also go to `memoryEvents`. */
  onMemoryEvent?: (event: MemoryEvent) => void;
  /** Called when a segment starts (after its transition), for live viewers. */
  onSegment?: (segment: Segment, timeline: Timeline) => void;
  /** Receives every chunk's decoded frames in order (those `framesRead` declares); awaited. */
  onFrames?: (chunk: GeneratedChunk, frames: ChunkFrames) => unknown;
  /**
   * The frames of a chunk `onFrames` reads, asked before the chunk is decoded. Omitted: every frame (when `onFrames`
   * is given). The loop decodes the union of this and the policy's `framesRead` (all frames on an engine without
   * `decodeFrames`).
   */
  framesRead?: (chunk: GeneratedChunk) => FrameDemand;
  /**
   * Receives the whole render record once, after the policy finished (only when the engine has one): it is kept in
   * the loop's memory until then, so no policy can read it, not even from disk. Awaited.
   */
  onRenderRecord?: (entries: RenderRecordEntry[]) => unknown;
  /**
   * Receives a checkpoint after every `checkpointEvery`-th chunk and after the last one, once the chunk's frames
   * went to `onFrames`; awaited. Needs an engine with `snapshot`/`restore` and a policy with `checkpoint`/`restore`.
   */
  onCheckpoint?: (checkpoint: LoopCheckpoint) => unknown;
  /** Chunks between checkpoints. Default 1. */
  checkpointEvery?: number;
  /**
   * Continues a run from one of its checkpoints: engine and policy (created as for the first run) are restored, and
   * the loop goes on at `resume.loop.nextChunk`. The render record of the chunks before comes from the engine again.
   */
  resume?: LoopCheckpoint;
}

/**
 * Streams a script through a causal engine chunk by chunk under a memory policy: encodes each prompt once, applies
 * the transition at every switch (swap, recache or soft blend), lets the policy manage the bank, and measures
 * time and engine work. Pure orchestration: all I/O happens in `onFrames`.
 *
 * @example
 * const result = await generateVideo({ script, engine, timeline, policy: (context) => createPolicy('longlive', context) });
 * result.realtimeFactor // video seconds per wall second
 */
export async function generateVideo(options: GenerateVideoOptions): Promise<RunResult> {
  const { engine, timeline } = options;
  if (
    timeline.chunkFrames !== engine.info.chunkFrames ||
    timeline.videoFramesPerLatent !== engine.info.videoFramesPerLatent
  ) {
    // A mismatch would silently misplace every switch; it is a caller bug, not user input.
    throw new IamflowError({
      message: `timeline (${timeline.chunkFrames} latent frames per chunk, ${timeline.videoFramesPerLatent} video frames per latent) does not match the engine (${engine.info.chunkFrames}, ${engine.info.videoFramesPerLatent}); build it with buildTimeline(script, engine.info)`,
    });
  }
  if (options.startImage && engine.info.imageToVideo !== true) {
    // The caller checks the ability (run-script falls back to the policy's bank): a caller bug, not user input.
    throw new IamflowError({
      message: `engine ${engine.provider}/${engine.modelId} cannot start a video from an image (info.imageToVideo); leave startImage out`,
    });
  }
  const clock = options.clock ?? (() => performance.now());
  const memoryEvents = options.memoryEvents ?? [];
  const policy =
    typeof options.policy === 'function'
      ? options.policy({
          engine: createPolicyEngine(engine),
          timeline,
          seed: options.seed,
          events: (event) => {
            memoryEvents.push(event);
            options.onMemoryEvent?.(event);
          },
        })
      : options.policy;
  try {
    return await streamChunks(options, policy, memoryEvents, clock);
  } finally {
    // A policy's threads end with the run, also when it failed or was aborted.
    await policy.dispose?.();
  }
}

/** The loop itself, once the policy exists. */
async function streamChunks(
  options: GenerateVideoOptions,
  policy: MemoryPolicy,
  memoryEvents: MemoryEvent[],
  clock: Clock,
): Promise<RunResult> {
  const { engine, timeline } = options;
  const transition = options.transition ?? policy.transition;
  // The policy's sparse memory activation rides on every generate and recache call.
  const sparse = policy.memoryTopK === undefined ? {} : { memoryTopK: policy.memoryTopK };
  const { resume } = options;
  if (
    (options.onCheckpoint || resume) &&
    !(engine.snapshot && engine.restore && policy.checkpoint && policy.restore)
  ) {
    throw new IamflowError({
      message: `checkpoints need an engine with snapshot/restore and a policy with checkpoint/restore; ${engine.provider} / ${policy.name} lack one`,
    });
  }
  const encodings = new Map<string, EncodedPrompt>();
  const encode = async (text: string): Promise<EncodedPrompt> => {
    const cached = encodings.get(text);
    if (cached) return cached;
    const encoded = await engine.encodePrompt(text);
    encodings.set(text, encoded);
    return encoded;
  };

  const loop = resume?.loop;
  if (loop) memoryEvents.push(...loop.memoryEvents);
  if (resume) {
    await engine.restore!(resume.engine);
    await policy.restore!(resume.policy);
  }
  const started = clock() - (loop?.elapsedMs ?? 0);
  const costsAtStart = loop?.costsAtStart ?? engine.costs();
  const prompts: PromptRecord[] = loop?.prompts ?? [];
  const chunks: ChunkTiming[] = loop?.chunks ?? [];
  const switches: SwitchRecord[] = loop?.switches ?? [];
  let videoFramesDone = loop?.videoFramesDone ?? 0;
  // The peak since this process started the run (a resumed run counts from its resume).
  let peakStoreBytes = 0;
  const renderRecord: RenderRecordEntry[] | undefined =
    options.onRenderRecord && engine.renderRecord ? [] : undefined;
  // The engine kept every generated frame: the record of the chunks before a resume is read from it again.
  for (let chunk = 0; renderRecord && chunk < (loop?.nextChunk ?? 0); chunk++)
    renderRecord.push(...(engine.renderRecord?.(chunk) ?? []));

  let followed = loop?.timeline ?? timeline;
  type Active = { segment: Segment; prompt: EncodedPrompt };
  let current: (Active & { previous?: Active }) | undefined;
  if (loop?.current) {
    const { segment, previous } = loop.current;
    current = { segment, prompt: await encode(segment.prompt) };
    if (previous) current.previous = { segment: previous, prompt: await encode(previous.prompt) };
  }
  let schedule: SoftTransitionSchedule | undefined = loop?.schedule ?? undefined;
  let transitionMs = loop?.transitionMs ?? 0;
  let transitionCosts = loop?.transitionCosts ?? subtractCosts(costsAtStart, costsAtStart);
  let costsBefore = loop?.costsBefore ?? costsAtStart;
  const every = Math.max(1, Math.floor(options.checkpointEvery ?? 1));

  for (let index = loop?.nextChunk ?? 0; index < followed.totalChunks; index++) {
    options.signal?.throwIfAborted();
    followed = nextTimeline(options.prompts, index, followed);
    if (index >= followed.totalChunks) break;
    const segment = followed.segments.find((s) => index >= s.startChunk && index < s.endChunk)!;
    if (current?.segment.index !== segment.index) {
      // The previous segment as the timeline now has it (an inserted prompt may have cut it short).
      const previous: Active | undefined = current && {
        segment: followed.segments[current.segment.index]!,
        prompt: current.prompt,
      };
      const prompt = await encode(segment.prompt);
      prompts.push({
        segment: segment.index,
        text: prompt.text,
        encodingId: prompt.id,
        tokens: prompt.tokens.length,
      });
      costsBefore = engine.costs();
      const transitionStart = clock();
      schedule = undefined;
      const transitionSpan = workProfile.start('transition');
      if (previous && transition === 'recache') await engine.recache(prompt, sparse);
      if (previous && transition === 'soft') {
        schedule = resolveSoftTransition(previous.prompt.embedding, prompt.embedding, {
          chunkFrames: engine.info.chunkFrames,
          ...options.softTransition,
        });
      }
      workProfile.stop(transitionSpan);
      transitionMs = clock() - transitionStart;
      transitionCosts = subtractCosts(engine.costs(), costsBefore);
      const segmentSpan = workProfile.start('policy');
      await policy.onSegmentStart?.(previous ? { segment, prompt, previous } : { segment, prompt });
      workProfile.stop(segmentSpan);
      options.onSegment?.(segment, followed);
      options.signal?.throwIfAborted();
      current = previous ? { segment, prompt, previous } : { segment, prompt };
    }
    const { prompt, previous } = current;

    const generateOptions: GenerateChunkOptions = { prompt, ...sparse };
    const alpha =
      schedule && previous
        ? transitionAlpha(schedule, index * followed.chunkFrames - segment.startFrame)
        : null;
    if (alpha !== null && previous) generateOptions.blend = { from: previous.prompt, alpha };
    if (index === 0 && options.startImage) generateOptions.startImage = options.startImage;

    const t0 = clock();
    const chunk = await engine.generateChunk(generateOptions);
    const t1 = clock();
    const frames = await decodeDemanded(engine, chunk, [
      options.onFrames ? (options.framesRead?.(chunk) ?? 'all') : [],
      policy.onChunkEnd ? (policy.framesRead?.(chunk) ?? 'all') : [],
    ]);
    const t2 = clock();
    if (renderRecord) renderRecord.push(...(engine.renderRecord?.(chunk.chunk) ?? []));
    const outputSpan = workProfile.start('output');
    await options.onFrames?.(chunk, frames);
    workProfile.stop(outputSpan);
    const t3 = clock();
    const policySpan = workProfile.start('policy');
    await policy.onChunkEnd?.({ segment, prompt, chunk, frames });
    workProfile.stop(policySpan);
    const t4 = clock();
    peakStoreBytes = Math.max(peakStoreBytes, engine.storeBytes?.() ?? 0);

    const timing: ChunkTiming = {
      chunk: chunk.chunk,
      segment: segment.index,
      generateMs: t1 - t0,
      decodeMs: t2 - t1,
      outputMs: t3 - t2,
      policyMs: t4 - t3,
    };
    if (alpha !== null) timing.alpha = alpha;
    chunks.push(timing);
    if (previous && index === segment.startChunk) {
      const record: SwitchRecord = {
        segment: segment.index,
        chunk: chunk.chunk,
        transition,
        transitionMs,
        transitionCosts,
        switchCosts: subtractCosts(engine.costs(), costsBefore),
      };
      if (schedule) record.schedule = schedule;
      switches.push(record);
    }
    videoFramesDone += frames.count;
    options.onChunk?.({
      chunksDone: chunks.length,
      totalChunks: followed.totalChunks,
      videoFramesDone,
      totalVideoFrames: followed.totalVideoFrames,
      elapsedMs: clock() - started,
    });
    if (options.onCheckpoint && ((index + 1) % every === 0 || index + 1 === followed.totalChunks)) {
      const state: LoopCheckpoint['loop'] = {
        nextChunk: index + 1,
        timeline: followed,
        prompts,
        chunks,
        switches,
        memoryEvents,
        videoFramesDone,
        elapsedMs: clock() - started,
        current: current.previous
          ? { segment: current.segment, previous: current.previous.segment }
          : { segment: current.segment },
        schedule: schedule ?? null,
        transitionMs,
        transitionCosts,
        costsBefore,
        costsAtStart,
      };
      const [engineState, policyState] = [await engine.snapshot!(), await policy.checkpoint!()];
      await options.onCheckpoint({ loop: structuredClone(state), engine: engineState, policy: policyState });
    }
  }
  const finishSpan = workProfile.start('policy');
  await policy.finish?.();
  workProfile.stop(finishSpan);
  const recordSpan = workProfile.start('io');
  if (renderRecord) await options.onRenderRecord?.(renderRecord);
  workProfile.stop(recordSpan);

  const wallMs = clock() - started;
  const videoSeconds = videoFramesDone / timeline.fps;
  const snapshot = policy.snapshot?.();
  return {
    scriptId: options.script.id,
    timeline: followed,
    policy: {
      name: policy.name,
      transition,
      memoryTopK: policy.memoryTopK ?? null,
      ...(snapshot === undefined ? {} : { snapshot }),
    },
    engine: { provider: engine.provider, modelId: engine.modelId, info: engine.info },
    prompts,
    chunks,
    switches,
    memoryEvents,
    costs: subtractCosts(engine.costs(), costsAtStart),
    videoFrames: videoFramesDone,
    videoSeconds,
    wallMs,
    // A sub-millisecond run (fake clock) still yields a finite, JSON-safe factor.
    realtimeFactor: videoSeconds / (Math.max(wallMs, 0.001) / 1000),
    memory: {
      // resourceUsage reports kilobytes
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      ...(engine.storeBytes ? { peakStoreBytes } : {}),
      ...(engine.weightBytes ? { weightBytes: engine.weightBytes() } : {}),
    },
  };
}

/**
 * Decodes the union of the consumers' demands on a chunk: only those frames when the engine can (`decodeFrames`),
 * else the whole chunk.
 */
async function decodeDemanded(
  engine: CausalVideoEngineV1,
  chunk: GeneratedChunk,
  demands: readonly FrameDemand[],
): Promise<ChunkFrames> {
  const count = engine.info.chunkFrames * engine.info.videoFramesPerLatent;
  const demand = unionFrameDemands(demands, count);
  if (demand === 'all' || !engine.decodeFrames)
    return completeChunkFrames(await engine.decodeChunk(chunk.chunk));
  // An empty demand asks the engine nothing: no call, no decoded frame.
  const frames = demand.length === 0 ? [] : await engine.decodeFrames(chunk.chunk, demand);
  return partialChunkFrames(count, new Map(demand.map((index, position) => [index, frames[position]!])));
}

/** The timeline to follow from chunk `index` on: the source's, once checked that it keeps the past. */
function nextTimeline(source: PromptSource | undefined, index: number, current: Timeline): Timeline {
  const next = source?.timelineAt(index, current);
  if (next === undefined || next === current) return current;
  if (!keepsPast(current, next, index)) {
    throw new IamflowError({
      message: `the prompt source changed segments that started before chunk ${index}; only upcoming prompts can change`,
    });
  }
  return next;
}
