import { createRulesExtractor } from '../../agents/llm/rules/create-rules-extractor.js';
import type { VerifyInput } from '../../agents/vlm/frame-verifier.js';
import { createPixelVerifier } from '../../agents/vlm/pixel/create-pixel-verifier.js';
import { sampleFrames } from '../../agents/vlm/sample-frames.js';
import { createVerifyQueue } from '../../agents/vlm/verify-queue.js';
import type { EncodedPrompt } from '../../engine/engine.js';
import { applyExtraction, createRegistry, findEntity, type Registry } from '../../entities/registry.js';
import type { ChunkEndEvent, MemoryPolicy, PolicyContext, SegmentStartEvent } from '../policy.js';
import { type ChunkCandidates, pickArchiveEntry, scoreChunk } from './chunk-candidates.js';
import { correctRegistry } from './correct-registry.js';
import {
  type ArchiveEntry,
  addToArchive,
  archiveFrames,
  createFrameArchive,
  referenceArchiveStep,
} from './frame-archive.js';
import { scoreFrame } from './frame-score.js';
import { createSeededRandom } from './fuse-scores.js';
import { iamflowDefaults } from './iamflow-defaults.js';
import { createIamflowEmitter } from './iamflow-events.js';
import { parseIamflowSettings } from './iamflow-settings.js';
import {
  bankOf,
  idMemoryCapacity,
  selectReferenceIdMemory,
  selectReferencePromptMemory,
  updateMemory,
} from './id-memory.js';
import type { MemoryState } from './memory-state.js';
import { createReferenceBank } from './reference-bank.js';
import { referenceEntityWeights, referencePromptWeights, slotCount } from './reference-token-weights.js';
import { selectIdMemory, selectTopFrames } from './select-memory.js';
import { computeTokenWeights, type TokenWeights } from './token-weights.js';
import { createVerificationLog, perLatentFrame } from './verification-log.js';

const idPrefix = 'iamflow-f';

interface CurrentSegment {
  segment: number;
  startChunk: number;
  ids: number[];
  weights: TokenWeights;
  slotWeights: number[] | undefined;
  prompt: EncodedPrompt;
}

/**
 * The IAMFlow memory policy, by default as the reference runs it: per segment, extract entities and global IDs and
 * set the ID memory by greedy set cover (dynamic budget); per chunk, verify decoded frames in the background,
 * archive the reference's chunk (the chunk just made for a segment's first three chunks, then the chunk leaving
 * the local window; nothing in a segment without entities), append or replace it in the ID memory, inject the
 * memory into the engine bank, and apply the verifier's attribute corrections after a segment's second chunk.
 *
 * @example
 * const policy = createIamflowPolicy(context, { bankUpdate: 'reference', budget: 'dynamic' });
 */
export function createIamflowPolicy(
  context: PolicyContext,
  rawSettings?: Record<string, unknown>,
): MemoryPolicy {
  const settings = parseIamflowSettings(rawSettings);
  const { engine, timeline } = context;
  const emit = createIamflowEmitter(context.events);
  const extractor = settings.extractor ?? createRulesExtractor();
  const verifier = settings.verifier ?? createPixelVerifier();
  const queue = createVerifyQueue({ verifier, capacity: settings.queueCapacity });
  const log = createVerificationLog({ queue, timeoutMs: settings.verifyTimeoutMs, emit });
  const verification = log.records;
  // The `random` ablation draws from the run's seed unless the settings fix one.
  const random = createSeededRandom(settings.seed ?? context.seed);
  const lag = Math.max(1, Math.round(engine.info.localFrames / engine.info.chunkFrames));
  const capacity =
    settings.selection === 'prompt' ? iamflowDefaults.promptTopFrames : idMemoryCapacity(settings.budget);
  let registry: Registry = createRegistry();
  let archive = createFrameArchive();
  /** The ID (or prompt) memory list; may repeat a frame, as the reference's does. */
  let memory: string[] = [];
  /** The engine bank as last set, and the set last injected (the reference skips an equal re-injection). */
  let bank: string[] = [];
  let lastInjected: string[] | null = null;
  const candidates = new Map<number, ChunkCandidates>();
  /** Segment of every chunk sent to verification, to record all results at the end. */
  const verified = new Map<number, number>();
  const extractions: Array<{ segment: number; provider: string; ids: number[]; warnings: unknown[] }> = [];
  let current: CurrentSegment | null = null;
  const references = createReferenceBank(engine, context.references, emit);
  /** The bank as the engine holds it: this segment's reference frames, then `bank`. */
  let engineBank: string[] = [];

  const entityInput = (id: number) => {
    const entity = findEntity(registry, id);
    return entity ? [{ id, name: entity.properName ?? entity.name, attrs: [...entity.attrs] }] : [];
  };

  const setBank = async (chunk: number, reason: string, ids: string[]): Promise<void> => {
    const frames = archiveFrames(archive);
    const composed = references.compose(ids, iamflowDefaults.maxBudget);
    await engine.setBank(composed);
    bank = ids;
    engineBank = composed;
    const frameOf = (id: string) => references.frameOf(id) ?? frames.find((entry) => entry.id === id)!.frame;
    emit({ type: 'bank-set', chunk, reason, ids: composed, frames: composed.map(frameOf) });
  };

  /** Injects the memory list into the engine bank when its set differs from the last injected one. */
  const inject = async (chunk: number, reason: string): Promise<void> => {
    const next = bankOf(memory, archiveFrames(archive));
    // The reference injects nothing for an empty memory (memory_bank.py:896) and skips an equal set (line 1147).
    if (next.length === 0 || (lastInjected && lastInjected.join() === next.join())) return;
    lastInjected = next;
    await setBank(chunk, reason, next);
  };

  /** Our ablation: re-run the selection over the whole archive. */
  const reselect = (): string[] => {
    const frames = archiveFrames(archive);
    if (!current) return [];
    if (settings.selection === 'prompt') {
      const queries = current.prompt.tokens.map((token) => token.key);
      const uniform = queries.map(() => 1);
      const scores = frames.map((entry) => scoreFrame(queries, uniform, new Map(), entry.keys).text);
      return selectTopFrames(frames, scores);
    }
    const select = settings.cover === 'reference' ? selectReferenceIdMemory : selectIdMemory;
    return select(frames, current.ids, { budget: settings.budget }).ids;
  };

  const archiveView = (frames: readonly ArchiveEntry[]) =>
    frames.map((entry) => ({
      id: entry.id,
      entities: entry.entities,
      entityScore: entry.textScore,
      score: entry.score,
    }));

  const startMemory = async (chunk: number, first: boolean): Promise<void> => {
    if (!current) return;
    const frames = archiveFrames(archive);
    const mode = settings.selection;
    const base = {
      type: 'memory-set' as const,
      chunk,
      segment: current.segment,
      mode,
      entityIds: current.ids,
    };
    const view = { archiveSize: frames.length, archive: archiveView(frames) };
    // Both transitions clear the engine bank at a switch (agent_causal_inference.py:327-331, 861-866).
    const cleared = !first && bank.length > 0;
    if (!first && settings.transition === 'recache') lastInjected = null;
    const skipped = first
      ? 'first-segment'
      : mode === 'entity' && current.ids.length === 0
        ? 'no-entities'
        : frames.length === 0
          ? 'empty-archive'
          : undefined;
    if (skipped) {
      emit({ ...base, memory: [...memory], skipped, ...view });
    } else if (mode === 'prompt') {
      memory = selectReferencePromptMemory(frames);
      emit({ ...base, memory: [...memory], budget: iamflowDefaults.promptTopFrames, ...view });
    } else {
      const select = settings.cover === 'reference' ? selectReferenceIdMemory : selectIdMemory;
      const { ids, ...details } = select(frames, current.ids, { budget: settings.budget });
      memory = ids;
      emit({ ...base, memory: [...memory], ...details, ...view });
    }
    if (cleared) await setBank(chunk, 'switch', []);
    if (skipped) return;
    if (settings.artefacts === 'fixed') lastInjected = null;
    await inject(chunk, 'segment-start');
  };

  const archiveChunk = async (chunk: number, segment: CurrentSegment): Promise<void> => {
    const step = referenceArchiveStep({
      segmentChunk: chunk - segment.startChunk,
      chunk,
      hasEntities: segment.ids.length > 0,
      lag,
    });
    if (chunk >= lag) {
      const evicted = chunk - lag;
      const archived = step.chunk === evicted;
      emit({
        type: 'chunk-evict',
        chunk,
        sourceChunk: evicted,
        archived,
        ...(archived ? {} : { reason: evicted < segment.startChunk ? 'previous-segment' : 'no-entities' }),
      });
    }
    if (step.chunk === null) return;
    const source = candidates.get(step.chunk);
    if (!source) return;
    const result = await log.await(chunk, step.chunk, source.segment);
    const { visual, seen } = perLatentFrame(result, engine.info.videoFramesPerLatent);
    const entry = pickArchiveEntry(source, visual, seen, {
      mode: settings.score,
      random,
      coverage: settings.coverage,
      threshold: settings.coverThreshold,
      provisional: false,
      idPrefix,
      verified: result !== undefined,
    });
    await engine.storeFrame(entry.frame, entry.id);
    archive = addToArchive(archive, entry).archive;
    if (step.via === 'evicted') candidates.delete(step.chunk);
    emit({
      type: 'frame-archive',
      chunk,
      id: entry.id,
      frame: entry.frame,
      sourceChunk: entry.chunk,
      segment: entry.segment,
      via: step.via,
      score: entry.score,
      textScore: entry.textScore,
      visualScore: entry.visualScore,
      entityScores: entry.entityScores,
      entities: entry.entities,
    });
    if (settings.bankUpdate === 'recover-every-chunk') {
      memory = reselect();
      emit({ type: 'memory-reselect', chunk, memory: [...memory] });
    } else {
      const prompt = settings.selection === 'prompt';
      const frames = archiveFrames(archive);
      const stored = (id: string) => {
        const found = frames.find((item) => item.id === id);
        return found ? (prompt ? found.score : found.textScore) : undefined;
      };
      // Prompt mode: the reference compares the new frame's entity score with stored fused scores (an artefact).
      const score = prompt && settings.artefacts === 'fixed' ? entry.score : entry.textScore;
      const update = updateMemory(memory, entry.id, score, stored, capacity, {
        repeats: settings.artefacts === 'faithful',
      });
      // The prompt memory drops repeats after each update (memory_bank.py:126); the ID memory keeps them.
      memory = prompt ? [...new Set(update.memory)] : update.memory;
      if (update.action === 'append')
        emit({ type: 'memory-append', chunk, id: entry.id, score, memory: [...memory] });
      else if (update.action === 'replace') {
        const { index, replaced, replacedScore } = update;
        emit({
          type: 'memory-replace',
          chunk,
          id: entry.id,
          score,
          replaced,
          replacedScore,
          index,
          memory: [...memory],
        });
      } else
        emit({ type: 'memory-keep', chunk, id: entry.id, score, reason: update.reason, memory: [...memory] });
    }
    await inject(chunk, 'chunk-end');
  };

  const applyCorrections = async (chunk: number, segment: CurrentSegment): Promise<void> => {
    const entry = await log.await(chunk, segment.startChunk, segment.segment);
    const corrected = correctRegistry(registry, entry?.corrections ?? [], {
      mode: settings.correction,
      segmentIds: segment.ids,
    });
    registry = corrected.registry;
    for (const change of corrected.changes) emit({ type: 'attribute-correction', chunk, ...change });
  };

  return {
    specificationVersion: 'v1',
    name: 'iamflow',
    transition: settings.transition,
    async onSegmentStart({ segment, prompt }: SegmentStartEvent) {
      const extraction = await extractor.extract({
        prompt: segment.prompt,
        promptIndex: segment.index + 1,
        registry,
      });
      registry = applyExtraction(registry, {
        promptIndex: segment.index + 1,
        characters: extraction.characters,
      });
      const ids = extraction.characters.map((character) => character.id);
      const weights = computeTokenWeights(prompt.text, prompt.tokens, extraction.spans);
      const slots = slotCount(settings.artefacts, prompt.tokens.length);
      const slotWeights =
        settings.scoring !== 'reference'
          ? undefined
          : settings.selection === 'prompt'
            ? referencePromptWeights(slots)
            : referenceEntityWeights(extraction.characters, slots, prompt.text);
      current = { segment: segment.index, startChunk: segment.startChunk, ids, weights, slotWeights, prompt };
      extractions.push({
        segment: segment.index,
        provider: extractor.provider,
        ids,
        warnings: extraction.warnings ?? [],
      });
      emit({
        type: 'entity-extract',
        chunk: segment.startChunk,
        segment: segment.index,
        provider: extractor.provider,
        ...(extraction.warnings && extraction.warnings.length > 0 ? { warnings: extraction.warnings } : {}),
        entities: extraction.characters.map((character) => ({
          id: character.id,
          isNew: character.isNew,
          mention: character.mention,
          attrs: character.attrs,
        })),
      });
      await references.startSegment({
        chunk: segment.startChunk,
        segment: segment.index,
        startFrame: segment.startFrame,
        registry,
        ids,
      });
      await startMemory(segment.startChunk, segment.index === 0);
      // The segment's reference frames go in at once, also when the memory injects nothing yet.
      if (references.compose(bank, iamflowDefaults.maxBudget).join() !== engineBank.join())
        await setBank(segment.startChunk, 'references', bank);
    },
    async onChunkEnd({ segment, prompt, chunk, frames }: ChunkEndEvent) {
      if (!current || current.segment !== segment.index) return;
      const segmentNow = current;
      candidates.set(
        chunk.chunk,
        scoreChunk(
          chunk.chunk,
          segment.index,
          chunk.frames,
          prompt.tokens,
          segmentNow.weights,
          segmentNow.ids,
          segmentNow.slotWeights,
        ),
      );
      const firstChunk = chunk.chunk === segment.startChunk;
      const input: VerifyInput = {
        frames: sampleFrames(
          frames,
          iamflowDefaults.verifyFrameIndices,
          iamflowDefaults.verifySize,
          settings.verifyFit,
        ),
        entities: segmentNow.ids.flatMap(entityInput),
        prompt: segment.prompt,
        firstChunkOfSegment: firstChunk,
      };
      if (settings.verifyFit === 'squash' && frames[0])
        input.sourceAspect = frames[0].width / frames[0].height;
      if (firstChunk) input.registered = registry.entities.flatMap((entity) => entityInput(entity.id));
      verified.set(chunk.chunk, segment.index);
      const heldMs = await queue.enqueue(chunk.chunk, input);
      if (heldMs > 1) emit({ type: 'verify-backpressure', chunk: chunk.chunk, waitMs: heldMs });
      if (settings.syncVerify) log.record(chunk.chunk, segment.index, (await queue.result(chunk.chunk))!);
      await archiveChunk(chunk.chunk, segmentNow);
      // Corrections are read after the segment's second chunk, in the archiving branch (agent_causal_inference.py:515).
      if (chunk.chunk === segment.startChunk + iamflowDefaults.correctionChunk && segmentNow.ids.length > 0)
        await applyCorrections(chunk.chunk, segmentNow);
      // Chunks no rule will archive any more need no candidates.
      for (const old of candidates.keys()) if (old < segment.startChunk) candidates.delete(old);
    },
    async finish() {
      await queue.drain();
      for (const [chunk, segment] of verified) {
        const done = queue.peek(chunk);
        if (done) log.record(chunk, segment, done);
      }
      verification.sort((a, b) => a.chunk - b.chunk);
    },
    snapshot() {
      const state: MemoryState = { version: 1, registry, archive, bank, verification };
      const waits = verification.map((item) => item.waitMs);
      return {
        settings: {
          ...settings,
          seed: settings.seed ?? context.seed,
          extractor: extractor.provider,
          verifier: verifier.provider,
        },
        evictionLagChunks: lag,
        totalChunks: timeline.totalChunks,
        memory,
        extractions,
        references: references.resolved(),
        verifyWaitMs: { total: waits.reduce((a, b) => a + b, 0), max: Math.max(0, ...waits) },
        state,
      };
    },
  };
}
