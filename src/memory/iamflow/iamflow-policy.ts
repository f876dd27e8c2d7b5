import { createRulesExtractor } from '../../agents/llm/rules/create-rules-extractor.js';
import { type FrameVerifierV1, holdVerifierState } from '../../agents/vlm/frame-verifier.js';
import { createThreadVerifyQueue } from '../../agents/vlm/thread/create-thread-verify-queue.js';
import { createVerifierFromSpec, type VerifierSpec } from '../../agents/vlm/verifier-spec.js';
import { prepareVerifyInput, type VerifyJob } from '../../agents/vlm/verify-job.js';
import { createVerifyQueue, type QueuedResult, type VerifyQueue } from '../../agents/vlm/verify-queue.js';
import { applyExtraction, createRegistry, findEntity, type Registry } from '../../entities/registry.js';
import type { ChunkEndEvent, MemoryPolicy, PolicyContext, SegmentStartEvent } from '../policy.js';
import { type ChunkCandidates, pickArchiveEntry, scoreChunk } from './chunk-candidates.js';
import { correctRegistry } from './correct-registry.js';
import {
  type ArchiveEntry,
  addToArchive,
  archiveFrames,
  capArchive,
  createFrameArchive,
  referenceArchiveStep,
} from './frame-archive.js';
import { scoreFrame } from './frame-score.js';
import { createSeededRandom } from './fuse-scores.js';
import {
  type IamflowCheckpoint,
  type IamflowSegmentState,
  iamflowCheckpointFromJson,
  iamflowCheckpointToJson,
} from './iamflow-checkpoint.js';
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
import { profileExtractor, profileVerifier } from './profiled-agents.js';
import { createReferenceBank } from './reference-bank.js';
import { referenceEntityWeights, referencePromptWeights, slotCount } from './reference-token-weights.js';
import { selectIdMemory, selectTopFrames } from './select-memory.js';
import { computeTokenWeights } from './token-weights.js';
import { createVerificationLog, perLatentFrame } from './verification-log.js';

const idPrefix = 'iamflow-f';

type CurrentSegment = IamflowSegmentState;

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
  const extractor = profileExtractor(settings.extractor ?? createRulesExtractor());
  // A verifier given as an object stays on this thread; one given as data (default: pixel) gets its own thread.
  const spec: VerifierSpec | undefined =
    settings.verifier === undefined ? (settings.verifierSpec ?? { provider: 'pixel' }) : undefined;
  const verifier = settings.verifier ?? createVerifierFromSpec(spec!);
  // For checkpoints: the jobs not yet verified (in queue order: the queue runs one at a time, in order), and the
  // verifier's state after the last finished one, changed together so a restore re-queues exactly the unfinished.
  // The state is only held after each verification (no copy) and serialised when a checkpoint is taken; the
  // verification thread holds its own and answers `verifierState()`.
  const unverified = new Map<number, VerifyJob>();
  let verifierState = holdVerifierState(verifier);
  const profiledVerifier = profileVerifier(verifier);
  const tracked: FrameVerifierV1 = {
    specificationVersion: 'v1',
    provider: verifier.provider,
    modelId: verifier.modelId,
    async verify(input) {
      try {
        return await profiledVerifier.verify(input);
      } finally {
        unverified.delete(unverified.keys().next().value!);
        verifierState = holdVerifierState(verifier);
      }
    },
  };
  const thread =
    spec !== undefined && !settings.syncVerify
      ? createThreadVerifyQueue({
          spec,
          capacity: settings.queueCapacity,
          onSettled: (chunk) => unverified.delete(chunk),
        })
      : undefined;
  const queue = thread ?? createVerifyQueue({ verifier: tracked, capacity: settings.queueCapacity });
  /** Results finished before a restore: read as if the queue had them. */
  const carried = new Map<number, QueuedResult>();
  const results: VerifyQueue = {
    get pending() {
      return queue.pending;
    },
    enqueue: (chunk, job) => {
      unverified.set(chunk, job);
      return queue.enqueue(chunk, job);
    },
    result: (chunk) => (carried.has(chunk) ? Promise.resolve(carried.get(chunk)) : queue.result(chunk)),
    peek: (chunk) => carried.get(chunk) ?? queue.peek(chunk),
    drain: () => queue.drain(),
    close: () => queue.close(),
  };
  const log = createVerificationLog({ queue: results, timeoutMs: settings.verifyTimeoutMs, emit });
  const verification = log.records;
  // The `random` ablation draws from the run's seed unless the settings fix one; draws are counted for checkpoints.
  const randomSeed = settings.seed ?? context.seed;
  let draw = createSeededRandom(randomSeed);
  let randomDraws = 0;
  const random = () => {
    randomDraws += 1;
    return draw();
  };
  const settingsKey = JSON.stringify({
    ...settings,
    seed: randomSeed,
    extractor: extractor.provider,
    verifier: verifier.provider,
  });
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
    const capped = capArchive(archive, settings.archiveCapacity, new Set([...memory, ...bank]));
    archive = capped.archive;
    for (const gone of capped.removed) {
      await engine.dropFrame(gone.id);
      emit({ type: 'frame-drop', chunk, id: gone.id, frame: gone.frame, score: gone.score });
    }
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
    ...(settings.sparseMemory === 'off' ? {} : { memoryTopK: settings.sparseMemory }),
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
    // The verifier reads only its sample frames of each chunk.
    framesRead: () => iamflowDefaults.verifyFrameIndices,
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
      // Sampling (resize to 256 x 256) happens where the verifier runs: on its thread when async. Only the sampled
      // frames were decoded (framesRead): the job carries those, in order, and samples each of them.
      const sampled = iamflowDefaults.verifyFrameIndices.filter((index) => index < frames.count);
      const job: VerifyJob = {
        frames: sampled.map((index) => frames.at(index)),
        sample: {
          indices: sampled.map((_, position) => position),
          size: iamflowDefaults.verifySize,
          fit: settings.verifyFit,
        },
        entities: segmentNow.ids.flatMap(entityInput),
        prompt: segment.prompt,
        firstChunkOfSegment: firstChunk,
      };
      if (firstChunk) job.registered = registry.entities.flatMap((entity) => entityInput(entity.id));
      verified.set(chunk.chunk, segment.index);
      const heldMs = await results.enqueue(chunk.chunk, job);
      if (heldMs > 1) emit({ type: 'verify-backpressure', chunk: chunk.chunk, waitMs: heldMs });
      if (settings.syncVerify) log.record(chunk.chunk, segment.index, (await results.result(chunk.chunk))!);
      await archiveChunk(chunk.chunk, segmentNow);
      // Corrections are read after the segment's second chunk, in the archiving branch (agent_causal_inference.py:515).
      if (chunk.chunk === segment.startChunk + iamflowDefaults.correctionChunk && segmentNow.ids.length > 0)
        await applyCorrections(chunk.chunk, segmentNow);
      // Chunks no rule will archive any more need no candidates.
      for (const old of candidates.keys()) if (old < segment.startChunk) candidates.delete(old);
    },
    async finish() {
      await results.drain();
      for (const [chunk, segment] of verified) {
        const done = results.peek(chunk);
        if (done) log.record(chunk, segment, done);
      }
      verification.sort((a, b) => a.chunk - b.chunk);
      // What arrived after the policy had stopped waiting is recorded, never applied.
      for (const { chunk, sourceChunk, record } of log.late()) {
        emit({
          type: 'verify-late',
          chunk,
          sourceChunk,
          arrived: record !== undefined,
          ...(record?.corrections ? { corrections: record.corrections } : {}),
        });
      }
      await queue.close();
    },
    async dispose() {
      await queue.close();
    },
    async checkpoint() {
      // The thread's verifier state first: when it answers, every chunk it finished has left `unverified`.
      const threadState = await thread?.verifierState();
      // That state is the one after the jobs the thread had finished when it answered. Jobs that finish while this
      // checkpoint collects results below are not in it, so they stay pending here (a restore runs them again on
      // that state) and their results are not stored: taken now, in the same turn as the answer, before any later
      // thread message can settle another job.
      const unfinished = threadState !== undefined ? new Map(unverified) : unverified;
      if (threadState !== undefined) verifierState = () => threadState.state;
      // Collect finished results until none is missing (settled: no thread message runs in between), then read the
      // rest in one synchronous pass: the verifier state and `unfinished` match exactly the calls that finished.
      const read = new Map<number, QueuedResult>();
      for (;;) {
        const missing = [...verified.keys()].filter(
          (chunk) => !unfinished.has(chunk) && !carried.has(chunk) && !read.has(chunk),
        );
        if (missing.length === 0) break;
        for (const chunk of missing) read.set(chunk, (await queue.result(chunk))!);
      }
      // Stored sampled (three small frames), not as the chunk's decoded frames: sampling is deterministic.
      const pending = [...unfinished].map(([chunk, job]) => ({ chunk, input: prepareVerifyInput(job) }));
      const done = [...carried, ...read]
        .map(([chunk, item]) => ({ chunk, provider: item.provider, result: item.result }))
        .sort((x, y) => x.chunk - y.chunk);
      const state: IamflowCheckpoint = {
        settings: settingsKey,
        registry,
        archive,
        memory,
        bank,
        lastInjected,
        candidates: [...candidates.values()],
        verified: [...verified],
        extractions,
        current,
        randomDraws,
        verification,
        verifier: { state: verifierState() ?? null, done, pending },
      };
      return structuredClone(iamflowCheckpointToJson(state));
    },
    async restore(value) {
      const state = iamflowCheckpointFromJson(value, settingsKey);
      registry = state.registry;
      archive = state.archive;
      memory = state.memory;
      bank = state.bank;
      lastInjected = state.lastInjected;
      candidates.clear();
      for (const item of state.candidates) candidates.set(item.chunk, item);
      verified.clear();
      for (const [chunk, segment] of state.verified) verified.set(chunk, segment);
      extractions.splice(0, extractions.length, ...state.extractions);
      current = state.current;
      draw = createSeededRandom(randomSeed);
      randomDraws = 0;
      for (let index = 0; index < state.randomDraws; index++) random();
      verification.splice(0, verification.length, ...state.verification);
      if (state.verifier.state !== null) {
        if (thread) thread.restoreVerifier(state.verifier.state);
        else verifier.restore?.(state.verifier.state);
      }
      const restored = state.verifier.state;
      verifierState = () => restored;
      carried.clear();
      for (const item of state.verifier.done)
        carried.set(item.chunk, { result: item.result, waitMs: 0, provider: item.provider });
      for (const item of state.verifier.pending) await results.enqueue(item.chunk, item.input);
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
        verifyBusyMs: Math.round(log.busyMs * 1000) / 1000,
        verifyThread: spec !== undefined && !settings.syncVerify,
        state,
      };
    },
  };
}
