import { describe, expect, it } from 'vitest';
import type { CausalVideoEngineV1, EncodedPrompt } from '../engine/engine.js';
import { completeChunkFrames, partialChunkFrames, unionFrameDemands } from '../frame/chunk-frames.js';
import { buildTimeline } from '../script/timeline.js';
import { type MemoryEvent, memoryEventSchema } from './memory-event.js';
import { createPolicyEngine, type PolicyEngine, type PolicyRegistration } from './policy.js';

/** The cases of the shared policy suite, each skippable with a reason. */
export type PolicyCase = 'lifecycle' | 'bank' | 'events' | 'determinism';

/** Options of {@link runPolicyCases}. */
export interface PolicyCaseOptions {
  /** The policy under test, as listed. */
  registration: PolicyRegistration;
  /** A fresh engine for every run (the suite releases it). */
  newEngine: () => CausalVideoEngineV1;
  /** Policy settings. Default none. */
  settings?: Record<string, unknown>;
  /** Most frames the policy may put in the bank. Default the engine's `bankCapacity`. */
  bankLimit?: number;
  /** A label for the engine in test names. Default its provider. */
  engineName?: string;
  /** Cases to skip, each with the reason. */
  skip?: Partial<Record<PolicyCase, string>>;
}

// A returning character and two prompts that mention two people, so memory policies have work at every switch.
const script = {
  fps: 16,
  prompts: [
    'Nora, a young woman with red hair and a yellow raincoat, walks along a rainy street.',
    'A tall man named Ravi in a gray coat reads a newspaper on a park bench.',
    'Nora in her yellow raincoat sits down beside Ravi on the bench.',
  ],
  seconds: [3, 3, 3],
};

interface Drive {
  calls: string[];
  banks: string[][];
  events: MemoryEvent[];
  lateEvents: MemoryEvent[];
  storedAtBank: boolean[];
  snapshot: unknown;
  totalChunks: number;
  engineInfo: CausalVideoEngineV1['info'];
}

/** Runs the policy through a whole script the way the streaming loop does, recording what it does. */
async function drive(options: PolicyCaseOptions, seed: number): Promise<Drive> {
  const engine = options.newEngine();
  try {
    const timeline = buildTimeline(script, engine.info);
    const calls: string[] = [];
    const banks: string[][] = [];
    const events: MemoryEvent[] = [];
    const lateEvents: MemoryEvent[] = [];
    const storedAtBank: boolean[] = [];
    const stored = new Set<string>();
    let current = 0;
    // The view records bank traffic; it is built like the loop's (only the allowed members).
    const view: PolicyEngine = createPolicyEngine({
      ...createPolicyEngine(engine),
      storeFrame: async (frame, id) => {
        await engine.storeFrame(frame, id);
        stored.add(id);
      },
      dropFrame: async (id) => {
        await engine.dropFrame(id);
        stored.delete(id);
      },
      setBank: async (ids) => {
        banks.push([...ids]);
        storedAtBank.push(ids.every((id) => stored.has(id)));
        await engine.setBank(ids);
      },
    });
    const policy = options.registration.create(
      {
        engine: view,
        timeline,
        seed,
        events: (event) => {
          events.push(event);
          if (event.chunk > current) lateEvents.push(event);
        },
      },
      options.settings,
    );
    let previous: { segment: (typeof timeline.segments)[number]; prompt: EncodedPrompt } | undefined;
    for (const segment of timeline.segments) {
      const prompt = await engine.encodePrompt(segment.prompt);
      current = segment.startChunk;
      if (previous && policy.transition === 'recache') await engine.recache(prompt);
      calls.push(`segment:${segment.index}`);
      await policy.onSegmentStart?.(previous ? { segment, prompt, previous } : { segment, prompt });
      for (let index = segment.startChunk; index < segment.endChunk; index++) {
        current = index;
        const chunk = await engine.generateChunk({ prompt });
        // Only the frames the policy declares reach it, as in the loop: reading another one throws.
        const decoded = await engine.decodeChunk(chunk.chunk);
        const demand = unionFrameDemands([policy.framesRead?.(chunk) ?? 'all'], decoded.length);
        const frames =
          demand === 'all'
            ? completeChunkFrames(decoded)
            : partialChunkFrames(decoded.length, new Map(demand.map((index) => [index, decoded[index]!])));
        calls.push(`chunk:${chunk.chunk}`);
        await policy.onChunkEnd?.({ segment, prompt, chunk, frames });
      }
      previous = { segment, prompt };
    }
    await policy.finish?.();
    calls.push('finish');
    return {
      calls,
      banks,
      events,
      lateEvents,
      storedAtBank,
      snapshot: policy.snapshot?.(),
      totalChunks: timeline.totalChunks,
      engineInfo: engine.info,
    };
  } finally {
    await engine.release();
  }
}

/** A deep copy without wall-clock measurements (`waitMs`, `verifyWaitMs`, `verifyBusyMs`, back-pressure events), which no seed controls. */
function withoutTimings(value: unknown): unknown {
  // Back-pressure is when the verification thread fell behind: a wall-clock observation, not a decision.
  if (Array.isArray(value))
    return value
      .filter((item) => (item as { type?: unknown } | null)?.type !== 'verify-backpressure')
      .map(withoutTimings);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'waitMs' && key !== 'verifyWaitMs' && key !== 'verifyBusyMs')
      .map(([key, entry]) => [key, withoutTimings(entry)]),
  );
}

/**
 * The shared case suite every listed memory policy runs (as hono runs one router suite over every router):
 * lifecycle, the bank never above its limit and only stored frames in it, well-formed events, determinism.
 *
 * @example
 * for (const registration of policyRegistrations) runPolicyCases({ registration, newEngine: () => createFakeEngine() });
 */
export function runPolicyCases(options: PolicyCaseOptions): void {
  const { registration } = options;
  const label = options.engineName ?? options.newEngine().provider;
  const skip = options.skip ?? {};
  const test = (name: PolicyCase, title: string, body: () => Promise<void>) =>
    skip[name] === undefined ? it(title, body) : it.skip(`${title} (skipped: ${skip[name]})`, body);

  describe(`policy case suite: ${registration.name} on ${label}`, () => {
    test('lifecycle', 'is versioned, named as listed, and takes every call of a run in order', async () => {
      const run = await drive(options, 1);
      const policy = registration.create({
        engine: createPolicyEngine(options.newEngine()),
        timeline: buildTimeline(script),
        seed: 1,
        events: () => {},
      });
      expect(policy.specificationVersion).toBe('v1');
      expect(policy.name).toBe(registration.name);
      expect(['swap', 'recache', 'soft']).toContain(policy.transition);
      expect(run.calls.filter((call) => call.startsWith('segment'))).toHaveLength(3);
      expect(run.calls.filter((call) => call.startsWith('chunk'))).toHaveLength(run.totalChunks);
      expect(run.calls.at(-1)).toBe('finish');
      // The snapshot is plain JSON.
      expect(JSON.parse(JSON.stringify(run.snapshot ?? null))).toEqual(run.snapshot ?? null);
    });

    test('bank', 'never fills the bank above its limit, and only with frames it stored', async () => {
      const run = await drive(options, 1);
      const limit = options.bankLimit ?? run.engineInfo.bankCapacity;
      for (const bank of run.banks) expect(bank.length).toBeLessThanOrEqual(limit);
      expect(run.storedAtBank.every(Boolean)).toBe(true);
    });

    test('events', 'reports well-formed events, none ahead of the chunk being made', async () => {
      const run = await drive(options, 1);
      for (const event of run.events) {
        expect(memoryEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
        expect(event.chunk).toBeLessThan(run.totalChunks);
      }
      expect(run.lateEvents).toEqual([]);
      // A bank-set event says what the bank became.
      const sets = run.events.filter((event) => event.type === 'bank-set');
      for (const set of sets) expect(set.ids).toHaveLength(set.frames.length);
      expect(sets.map((set) => set.ids)).toEqual(run.banks);
    });

    test('determinism', 'does the same for the same seed', async () => {
      const [a, b] = [await drive(options, 7), await drive(options, 7)];
      expect(b.banks).toEqual(a.banks);
      expect(withoutTimings(b.events)).toEqual(withoutTimings(a.events));
      expect(withoutTimings(b.snapshot)).toEqual(withoutTimings(a.snapshot));
    });
  });
}
