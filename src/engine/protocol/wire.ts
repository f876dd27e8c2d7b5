import { z } from 'zod';
import type { EngineCosts, EngineInfo } from '../engine.js';

/** Protocol name and major version; every reply of a session's creation carries it. */
export const ENGINE_PROTOCOL = 'iamflow-engine/1';

/** Route prefix of protocol version 1. */
export const PROTOCOL_PREFIX = '/v1';

/** Headers of a binary frames reply (`GET .../chunks/:chunk/frames`). */
export const frameHeaders = {
  width: 'iamflow-frame-width',
  height: 'iamflow-frame-height',
  count: 'iamflow-frame-count',
  pixelFormat: 'iamflow-pixel-format',
  costs: 'iamflow-costs',
} as const;

/** The one raw pixel format of version 1: packed RGB, 3 bytes per pixel, row-major, frames back to back. */
export const RGB24 = 'rgb24';

/** A float32 vector on the wire: base64 of little-endian float32 bytes (exact), or a JSON number array. */
export function encodeVector(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

const vectorSchema = z.union([
  z.string().transform((text, context) => {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length % 4 !== 0) {
      context.addIssue({
        code: 'custom',
        message: 'base64 float32 vector with a byte count not divisible by 4',
      });
      return z.NEVER;
    }
    const vector = new Float32Array(bytes.length / 4);
    for (let index = 0; index < vector.length; index++) vector[index] = bytes.readFloatLE(index * 4);
    return vector;
  }),
  z.array(z.number()).transform((values) => Float32Array.from(values)),
]);

const count = z.number().int().min(0);

export const costsSchema = z.object({
  generatedFrames: z.number(),
  denoisingPasses: z.number(),
  contextPasses: z.number(),
  recachedFrames: z.number(),
  attentionOps: z.number(),
  decodedFrames: z.number(),
}) satisfies z.ZodType<EngineCosts>;

export const infoSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  fps: z.number().positive(),
  videoFramesPerLatent: z.number().int().positive(),
  chunkFrames: z.number().int().positive(),
  sinkFrames: count,
  localFrames: z.number().int().positive(),
  bankCapacity: count,
  denoisingSteps: z.array(z.number()),
  keyDimension: z.number().int().positive(),
}) satisfies z.ZodType<EngineInfo>;

/** Fields every session reply may carry: the cumulative costs after the call, and the store's size. */
const stateFields = { costs: costsSchema, storeBytes: z.number().optional() };

/** `POST /v1/sessions` and `GET /v1/sessions/:session`. */
export const sessionReplySchema = z.object({
  session: z.string().min(1),
  protocol: z.string(),
  provider: z.string(),
  modelId: z.string(),
  info: infoSchema,
  abilities: z
    .object({
      renderRecord: z.boolean().default(false),
      storeBytes: z.boolean().default(false),
      encodeImage: z.boolean().default(false),
      /** `generateChunk` takes `startImage` on chunk 0 (the engine's `info.imageToVideo`). */
      imageToVideo: z.boolean().default(false),
    })
    .default({ renderRecord: false, storeBytes: false, encodeImage: false, imageToVideo: false }),
  ...stateFields,
});

/** `POST /v1/sessions/:session/prompts`. */
export const promptReplySchema = z.object({
  prompt: z.object({
    id: z.string(),
    text: z.string(),
    tokens: z.array(z.object({ text: z.string(), start: count, end: count, key: vectorSchema })),
    embedding: vectorSchema,
  }),
  ...stateFields,
});

/** `POST /v1/sessions/:session/chunks`. */
export const chunkReplySchema = z.object({
  chunk: count,
  startFrame: count,
  frames: z.array(z.object({ frame: count, keys: z.array(vectorSchema) })),
  ...stateFields,
});

/** Content type of a generate reply that carries the decoded frames: u32 LE JSON length, the JSON, rgb24 frames. */
export const CHUNK_WITH_FRAMES = 'application/vnd.iamflow.chunk';

/** The JSON part of a `CHUNK_WITH_FRAMES` reply. */
export const chunkWithFramesSchema = chunkReplySchema.extend({
  video: z.object({ width: count, height: count, count, pixelFormat: z.literal('rgb24') }),
  renderRecord: z.array(z.unknown()).optional(),
});

/** Replies that carry only the state: recache, store, drop, bank, costs. */
export const stateReplySchema = z.object(stateFields);

/** `GET /v1/sessions/:session/chunks/:chunk/render-record`: passed on as the engine wrote it. */
export const renderRecordReplySchema = z.object({ entries: z.array(z.unknown()) });

/** The one error shape of every non-2xx reply. */
export const errorReplySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }),
});

/** A prompt reference in a request: the encoding's id, and its text for servers that re-encode. */
const promptReference = z.strictObject({ id: z.string().min(1), text: z.string() });

/** A frame-store or bank call sent ahead of a generate or recache (`before`), applied in order. */
export const stateOpSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('store'), frame: count, id: z.string().min(1).max(256) }),
  z.strictObject({ op: z.literal('drop'), id: z.string().min(1).max(256) }),
  z.strictObject({ op: z.literal('bank'), ids: z.array(z.string().min(1).max(256)).max(256) }),
]);

/** One deferred state call. */
export type StateOp = z.output<typeof stateOpSchema>;

const before = z.array(stateOpSchema).max(4096).optional();

/** Sparse memory activation's frame count (omitted: dense attention). */
const memoryTopK = z.number().int().min(1).max(4096).optional();
/** The fields of a picture in a request body. */
const pictureFields = {
  width: z.number().int().min(1).max(4096),
  height: z.number().int().min(1).max(4096),
  /** Packed rgb24, row-major, base64. */
  rgb24: z.base64(),
};
const holdsPicture = (body: { width: number; height: number; rgb24: string }) =>
  Buffer.from(body.rgb24, 'base64').length === body.width * body.height * 3;
const pictureSize = { error: 'rgb24 must hold width x height x 3 bytes', path: ['rgb24'] };

/** A picture in a request body (a start image). */
export const pictureSchema = z.strictObject(pictureFields).refine(holdsPicture, pictureSize);

/** Request bodies the server validates. */
export const requestSchemas = {
  createSession: z.strictObject({
    width: z.number().int().min(16).max(4096).optional(),
    height: z.number().int().min(16).max(4096).optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    fps: z.number().int().min(1).max(120).optional(),
    steps: z.number().int().min(1).max(1000).optional(),
    /** Engine-specific settings, passed through to the engine factory. */
    options: z.record(z.string(), z.unknown()).optional(),
  }),
  encodePrompt: z.strictObject({ text: z.string().min(1).max(20_000) }),
  generateChunk: z.strictObject({
    /** The chunk index the client expects; a mismatch (a retried call) answers 409 `chunk-mismatch`. */
    chunk: count.optional(),
    prompt: promptReference,
    blend: z.strictObject({ from: promptReference, alpha: z.number().min(0).max(1) }).optional(),
    /** Sparse memory activation: attend only to this many frames of sink + bank (`GenerateChunkOptions`). */
    memoryTopK,
    /** State calls to apply first, in order (store, drop, bank), as if each had its own request. */
    before,
    /** Decode the chunk too and answer `application/vnd.iamflow.chunk` (JSON + rgb24 frames); servers may ignore it. */
    decode: z.boolean().optional(),
    /** With `decode`: put the chunk's render record in the reply's JSON (engines that keep one). */
    renderRecord: z.boolean().optional(),
    /** Image-to-video (chunk 0, sessions with `abilities.imageToVideo`): the picture the video starts from. */
    startImage: pictureSchema.optional(),
  }),
  recache: z.strictObject({ prompt: promptReference, memoryTopK, before }),
  storeFrame: z.strictObject({ frame: count }),
  /** `PUT /sessions/:session/images/:id`: an rgb24 picture (base64) encoded into the store under the id. */
  encodeImage: z
    .strictObject({
      ...pictureFields,
      text: z.string().max(20_000).optional(),
      position: count.optional(),
      before,
    })
    .refine(holdsPicture, pictureSize),
  setBank: z.strictObject({ ids: z.array(z.string().min(1).max(256)).max(256) }),
};

/** What a client sends to open a session. */
export type CreateSessionRequest = z.input<typeof requestSchemas.createSession>;

/** Costs as the compact JSON of the `iamflow-costs` header. */
export function encodeCostsHeader(costs: EngineCosts): string {
  return JSON.stringify(costs);
}
