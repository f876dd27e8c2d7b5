import { z } from 'zod';
import type { VerifyInput, VerifyResult } from '../../agents/vlm/frame-verifier.js';
import type { EncodedPrompt } from '../../engine/engine.js';
import type { Registry } from '../../entities/registry.js';
import { InputError } from '../../errors/index.js';
import { frameJsonSchema, frameToJson } from '../../frame/frame-json.js';
import type { ChunkCandidates } from './chunk-candidates.js';
import type { FrameArchive } from './frame-archive.js';
import type { VerificationRecord } from './memory-state.js';
import { memoryStateSchema } from './memory-state.js';
import type { TokenWeights } from './token-weights.js';

/** The segment the policy is in, as it keeps it between chunks. */
export interface IamflowSegmentState {
  segment: number;
  startChunk: number;
  ids: number[];
  weights: TokenWeights;
  slotWeights: number[] | undefined;
  prompt: EncodedPrompt;
}

/** Everything the IAMFlow policy and its agents need to continue after a chunk (see `checkpoint()`). */
export interface IamflowCheckpoint {
  /** The settings (ports by provider) and seed it ran with: a restore into other settings is refused. */
  settings: string;
  registry: Registry;
  archive: FrameArchive;
  memory: string[];
  bank: string[];
  lastInjected: string[] | null;
  candidates: ChunkCandidates[];
  /** Segment of every chunk sent to verification, by chunk. */
  verified: Array<[number, number]>;
  extractions: Array<{ segment: number; provider: string; ids: number[]; warnings: unknown[] }>;
  current: IamflowSegmentState | null;
  /** Draws taken from the seeded random stream (the `random` ablation). */
  randomDraws: number;
  /** Verification results the policy recorded. */
  verification: VerificationRecord[];
  /** The verifier: its state after the last finished call, finished results not yet read, and queued inputs. */
  verifier: {
    state: unknown;
    done: Array<{ chunk: number; provider: string; result: VerifyResult }>;
    pending: Array<{ chunk: number; input: VerifyInput }>;
  };
}

const f32 = z.array(z.number()).transform((values) => Float32Array.from(values));
const warningSchema = z.union([
  z.object({
    type: z.literal('fallback'),
    fallback: z.literal(true),
    reason: z.string(),
    provider: z.string(),
  }),
  z.object({ type: z.literal('other'), message: z.string() }),
]);
const resultSchema = z.object({
  scores: z.array(z.number()),
  seen: z.array(z.array(z.number().int())).optional(),
  boxes: z
    .array(
      z.array(
        z.object({ id: z.number().int(), box: z.tuple([z.number(), z.number(), z.number(), z.number()]) }),
      ),
    )
    .optional(),
  corrections: z.array(z.object({ id: z.number().int(), attrs: z.array(z.string()) })).optional(),
  warnings: z.array(warningSchema).optional(),
});
const entitySchema = z.object({ id: z.number().int(), name: z.string(), attrs: z.array(z.string()) });
const inputSchema = z.object({
  frames: z.array(frameJsonSchema),
  entities: z.array(entitySchema),
  prompt: z.string().optional(),
  registered: z.array(entitySchema).optional(),
  sourceAspect: z.number().optional(),
  firstChunkOfSegment: z.boolean(),
});
const memory = memoryStateSchema.shape;
const checkpointSchema = z.object({
  format: z.literal('iamflow-policy-state'),
  version: z.literal(1),
  settings: z.string(),
  registry: memory.registry,
  archive: memory.archive,
  memory: z.array(z.string()),
  bank: z.array(z.string()),
  lastInjected: z.array(z.string()).nullable(),
  candidates: z.array(
    z.object({
      chunk: z.number().int().nonnegative(),
      segment: z.number().int().nonnegative(),
      frames: z.array(
        z.object({
          frame: z.number().int().nonnegative(),
          keys: z.array(z.array(z.number())),
          text: z.number(),
          entities: z.record(z.string(), z.number()),
        }),
      ),
    }),
  ),
  verified: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
  extractions: z.array(
    z.object({
      segment: z.number().int(),
      provider: z.string(),
      ids: z.array(z.number().int()),
      warnings: z.array(z.unknown()),
    }),
  ),
  current: z
    .object({
      segment: z.number().int().nonnegative(),
      startChunk: z.number().int().nonnegative(),
      ids: z.array(z.number().int()),
      weights: z.object({
        weights: z.array(z.number()),
        entityTokens: z.array(z.tuple([z.number().int(), z.array(z.number().int())])),
        roles: z.array(z.enum(['entity', 'scene', 'camera', 'base'])),
      }),
      slotWeights: z.array(z.number()).nullable(),
      prompt: z.object({
        id: z.string(),
        text: z.string(),
        tokens: z.array(
          z.object({ text: z.string(), start: z.number().int(), end: z.number().int(), key: f32 }),
        ),
        embedding: f32,
      }),
    })
    .nullable(),
  randomDraws: z.number().int().nonnegative(),
  verification: memory.verification,
  verifier: z.object({
    state: z.unknown(),
    done: z.array(
      z.object({ chunk: z.number().int().nonnegative(), provider: z.string(), result: resultSchema }),
    ),
    pending: z.array(z.object({ chunk: z.number().int().nonnegative(), input: inputSchema })),
  }),
});

/** The JSON form of an IAMFlow checkpoint (typed arrays and maps as plain arrays, frames base64). */
export function iamflowCheckpointToJson(state: IamflowCheckpoint): unknown {
  const { current, verifier } = state;
  return {
    format: 'iamflow-policy-state',
    version: 1,
    ...state,
    current: current && {
      ...current,
      weights: { ...current.weights, entityTokens: [...current.weights.entityTokens] },
      slotWeights: current.slotWeights ?? null,
      prompt: {
        ...current.prompt,
        tokens: current.prompt.tokens.map((token) => ({ ...token, key: Array.from(token.key) })),
        embedding: Array.from(current.prompt.embedding),
      },
    },
    verifier: {
      ...verifier,
      pending: verifier.pending.map(({ chunk, input }) => ({
        chunk,
        input: { ...input, frames: input.frames.map(frameToJson) },
      })),
    },
  };
}

/**
 * Reads an IAMFlow checkpoint back; a damaged value or one written with other settings is an InputError whose
 * issues name the field.
 */
export function iamflowCheckpointFromJson(value: unknown, settings: string): IamflowCheckpoint {
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.slice(0, 5).map((issue) => ({
        code: 'invalid-policy-state',
        path: ['policy', 'iamflow', ...issue.path.map(String)],
        message: issue.message,
      })),
    );
  }
  const data = parsed.data;
  if (data.settings !== settings) {
    throw new InputError([
      {
        code: 'policy-state-mismatch',
        path: ['policy', 'iamflow', 'settings'],
        message: `the state was saved with settings ${data.settings}, this run has ${settings}`,
        hint: 'resume with the policy settings of the run that wrote it',
      },
    ]);
  }
  const { current } = data;
  // Validated; the plain parts are taken as stored, since zod's output orders keys by schema and run.json shows them.
  const raw = structuredClone(value) as IamflowCheckpoint;
  return {
    ...data,
    registry: raw.registry,
    archive: raw.archive,
    candidates: raw.candidates,
    extractions: raw.extractions,
    current: current && {
      ...current,
      weights: { ...current.weights, entityTokens: new Map(current.weights.entityTokens) },
      slotWeights: current.slotWeights ?? undefined,
    },
    verification: raw.verification,
    verifier: {
      state: data.verifier.state,
      done: raw.verifier.done,
      pending: data.verifier.pending as IamflowCheckpoint['verifier']['pending'],
    },
  };
}
