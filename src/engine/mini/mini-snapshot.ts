import { z } from 'zod';
import type { EngineCosts } from '../engine.js';
import { engineError } from './engine-error.js';
import type { StoredFrame } from './frame-store.js';
import type { QuantizedVector } from './quantize.js';
import type { ContextFrame, KeyValueToken, LatentFrame, SceneToken } from './tokens.js';

/** The mutable state of a miniature engine: everything `generateChunk` and `setBank` read besides settings. */
export interface MiniEngineState {
  /** Generated latent frames; `undefined` where a frame left the retention window. */
  frames: Array<LatentFrame | undefined>;
  store: Map<string, StoredFrame>;
  bank: ContextFrame[];
  costs: EngineCosts;
}

/** What identifies an engine instance: a snapshot restores only into an engine with the same values. */
export interface MiniEngineIdentity {
  modelId: string;
  seed: number;
  /** The resolved settings (size, steps, quantization, ...) as JSON. */
  settings: unknown;
}

// Float vectors travel as base64 of their bytes: exact (no decimal round trip) and a quarter of the JSON size.
type Vector = Float32Array | Int8Array | Uint8Array;
const kinds = { f32: Float32Array, i8: Int8Array, u8: Uint8Array } as const;
const vectorSchema = z.object({ kind: z.enum(['f32', 'i8', 'u8']), base64: z.string() });

function encodeVector(vector: Vector) {
  const kind = vector instanceof Float32Array ? 'f32' : vector instanceof Int8Array ? 'i8' : 'u8';
  return {
    kind,
    base64: Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64'),
  };
}

function decodeVector(value: z.infer<typeof vectorSchema>): Vector {
  const bytes = Buffer.from(value.base64, 'base64');
  const Kind = kinds[value.kind];
  if (bytes.byteLength % Kind.BYTES_PER_ELEMENT !== 0)
    throw new Error(`${value.kind} vector of ${bytes.byteLength} bytes`);
  // Copied into a fresh buffer: Buffer's pool offset need not be aligned.
  return new Kind(new Uint8Array(bytes).buffer);
}

const f32 = (value: z.infer<typeof vectorSchema>) => {
  const vector = decodeVector(value);
  if (!(vector instanceof Float32Array)) throw new Error(`expected f32, got ${value.kind}`);
  return vector;
};

const tokenSchema = z.object({
  slot: z.number().int(),
  key: vectorSchema,
  value: vectorSchema,
  mention: z.string().nullable(),
});
const sceneSchema = z.object({ setting: z.string().nullable(), state: vectorSchema, binding: vectorSchema });
const frameSchema = z.object({
  index: z.number().int().nonnegative(),
  prompt: z.string(),
  scene: sceneSchema,
  slots: z.array(z.object({ state: vectorSchema, binding: vectorSchema, mention: z.string().nullable() })),
  cache: z.array(tokenSchema),
});
const quantizedSchema = z.object({ data: vectorSchema, scale: z.number() });
const storedSchema = z.object({
  position: z.number().int().nonnegative(),
  setting: z.string().nullable(),
  scene: quantizedSchema,
  sceneBinding: quantizedSchema,
  tokens: z.array(
    z.object({
      slot: z.number().int(),
      key: quantizedSchema,
      value: quantizedSchema,
      mention: z.string().nullable(),
    }),
  ),
});
const costsSchema = z.object({
  generatedFrames: z.number(),
  denoisingPasses: z.number(),
  contextPasses: z.number(),
  recachedFrames: z.number(),
  attentionOps: z.number(),
  decodedFrames: z.number(),
});

/** Schema of a miniature engine snapshot (version 1). */
export const miniSnapshotSchema = z.object({
  format: z.literal('iamflow-mini-engine-snapshot'),
  version: z.literal(1),
  identity: z.object({ modelId: z.string(), seed: z.number(), settings: z.unknown() }),
  frames: z.array(frameSchema.nullable()),
  store: z.array(z.tuple([z.string(), storedSchema])),
  bank: z.array(z.object({ position: z.number().int(), scene: sceneSchema, cache: z.array(tokenSchema) })),
  costs: costsSchema,
});

const encodeToken = (token: KeyValueToken) => ({
  slot: token.slot,
  key: encodeVector(token.key),
  value: encodeVector(token.value),
  mention: token.mention,
});
const encodeScene = (scene: SceneToken) => ({
  setting: scene.setting,
  state: encodeVector(scene.state),
  binding: encodeVector(scene.binding),
});
const encodeQuantized = (vector: QuantizedVector) => ({
  data: encodeVector(vector.data),
  scale: vector.scale,
});

/** Encoded frames by frame, valid while the frame keeps the cache array it had (a recache replaces it). */
const encodedFrames = new WeakMap<LatentFrame, { cache: readonly KeyValueToken[]; json: unknown }>();

function encodeFrame(frame: LatentFrame): unknown {
  const known = encodedFrames.get(frame);
  if (known && known.cache === frame.cache) return known.json;
  const json = {
    index: frame.index,
    prompt: frame.prompt,
    scene: encodeScene(frame.scene),
    slots: frame.slots.map((slot) => ({
      state: encodeVector(slot.state),
      binding: encodeVector(slot.binding),
      mention: slot.mention,
    })),
    cache: frame.cache.map(encodeToken),
  };
  encodedFrames.set(frame, { cache: frame.cache, json });
  return json;
}

/**
 * A JSON snapshot of a miniature engine: every generated latent frame (their caches as the last context pass or
 * recache wrote them), the frame store, the bank as set, and the work counters. The engine draws no running random
 * stream: each frame's noise is seeded by (seed, frame index), so the seed in `identity` is the whole RNG state.
 */
export function snapshotMiniState(state: MiniEngineState, identity: MiniEngineIdentity) {
  return {
    format: 'iamflow-mini-engine-snapshot' as const,
    version: 1 as const,
    identity,
    // Generated frames do not change except by a recache (a new cache array): each is encoded once per cache.
    frames: state.frames.map((frame) => (frame === undefined ? null : encodeFrame(frame))),
    store: [...state.store].map(([id, stored]) => [
      id,
      {
        position: stored.position,
        setting: stored.setting,
        scene: encodeQuantized(stored.scene),
        sceneBinding: encodeQuantized(stored.sceneBinding),
        tokens: stored.tokens.map((token) => ({
          slot: token.slot,
          key: encodeQuantized(token.key),
          value: encodeQuantized(token.value),
          mention: token.mention,
        })),
      },
    ]),
    bank: state.bank.map((frame) => ({
      position: frame.position,
      scene: encodeScene(frame.scene),
      cache: frame.cache.map(encodeToken),
    })),
    costs: { ...state.costs },
  };
}

/**
 * Reads a snapshot back into `state` (replacing its contents). Refuses, with an `EngineError`, a value that is not
 * a version-1 mini snapshot or one taken from an engine with another model, seed or settings.
 */
export function restoreMiniState(value: unknown, state: MiniEngineState, identity: MiniEngineIdentity): void {
  const parsed = miniSnapshotSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw engineError(
      'invalid-snapshot',
      ['snapshot', ...issue.path.map(String)],
      `not a miniature engine snapshot: ${issue.message}`,
      'use a checkpoint written by this version of iamflow',
    );
  }
  const snapshot = parsed.data;
  const theirs = JSON.stringify(snapshot.identity);
  const ours = JSON.stringify(identity);
  if (theirs !== ours) {
    throw engineError(
      'snapshot-mismatch',
      ['snapshot', 'identity'],
      `the snapshot was taken from another engine (${theirs}), this one is ${ours}`,
      'resume with the model, seed and settings of the run that wrote it',
    );
  }
  const scene = (value: z.infer<typeof sceneSchema>): SceneToken => ({
    setting: value.setting,
    state: f32(value.state),
    binding: f32(value.binding),
  });
  const token = (value: z.infer<typeof tokenSchema>): KeyValueToken => ({
    slot: value.slot,
    key: f32(value.key),
    value: f32(value.value),
    mention: value.mention,
  });
  const quantized = (value: z.infer<typeof quantizedSchema>): QuantizedVector => ({
    data: decodeVector(value.data),
    scale: value.scale,
  });
  try {
    const frames: Array<LatentFrame | undefined> = snapshot.frames.map((frame, position) => {
      if (frame === null) return undefined;
      if (frame.index !== position) throw new Error(`frame ${position} has index ${frame.index}`);
      return {
        index: frame.index,
        prompt: frame.prompt,
        scene: scene(frame.scene),
        slots: frame.slots.map((slot) => ({
          state: f32(slot.state),
          binding: f32(slot.binding),
          mention: slot.mention,
        })),
        cache: frame.cache.map(token),
      };
    });
    const store = new Map<string, StoredFrame>(
      snapshot.store.map(([id, stored]) => [
        id,
        {
          position: stored.position,
          setting: stored.setting,
          scene: quantized(stored.scene),
          sceneBinding: quantized(stored.sceneBinding),
          tokens: stored.tokens.map((item) => ({
            slot: item.slot,
            key: quantized(item.key),
            value: quantized(item.value),
            mention: item.mention,
          })),
        },
      ]),
    );
    const bank: ContextFrame[] = snapshot.bank.map((frame) => ({
      position: frame.position,
      part: 'bank',
      scene: scene(frame.scene),
      cache: frame.cache.map(token),
    }));
    state.frames.splice(0, state.frames.length, ...frames);
    state.store.clear();
    for (const [id, stored] of store) state.store.set(id, stored);
    state.bank = bank;
    Object.assign(state.costs, snapshot.costs);
  } catch (error) {
    throw engineError(
      'invalid-snapshot',
      ['snapshot', 'frames'],
      `the snapshot's vectors are damaged: ${error instanceof Error ? error.message : String(error)}`,
      'use a checkpoint written by this version of iamflow',
    );
  }
}
