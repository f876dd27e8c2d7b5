import { z } from 'zod';
import type { Registry } from '../../entities/registry.js';
import { registrySchema } from '../../entities/registry-schema.js';
import type { Issue } from '../../errors/iamflow-error.js';
import type { FrameArchive } from './frame-archive.js';

/** One chunk's verification as the policy recorded it. */
export interface VerificationRecord {
  /** Chunk index. */
  chunk: number;
  /** Segment index (0-based). */
  segment: number;
  /** Score 0..1 per sampled frame (one per latent frame of the chunk). */
  scores: number[];
  /** Entity IDs the verifier saw, per sampled frame, when it reports sightings. */
  seen?: number[][];
  /** Where the verifier saw each entity, per sampled frame (fractions of the frame), when it reports boxes. */
  boxes?: Array<Array<{ id: number; box: [number, number, number, number] }>>;
  /** Attribute corrections it proposed (first chunk of a segment only). */
  corrections?: Array<{ id: number; attrs: string[] }>;
  /** Provider that answered (after any fallback). */
  provider: string;
  /** Milliseconds the policy waited for this result (0 when it was ready). */
  waitMs: number;
  /** Non-fatal notes (fallbacks, unreadable replies). */
  warnings: string[];
}

/** The whole IAMFlow memory: enough to resume a run or to inspect it in run.json. */
export interface MemoryState {
  /** Format version. */
  version: 1;
  /** Identity registry after every applied extraction and correction. */
  registry: Registry;
  /** The frame archive. */
  archive: FrameArchive;
  /** Store ids currently in the engine bank, in order. */
  bank: string[];
  /** Verification results, by chunk order. */
  verification: VerificationRecord[];
}

const entrySchema = z.object({
  id: z.string().min(1),
  frame: z.number().int().nonnegative(),
  chunk: z.number().int().nonnegative(),
  segment: z.number().int().nonnegative(),
  keys: z.array(z.array(z.number())),
  textScore: z.number(),
  entityScores: z.record(z.string(), z.number()),
  entities: z.array(z.number().int().positive()),
  visualScore: z.number().nullable(),
  score: z.number(),
  provisional: z.boolean(),
});

const verificationSchema = z.object({
  chunk: z.number().int().nonnegative(),
  segment: z.number().int().nonnegative(),
  scores: z.array(z.number()),
  seen: z.array(z.array(z.number().int())).optional(),
  boxes: z
    .array(
      z.array(
        z.object({ id: z.number().int(), box: z.tuple([z.number(), z.number(), z.number(), z.number()]) }),
      ),
    )
    .optional(),
  corrections: z.array(z.object({ id: z.number().int().positive(), attrs: z.array(z.string()) })).optional(),
  provider: z.string(),
  waitMs: z.number().nonnegative(),
  warnings: z.array(z.string()),
});

/** Schema of a saved memory state; bank ids must name archived frames. */
export const memoryStateSchema = z
  .object({
    version: z.literal(1),
    registry: registrySchema,
    archive: z.object({ entries: z.array(entrySchema), provisional: entrySchema.nullable() }),
    bank: z.array(z.string()),
    verification: z.array(verificationSchema),
  })
  .superRefine((value, context) => {
    const known = new Set(value.archive.entries.map((entry) => entry.id));
    if (value.archive.provisional) known.add(value.archive.provisional.id);
    value.bank.forEach((id, index) => {
      if (!known.has(id))
        context.addIssue({ code: 'custom', path: ['bank', index], message: `unknown frame ${id}` });
    });
  });

/** Result of reading a memory state. */
export type MemoryStateParseResult =
  | { success: true; data: MemoryState }
  | { success: false; issues: Issue[] };

/** Plain JSON value of a memory state (a deep copy). */
export function memoryStateToJSON(state: MemoryState): MemoryState {
  return structuredClone(state);
}

/**
 * Validates an unknown value (e.g. `JSON.parse` of a checkpoint) as a memory state.
 *
 * @example
 * const parsed = memoryStateFromJSON(JSON.parse(text));
 * if (parsed.success) policy.restore(parsed.data);
 */
export function memoryStateFromJSON(value: unknown): MemoryStateParseResult {
  const parsed = memoryStateSchema.safeParse(value);
  if (parsed.success) return { success: true, data: parsed.data as MemoryState };
  return {
    success: false,
    issues: parsed.error.issues.map((issue) => ({
      code: 'invalid-memory-state',
      path: [
        'memory',
        ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
      ],
      message: issue.message,
    })),
  };
}
