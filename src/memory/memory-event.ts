import { z } from 'zod';

// Every event names the chunk at which it happened; the rest depends on `type` (noun first).
const base = { chunk: z.number().int().nonnegative() };

/** A policy copied a generated latent frame into the engine's frame store. */
export const frameStoreEventSchema = z.object({
  type: z.literal('frame-store'),
  ...base,
  /** Latent frame index. */
  frame: z.number().int().nonnegative(),
  /** Store id. */
  id: z.string(),
});

/** A policy forgot a stored frame. */
export const frameDropEventSchema = z.object({
  type: z.literal('frame-drop'),
  ...base,
  /** Store id. */
  id: z.string(),
  /** Latent frame index, when the policy reports it. */
  frame: z.number().int().nonnegative().optional(),
  /** The score that made the frame go (MemFlow). */
  score: z.number().optional(),
});

/** A policy set the engine's bank. */
export const bankSetEventSchema = z.object({
  type: z.literal('bank-set'),
  ...base,
  /** Store ids, in bank order. */
  ids: z.array(z.string()),
  /** Their latent frame indices. */
  frames: z.array(z.number().int().nonnegative()),
  /** Why the bank changed (IAMFlow: `segment-start`, `chunk-end`, `archive-change`). */
  reason: z.string().optional(),
});

/** IAMFlow archived a chunk's best frame. */
export const frameArchiveEventSchema = z.object({
  type: z.literal('frame-archive'),
  ...base,
  id: z.string(),
  frame: z.number().int().nonnegative(),
  /** The chunk the frame came from. */
  sourceChunk: z.number().int().nonnegative(),
  /** The segment of that chunk. */
  segment: z.number().int().nonnegative(),
  /** `current`: the chunk just made (a segment's first chunks); `evicted`: the chunk leaving the local window. */
  via: z.enum(['current', 'evicted']),
  /** Fused score. */
  score: z.number(),
  /** Entity-weighted text score. */
  textScore: z.number(),
  /** The verifier's score, null when there was none. */
  visualScore: z.number().nullable(),
  /** Score per entity ID. */
  entityScores: z.record(z.string(), z.number()),
  /** Entity IDs the frame covers. */
  entities: z.array(z.number().int()),
});

/** A chunk left IAMFlow's local window; `archived` false with the reference's reason when it was not archived. */
export const chunkEvictEventSchema = z.object({
  type: z.literal('chunk-evict'),
  ...base,
  sourceChunk: z.number().int().nonnegative(),
  archived: z.boolean(),
  reason: z.enum(['no-entities', 'previous-segment']).optional(),
});

/** IAMFlow set its ID (or prompt) memory at a segment start; `skipped` says why it kept it as it was. */
export const memorySetEventSchema = z.object({
  type: z.literal('memory-set'),
  ...base,
  segment: z.number().int().nonnegative(),
  mode: z.enum(['entity', 'prompt']),
  /** The segment's entity IDs. */
  entityIds: z.array(z.number().int()),
  /** Store ids of the memory, in order. */
  memory: z.array(z.string()),
  skipped: z.enum(['first-segment', 'no-entities', 'empty-archive']).optional(),
  /** Frames the selection could use. */
  budget: z.number().int().nonnegative().optional(),
  coverFrames: z.number().int().nonnegative().optional(),
  covered: z.array(z.number().int()).optional(),
  uncovered: z.array(z.number().int()).optional(),
  /** Frames in the archive. */
  archiveSize: z.number().int().nonnegative(),
  /** The archive as the selection saw it: id, covered IDs, stored entity score and fused score, in order. */
  archive: z.array(
    z.object({
      id: z.string(),
      entities: z.array(z.number().int()),
      entityScore: z.number(),
      score: z.number(),
    }),
  ),
});

const memoryList = { memory: z.array(z.string()) };

/** A newly archived frame was appended to IAMFlow's memory (below its budget). */
export const memoryAppendEventSchema = z.object({
  type: z.literal('memory-append'),
  ...base,
  id: z.string(),
  score: z.number(),
  ...memoryList,
});

/** A newly archived frame replaced the memory's lowest-scoring frame. */
export const memoryReplaceEventSchema = z.object({
  type: z.literal('memory-replace'),
  ...base,
  id: z.string(),
  score: z.number(),
  replaced: z.string(),
  replacedScore: z.number(),
  index: z.number().int().nonnegative(),
  ...memoryList,
});

/** A newly archived frame left the full memory as it was (`present`: already in it; `lower`: it scored lower). */
export const memoryKeepEventSchema = z.object({
  type: z.literal('memory-keep'),
  ...base,
  id: z.string(),
  score: z.number(),
  reason: z.enum(['present', 'lower']),
  ...memoryList,
});

/** Our ablation (`bankUpdate: 'recover-every-chunk'`) re-ran the selection over the whole archive. */
export const memoryReselectEventSchema = z.object({
  type: z.literal('memory-reselect'),
  ...base,
  ...memoryList,
});

/** IAMFlow chose bank frames for a segment's entity IDs. */
export const memoryRetrieveEventSchema = z.object({
  type: z.literal('memory-retrieve'),
  ...base,
  segment: z.number().int().nonnegative().nullable(),
  /** The segment's entity IDs. */
  entityIds: z.array(z.number().int()),
  /** Chosen store ids. */
  ids: z.array(z.string()),
  /** Their latent frame indices. */
  frames: z.array(z.number().int().nonnegative()),
  /** Entity IDs each chosen frame covers, by store id. */
  coverage: z.record(z.string(), z.array(z.number().int())),
  /** Frames in the archive. */
  archiveSize: z.number().int().nonnegative(),
  /** `entity` (ID memory) or `prompt` (top frames by prompt score). */
  mode: z.enum(['entity', 'prompt']),
  /** Frames the selection could use. */
  budget: z.number().int().nonnegative(),
  coverFrames: z.number().int().nonnegative().optional(),
  covered: z.array(z.number().int()).optional(),
  uncovered: z.array(z.number().int()).optional(),
});

/** A chunk's verification result reached the policy. */
export const verifyEndEventSchema = z.object({
  type: z.literal('verify-end'),
  ...base,
  /** Score 0..1 per sampled frame. */
  scores: z.array(z.number()),
  /** Milliseconds the policy waited for it. */
  waitMs: z.number().nonnegative(),
  /** Provider that answered. */
  provider: z.string(),
});

/** IAMFlow gave up waiting for a chunk's verification. */
export const verifyTimeoutEventSchema = z.object({
  type: z.literal('verify-timeout'),
  ...base,
  sourceChunk: z.number().int().nonnegative(),
  timeoutMs: z.number().nonnegative(),
});

/**
 * A verification the policy had stopped waiting for (`verify-timeout` at `chunk`): recorded at the end of the run
 * with what it would have said, so a late correction is never silent.
 */
export const verifyLateEventSchema = z.object({
  type: z.literal('verify-late'),
  ...base,
  sourceChunk: z.number().int().nonnegative(),
  /** Whether the result arrived before the run ended. */
  arrived: z.boolean(),
  /** The corrections it carried, never applied. */
  corrections: z.array(z.object({ id: z.number().int(), attrs: z.array(z.string()) })).optional(),
});

/** The verification queue was full and held the loop. */
export const verifyBackpressureEventSchema = z.object({
  type: z.literal('verify-backpressure'),
  ...base,
  waitMs: z.number().nonnegative(),
});

/** The verifier's correction replaced an entity's attributes in the registry. */
export const attributeCorrectionEventSchema = z.object({
  type: z.literal('attribute-correction'),
  ...base,
  /** Entity ID. */
  id: z.number().int(),
  /** The corrected attributes as proposed. */
  attrs: z.array(z.string()),
  before: z.array(z.string()),
  after: z.array(z.string()),
});

const providerWarningSchema = z.union([
  z.object({
    type: z.literal('fallback'),
    fallback: z.literal(true),
    reason: z.string(),
    provider: z.string(),
  }),
  z.object({ type: z.literal('other'), message: z.string() }),
]);

/** The LLM agent extracted a segment's entities. */
export const entityExtractEventSchema = z.object({
  type: z.literal('entity-extract'),
  ...base,
  segment: z.number().int().nonnegative(),
  provider: z.string(),
  /** Fallbacks and other notes of the provider. */
  warnings: z.array(providerWarningSchema).optional(),
  entities: z.array(
    z.object({
      id: z.number().int(),
      isNew: z.boolean(),
      mention: z.string(),
      attrs: z.array(z.string()),
    }),
  ),
});

/** IAMFlow encoded a user-given picture into the engine's store: a character reference or the start image. */
export const referenceEncodeEventSchema = z.object({
  type: z.literal('reference-encode'),
  ...base,
  /** Store id of the encoded frame. */
  id: z.string(),
  /** The script's reference key, or `start` for the start image. */
  reference: z.string(),
  /** The entity the LLM agent resolved to the reference (absent for the start image). */
  entityId: z.number().int().optional(),
  /** How the entity was matched: its name, or its description against the reference's. */
  matchedBy: z.enum(['name', 'description', 'start']),
  /** Text the engine's context pass bound the picture to. */
  text: z.string(),
  /** Temporal position (latent frame) the encoded frame keeps in the bank. */
  frame: z.number().int().nonnegative(),
});

/** Schema of one memory event (run.json `memoryEvents[]`). */
export const memoryEventSchema = z.discriminatedUnion('type', [
  frameStoreEventSchema,
  frameDropEventSchema,
  bankSetEventSchema,
  frameArchiveEventSchema,
  chunkEvictEventSchema,
  memoryRetrieveEventSchema,
  memorySetEventSchema,
  memoryAppendEventSchema,
  memoryReplaceEventSchema,
  memoryKeepEventSchema,
  memoryReselectEventSchema,
  verifyEndEventSchema,
  verifyTimeoutEventSchema,
  verifyLateEventSchema,
  verifyBackpressureEventSchema,
  attributeCorrectionEventSchema,
  entityExtractEventSchema,
  referenceEncodeEventSchema,
]);

/** One thing a policy did, recorded in run.json: a discriminated union on `type`. */
export type MemoryEvent = z.infer<typeof memoryEventSchema>;

/** The event types, e.g. `bank-set`. */
export type MemoryEventType = MemoryEvent['type'];

/** The event of one type, e.g. `MemoryEventOf<'bank-set'>`. */
export type MemoryEventOf<T extends MemoryEventType> = Extract<MemoryEvent, { type: T }>;

/** Receives memory events. */
export type MemoryEventSink = (event: MemoryEvent) => void;

/**
 * The events of one type, typed, so consumers read their fields without casts.
 *
 * @example
 * eventsOfType(result.memoryEvents, 'bank-set').map((event) => event.frames)
 */
export function eventsOfType<T extends MemoryEventType>(
  events: readonly MemoryEvent[],
  type: T,
): MemoryEventOf<T>[] {
  return events.filter((event): event is MemoryEventOf<T> => event.type === type);
}
