import type { MemoryEventSink } from '../policy.js';

/** Where a frame came from when it was archived: the chunk just made, or the chunk leaving the local window. */
export type ArchiveSource = 'current' | 'evicted';

/**
 * Every memory decision of the IAMFlow policy, as recorded in run.json (`memoryEvents`). `chunk` is the chunk at
 * whose end (or, for segment events, before whose start) the decision was made.
 */
export type IamflowEvent =
  | {
      type: 'entity-extract';
      chunk: number;
      segment: number;
      provider: string;
      entities: Array<{ id: number; isNew: boolean; mention: string; attrs: string[] }>;
      warnings?: unknown[];
    }
  | {
      /** The ID (or prompt) memory set at a segment start; `skipped` says why the reference keeps it as it was. */
      type: 'memory-set';
      chunk: number;
      segment: number;
      mode: 'entity' | 'prompt';
      entityIds: number[];
      memory: string[];
      skipped?: 'first-segment' | 'no-entities' | 'empty-archive';
      budget?: number;
      coverFrames?: number;
      covered?: number[];
      uncovered?: number[];
      archiveSize: number;
      /** Archive as the selection saw it: id, covered IDs, stored entity score and fused score, in order. */
      archive: Array<{ id: string; entities: number[]; entityScore: number; score: number }>;
    }
  | { type: 'memory-append'; chunk: number; id: string; score: number; memory: string[] }
  | {
      type: 'memory-replace';
      chunk: number;
      id: string;
      score: number;
      replaced: string;
      replacedScore: number;
      index: number;
      memory: string[];
    }
  | {
      type: 'memory-keep';
      chunk: number;
      id: string;
      score: number;
      reason: 'present' | 'lower';
      memory: string[];
    }
  | {
      type: 'memory-reselect';
      chunk: number;
      memory: string[];
    }
  | {
      type: 'frame-archive';
      chunk: number;
      id: string;
      frame: number;
      sourceChunk: number;
      segment: number;
      via: ArchiveSource;
      score: number;
      textScore: number;
      visualScore: number | null;
      entityScores: Record<string, number>;
      entities: number[];
    }
  | {
      /** A chunk left the local window; `archived` false with the reference's reason when it is not archived. */
      type: 'chunk-evict';
      chunk: number;
      sourceChunk: number;
      archived: boolean;
      reason?: 'no-entities' | 'previous-segment';
    }
  | { type: 'bank-set'; chunk: number; reason: string; ids: string[]; frames: number[] }
  | { type: 'frame-drop'; chunk: number; id: string }
  | {
      type: 'attribute-correction';
      chunk: number;
      id: number;
      attrs: string[];
      before: string[];
      after: string[];
    }
  | { type: 'verify-end'; chunk: number; scores: number[]; waitMs: number; provider: string }
  | { type: 'verify-timeout'; chunk: number; sourceChunk: number; timeoutMs: number }
  | { type: 'verify-backpressure'; chunk: number; waitMs: number };

/** The one place the policy's events leave it (typed here, untyped in the generic sink). */
export function createIamflowEmitter(sink: MemoryEventSink): (event: IamflowEvent) => void {
  return (event) => sink(event as unknown as Parameters<MemoryEventSink>[0]);
}
