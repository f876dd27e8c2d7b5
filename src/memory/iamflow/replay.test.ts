import { describe, expect, it } from 'vitest';
import type { FrameVerifierV1 } from '../../agents/vlm/frame-verifier.js';
import { createFakeEngine } from '../../pipeline/__fixtures__/fake-engine.js';
import { generateVideo } from '../../pipeline/generate-video.js';
import { readScripts } from '../../script/read-script.js';
import type { Script } from '../../script/script.js';
import { buildTimeline } from '../../script/timeline.js';
import type { MemoryEvent } from '../policy.js';
import { type ArchiveEntry, referenceArchiveStep } from './frame-archive.js';
import type { IamflowEvent } from './iamflow-events.js';
import { createIamflowPolicy } from './iamflow-policy.js';
import { bankOf, selectReferenceIdMemory, updateMemory } from './id-memory.js';

// Several suite scripts, from different dimensions, some with prompts that name nobody.
const suite = await readScripts('bench/suite/narrastream-324.jsonl');
const picked = ['reappearance-001', 'multi-character-002', 'newcomer-003', 'attribute-change-004'].map(
  (id) => suite.scripts.find((script) => script.id === id)!,
);

/** A verifier with seeded scores that corrects entity 1 on a segment's first chunk. */
const verifier: FrameVerifierV1 = {
  specificationVersion: 'v1',
  provider: 'fake-vlm',
  modelId: 'fake',
  async verify(input) {
    const scores = input.frames.map((frame, index) => ((frame.data[0]! * 7 + index * 13) % 100) / 100);
    return input.firstChunkOfSegment && input.registered?.some((entity) => entity.id === 1)
      ? { scores, corrections: [{ id: 1, attrs: ['green coat'] }] }
      : { scores };
  },
};

async function run(script: Script, settings: Record<string, unknown>): Promise<IamflowEvent[]> {
  const engine = createFakeEngine();
  const events: MemoryEvent[] = [];
  await generateVideo({
    script,
    engine,
    timeline: buildTimeline(script, engine.info),
    seed: 1,
    policy: (context) =>
      createIamflowPolicy(
        { ...context, events: (event) => events.push(event) },
        { verifier, syncVerify: true, ...settings },
      ),
  });
  return events as unknown as IamflowEvent[];
}

/**
 * Replays a run's memory events against the reference's rules (each checked against the reference's own code by
 * reference.test.ts) and returns what differs; an empty list means consistent.
 */
function replay(script: Script, events: readonly IamflowEvent[], options: { faithful: boolean }): string[] {
  const problems: string[] = [];
  const timeline = buildTimeline(script);
  const archive: ArchiveEntry[] = [];
  let memory: string[] = [];
  let bank: string[] = [];
  let lastInjected: string[] | null = null;
  let segment = { index: -1, startChunk: 0, ids: [] as number[] };
  const expectedBanks: Array<{ reason: string; ids: string[] }> = [];
  const inject = (reason: string) => {
    const next = bankOf(memory, archive);
    if (next.length === 0 || (lastInjected && lastInjected.join() === next.join())) return;
    lastInjected = next;
    bank = next;
    expectedBanks.push({ reason, ids: next });
  };
  const archivedAt = new Map<number, number>();
  for (const event of events) {
    switch (event.type) {
      case 'entity-extract':
        segment = {
          index: event.segment,
          startChunk: event.chunk,
          ids: event.entities.map((entity) => entity.id),
        };
        break;
      case 'memory-set': {
        const first = segment.index === 0;
        const skipped = first
          ? 'first-segment'
          : segment.ids.length === 0
            ? 'no-entities'
            : archive.length === 0
              ? 'empty-archive'
              : undefined;
        if (event.skipped !== skipped)
          problems.push(`segment ${segment.index}: skipped ${event.skipped} != ${skipped}`);
        const view = archive.map((entry) => entry.id);
        if (event.archive.map((entry) => entry.id).join() !== view.join())
          problems.push(`segment ${segment.index}: archive order differs`);
        if (!skipped) memory = selectReferenceIdMemory(archive, segment.ids).ids;
        if (event.memory.join() !== memory.join())
          problems.push(`segment ${segment.index}: memory ${event.memory} != ${memory}`);
        if (!first && bank.length > 0) {
          bank = [];
          expectedBanks.push({ reason: 'switch', ids: [] });
        }
        if (!skipped) {
          if (!options.faithful) lastInjected = null;
          inject('segment-start');
        }
        break;
      }
      case 'frame-archive': {
        const step = referenceArchiveStep({
          segmentChunk: event.chunk - segment.startChunk,
          chunk: event.chunk,
          hasEntities: segment.ids.length > 0,
        });
        if (step.chunk !== event.sourceChunk || (step.chunk !== null && step.via !== event.via))
          problems.push(`chunk ${event.chunk}: archived ${event.sourceChunk} (${event.via})`);
        archivedAt.set(event.chunk, event.sourceChunk);
        const entry = {
          id: event.id,
          frame: event.frame,
          entities: event.entities,
          textScore: event.textScore,
          score: event.score,
        } as ArchiveEntry;
        const at = archive.findIndex((item) => item.id === event.id);
        if (at >= 0) archive[at] = entry;
        else archive.push(entry);
        if (!event.entities.every((id) => segment.ids.includes(id)))
          problems.push(`chunk ${event.chunk}: coverage`);
        const stored = (id: string) => archive.find((item) => item.id === id)?.textScore;
        const update = updateMemory(memory, event.id, event.textScore, stored, 4, {
          repeats: options.faithful,
        });
        memory = update.memory;
        break;
      }
      case 'memory-append':
      case 'memory-replace':
      case 'memory-keep':
        if (event.memory.join() !== memory.join())
          problems.push(`chunk ${event.chunk}: ${event.type} ${event.memory} != ${memory}`);
        inject('chunk-end');
        break;
      case 'attribute-correction':
        if (event.chunk !== segment.startChunk + 1) problems.push(`correction at chunk ${event.chunk}`);
        if (event.after.join() !== event.attrs.join())
          problems.push('correction does not replace the attributes');
        break;
      default:
    }
  }
  // Every chunk the schedule names was archived, and no other.
  let startChunk = 0;
  for (const seg of timeline.segments) {
    const extract = events.find((event) => event.type === 'entity-extract' && event.segment === seg.index);
    const hasEntities = extract?.type === 'entity-extract' && extract.entities.length > 0;
    for (let chunk = seg.startChunk; chunk < seg.endChunk; chunk += 1) {
      const step = referenceArchiveStep({ segmentChunk: chunk - seg.startChunk, chunk, hasEntities });
      const expected = step.chunk ?? undefined;
      if (archivedAt.get(chunk) !== expected)
        problems.push(`chunk ${chunk}: archived ${archivedAt.get(chunk)} != ${expected}`);
    }
    startChunk = seg.endChunk;
  }
  expect(startChunk).toBe(timeline.totalChunks);
  const banks = events.flatMap((event) =>
    event.type === 'bank-set' ? [{ reason: event.reason, ids: event.ids }] : [],
  );
  if (JSON.stringify(banks) !== JSON.stringify(expectedBanks)) problems.push('bank-set sequence differs');
  return problems;
}

describe('memory events replayed against the reference rules', () => {
  it.each(picked.map((script) => [script.id, script] as const))('%s: consistent', async (_id, script) => {
    const events = await run(script, {});
    expect(replay(script, events, { faithful: false })).toEqual([]);
    const kinds = new Set(events.map((event) => event.type));
    for (const kind of ['memory-set', 'memory-append', 'frame-archive', 'chunk-evict', 'bank-set'])
      expect(kinds).toContain(kind);
  });

  it('is consistent with the faithful artefacts too, and sees replacements and corrections', async () => {
    const all: IamflowEvent[] = [];
    for (const script of picked) {
      const events = await run(script, { artefacts: 'faithful' });
      expect(replay(script, events, { faithful: true })).toEqual([]);
      all.push(...events);
    }
    const kinds = new Set(all.map((event) => event.type));
    for (const kind of ['memory-replace', 'memory-keep', 'attribute-correction'])
      expect(kinds).toContain(kind);
  });

  it('flags a run whose memory breaks the rules', async () => {
    const script = picked[0]!;
    const events = await run(script, { bankUpdate: 'recover-every-chunk' });
    expect(replay(script, events, { faithful: false })).not.toEqual([]);
  });
});
