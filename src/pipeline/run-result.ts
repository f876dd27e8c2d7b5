import type { EngineCosts, EngineInfo } from '../engine/engine.js';
import type { MemoryEvent, TransitionKind } from '../memory/policy.js';
import type { Timeline } from '../script/timeline.js';
import type { SoftTransitionSchedule } from './transition.js';

/** Milliseconds from an arbitrary origin; injected so the loop stays pure and tests control time. */
export type Clock = () => number;

/** Progress after a chunk, for progress bars. */
export interface RunProgress {
  /** Chunks generated, decoded and handed to the policy so far. */
  chunksDone: number;
  /** Chunks of the whole run. */
  totalChunks: number;
  /** Video frames made so far (whether or not a consumer asked for them to be decoded). */
  videoFramesDone: number;
  /** Video frames of the whole run. */
  totalVideoFrames: number;
  /** Milliseconds since the run started (by the injected clock). */
  elapsedMs: number;
}

/** Timings of one chunk, in milliseconds of the injected clock. */
export interface ChunkTiming {
  /** 0-based chunk index. */
  chunk: number;
  /** 0-based segment (prompt) index. */
  segment: number;
  /** `engine.generateChunk` (denoising + context pass). */
  generateMs: number;
  /** Decoding the frames the consumers read (`engine.decodeFrames`, or `decodeChunk` for all of them). */
  decodeMs: number;
  /** The frame sink (`onFrames`: encoding, writing). */
  outputMs: number;
  /** `policy.onChunkEnd`. */
  policyMs: number;
  /** Soft transition blend weight of the new prompt, when one was applied to this chunk. */
  alpha?: number;
}

/** What happened at one prompt switch. */
export interface SwitchRecord {
  /** Index of the segment that starts. */
  segment: number;
  /** First chunk of that segment. */
  chunk: number;
  /** The transition applied. */
  transition: TransitionKind;
  /** The soft transition's schedule, for `soft`. */
  schedule?: SoftTransitionSchedule;
  /** Milliseconds spent applying the transition (the recache, for `recache`). */
  transitionMs: number;
  /** Engine work of applying the transition alone. */
  transitionCosts: EngineCosts;
  /** Engine work of the transition plus the segment's first chunk: what a switch costs next to a plain chunk. */
  switchCosts: EngineCosts;
}

/** One prompt as encoded for the run. */
export interface PromptRecord {
  /** 0-based segment index. */
  segment: number;
  /** The prompt text. */
  text: string;
  /** The engine's handle of its encoding. */
  encodingId: string;
  /** Number of text tokens the engine's encoder produced. */
  tokens: number;
}

/** Everything one `generateVideo` run measured. */
export interface RunResult {
  /** The script's id. */
  scriptId: string;
  /** The latent timeline that was generated. */
  timeline: Timeline;
  /** The policy and the transition actually applied at switches. */
  policy: { name: string; transition: TransitionKind; memoryTopK: number | null; snapshot?: unknown };
  /** The engine that generated the video. */
  engine: { provider: string; modelId: string; info: EngineInfo };
  /** One record per segment. */
  prompts: PromptRecord[];
  /** Per-chunk timings. */
  chunks: ChunkTiming[];
  /** One record per prompt switch (segments after the first). */
  switches: SwitchRecord[];
  /** Memory events the policy reported, in order. */
  memoryEvents: MemoryEvent[];
  /** Engine work over the whole run (its counters after the last chunk minus before the first). */
  costs: EngineCosts;
  /** Video frames produced (all of the timeline's, also those no consumer had decoded). */
  videoFrames: number;
  /** Seconds of video produced (`videoFrames / fps`). */
  videoSeconds: number;
  /** Milliseconds the run took by the injected clock. */
  wallMs: number;
  /** Video seconds per wall second: above 1 is faster than real time. */
  realtimeFactor: number;
  /** Memory the run held. */
  memory: RunMemory;
}

/** Memory figures of a run. */
export interface RunMemory {
  /** Peak resident set size of the whole process so far, in bytes (`process.resourceUsage().maxRSS`). */
  maxRssBytes: number;
  /** Largest frame store seen after a chunk, in bytes, when the engine reports it (`storeBytes`). */
  peakStoreBytes?: number;
  /** Bytes of the engine's weights, when it reports them (`weightBytes`). */
  weightBytes?: number;
}

/** Component-wise `after - before` of two cost snapshots. */
export function subtractCosts(after: EngineCosts, before: EngineCosts): EngineCosts {
  return {
    generatedFrames: after.generatedFrames - before.generatedFrames,
    denoisingPasses: after.denoisingPasses - before.denoisingPasses,
    contextPasses: after.contextPasses - before.contextPasses,
    recachedFrames: after.recachedFrames - before.recachedFrames,
    attentionOps: after.attentionOps - before.attentionOps,
    decodedFrames: after.decodedFrames - before.decodedFrames,
  };
}

/** Component-wise sum of cost snapshots. */
export function sumCosts(costs: readonly EngineCosts[]): EngineCosts {
  const total: EngineCosts = {
    generatedFrames: 0,
    denoisingPasses: 0,
    contextPasses: 0,
    recachedFrames: 0,
    attentionOps: 0,
    decodedFrames: 0,
  };
  for (const cost of costs)
    for (const key of Object.keys(total) as (keyof EngineCosts)[]) total[key] += cost[key];
  return total;
}
