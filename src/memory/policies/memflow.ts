import { z } from 'zod';
import type { EncodedPrompt, FrameKeys } from '../../engine/engine.js';
import { reference } from '../../reference/index.js';
import { parseSettings } from '../parse-policy-settings.js';
import { parsePolicyState } from '../parse-policy-state.js';
import type { MemoryPolicy, PolicyContext } from '../policy.js';

const settingsSchema = z.strictObject({
  /** Bank frames (reference 3). */
  capacity: z.number().int().min(1).max(reference.context.bankCapacity).default(reference.memflow.bankFrames),
  /** Record a frame every this many chunks (reference 3). */
  interval: z.number().int().min(1).default(reference.memflow.recordEveryChunks),
});

const stateSchema = z.strictObject({
  policy: z.literal('memflow'),
  capacity: z.number().int(),
  interval: z.number().int(),
  bank: z.array(
    z.object({
      id: z.string(),
      frame: z.number().int().nonnegative(),
      keys: z.array(z.array(z.number())),
    }),
  ),
});

/** MemFlow's settings. */
export type MemFlowSettings = z.infer<typeof settingsSchema>;

/** Mean of vectors (zeros when there are none). */
function meanVector(vectors: readonly Float32Array[], dimension: number): Float32Array {
  const mean = new Float32Array(dimension);
  for (const vector of vectors) for (let i = 0; i < dimension; i++) mean[i]! += vector[i]! / vectors.length;
  return mean;
}

/**
 * MemFlow's retrieval score of a frame for a prompt: mean text key . mean frame key, which equals the mean of
 * `textKey . frameKey` over all (token, pooled key) pairs.
 */
export function scoreFrameForPrompt(
  prompt: Pick<EncodedPrompt, 'tokens'>,
  frame: Pick<FrameKeys, 'keys'>,
): number {
  const dimension = Math.max(prompt.tokens[0]?.key.length ?? 0, frame.keys[0]?.length ?? 0);
  const text = meanVector(
    prompt.tokens.map((t) => t.key),
    dimension,
  );
  const keys = meanVector(frame.keys, dimension);
  let dot = 0;
  for (let i = 0; i < dimension; i++) dot += text[i]! * keys[i]!;
  return dot;
}

interface BankFrame {
  id: string;
  frame: number;
  keys: FrameKeys;
}

/**
 * MemFlow: LongLive (recache at switches) plus a small bank. Every `interval`-th chunk (the 3rd, 6th, ...) its
 * first latent frame is stored; when the bank is full, the `capacity - 1` frames that score highest against the
 * current prompt stay (in temporal order) and the new frame is appended.
 *
 * @example
 * const policy = createMemFlowPolicy(context, { capacity: 3 });
 */
export function createMemFlowPolicy(
  context: PolicyContext,
  settings?: Record<string, unknown>,
): MemoryPolicy {
  const { capacity, interval } = parseSettings('memflow', settingsSchema, settings);
  const { engine, events } = context;
  let bank: BankFrame[] = [];

  return {
    specificationVersion: 'v1',
    name: 'memflow',
    transition: 'recache',
    // Scored by keys alone: no decoded frame is read.
    framesRead: () => [],
    async onChunkEnd({ chunk, prompt }) {
      if ((chunk.chunk + 1) % interval !== 0) return;
      const first = chunk.frames[0];
      if (!first) return;
      const id = `memflow-${first.frame}`;
      await engine.storeFrame(first.frame, id);
      events({ type: 'frame-store', chunk: chunk.chunk, frame: first.frame, id });
      if (bank.length >= capacity) {
        const scored = bank.map((entry) => ({ entry, score: scoreFrameForPrompt(prompt, entry.keys) }));
        // Highest score first; ties keep the older frame.
        const ranked = [...scored].sort((a, b) => b.score - a.score || a.entry.frame - b.entry.frame);
        const kept = new Set(ranked.slice(0, capacity - 1).map((s) => s.entry));
        for (const { entry, score } of scored) {
          if (kept.has(entry)) continue;
          await engine.dropFrame(entry.id);
          events({ type: 'frame-drop', chunk: chunk.chunk, frame: entry.frame, id: entry.id, score });
        }
        bank = bank.filter((entry) => kept.has(entry));
      }
      bank.push({ id, frame: first.frame, keys: first });
      await engine.setBank(bank.map((entry) => entry.id));
      events({
        type: 'bank-set',
        chunk: chunk.chunk,
        ids: bank.map((e) => e.id),
        frames: bank.map((e) => e.frame),
      });
    },
    checkpoint: async () => ({
      policy: 'memflow',
      capacity,
      interval,
      bank: bank.map((entry) => ({
        id: entry.id,
        frame: entry.frame,
        keys: entry.keys.keys.map((key) => Array.from(key)),
      })),
    }),
    async restore(state) {
      const saved = parsePolicyState('memflow', stateSchema, state);
      if (saved.capacity !== capacity || saved.interval !== interval) {
        parsePolicyState(
          'memflow',
          stateSchema.refine(() => false, 'saved with other capacity or interval'),
          saved,
        );
      }
      bank = saved.bank.map((entry) => ({
        id: entry.id,
        frame: entry.frame,
        keys: { frame: entry.frame, keys: entry.keys.map((key) => Float32Array.from(key)) },
      }));
    },
    snapshot: () => ({
      capacity,
      interval,
      bank: bank.map((entry) => ({ id: entry.id, frame: entry.frame })),
    }),
  };
}
