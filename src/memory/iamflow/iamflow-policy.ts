import { createRulesExtractor } from '../../agents/llm/rules/create-rules-extractor.js';
import type { VerifyInput } from '../../agents/vlm/frame-verifier.js';
import { createPixelVerifier } from '../../agents/vlm/pixel/create-pixel-verifier.js';
import { sampleFrames } from '../../agents/vlm/sample-frames.js';
import { createVerifyQueue, type QueuedResult } from '../../agents/vlm/verify-queue.js';
import type { EncodedPrompt } from '../../engine/engine.js';
import {
  applyCorrection,
  applyExtraction,
  createRegistry,
  findEntity,
  type Registry,
} from '../../entities/registry.js';
import type {
  ChunkEndEvent,
  MemoryEventOf,
  MemoryPolicy,
  PolicyContext,
  SegmentStartEvent,
} from '../policy.js';
import { type ChunkCandidates, pickArchiveEntry, scoreChunk } from './chunk-candidates.js';
import { addToArchive, archiveFrames, archiveStepAt, createFrameArchive } from './frame-archive.js';
import { scoreFrame } from './frame-score.js';
import { createSeededRandom } from './fuse-scores.js';
import { iamflowDefaults } from './iamflow-defaults.js';
import { parseIamflowSettings } from './iamflow-settings.js';
import type { MemoryState, VerificationRecord } from './memory-state.js';
import { selectIdMemory, selectTopFrames } from './select-memory.js';
import { computeTokenWeights, type TokenWeights } from './token-weights.js';

const idPrefix = 'iamflow-f';

/**
 * The IAMFlow memory policy: per segment, extract entities and global IDs, then fill the engine bank with
 * archived frames covering the segment's IDs (greedy set cover, dynamic budget); per chunk, score its latent
 * frames with entity-weighted text-key attention, verify decoded frames in the background, archive the best
 * frame of each chunk leaving the local window, and apply the verifier's attribute corrections.
 *
 * @example
 * const policy = createIamflowPolicy(context, { selection: 'entity', budget: 'dynamic' });
 */
export function createIamflowPolicy(
  context: PolicyContext,
  rawSettings?: Record<string, unknown>,
): MemoryPolicy {
  const settings = parseIamflowSettings(rawSettings);
  const { engine, events, timeline } = context;
  const extractor = settings.extractor ?? createRulesExtractor();
  const verifier = settings.verifier ?? createPixelVerifier();
  const queue = createVerifyQueue({ verifier, capacity: settings.queueCapacity });
  // The `random` ablation draws from the run's seed unless the settings fix one.
  const seed = settings.seed ?? context.seed;
  const random = createSeededRandom(seed);
  const lag = Math.max(1, Math.round(engine.info.localFrames / engine.info.chunkFrames));
  let registry: Registry = createRegistry();
  let archive = createFrameArchive();
  let bank: string[] = [];
  const verification: VerificationRecord[] = [];
  const candidates = new Map<number, ChunkCandidates>();
  const extractions: Array<{ segment: number; provider: string; ids: number[]; warnings: unknown[] }> = [];
  let current: { segment: number; ids: number[]; weights: TokenWeights; prompt: EncodedPrompt } | null = null;

  const entityInputs = (ids: readonly number[]): VerifyInput['entities'] =>
    ids.flatMap((id) => {
      const entity = findEntity(registry, id);
      return entity ? [{ id, name: entity.properName ?? entity.name, attrs: [...entity.attrs] }] : [];
    });

  const record = (chunk: number, segment: number, done: QueuedResult): VerificationRecord => {
    const existing = verification.find((item) => item.chunk === chunk);
    if (existing) return existing;
    const { result } = done;
    const entry: VerificationRecord = {
      chunk,
      segment,
      scores: result.scores,
      provider: done.provider,
      waitMs: Math.round(done.waitMs * 1000) / 1000,
      warnings: (result.warnings ?? []).map((warning) =>
        warning.type === 'fallback'
          ? `fallback from ${warning.provider}: ${warning.reason}`
          : warning.message,
      ),
    };
    if (result.seen) entry.seen = result.seen;
    if (result.boxes) entry.boxes = result.boxes;
    if (result.corrections) entry.corrections = result.corrections;
    verification.push(entry);
    events({
      type: 'verify-end',
      chunk,
      scores: entry.scores,
      waitMs: entry.waitMs,
      provider: entry.provider,
    });
    return entry;
  };

  /** Visual score and sightings per latent frame of a chunk, from the sampled video frames. */
  const perLatent = (entry: VerificationRecord | undefined) => {
    const visual: Array<number | undefined> = [];
    const seen: Array<number[] | undefined> = [];
    if (!entry) return { visual, seen: undefined };
    iamflowDefaults.verifyFrameIndices.forEach((videoIndex, sample) => {
      const latent = Math.floor(videoIndex / engine.info.videoFramesPerLatent);
      const score = entry.scores[sample];
      if (score !== undefined) visual[latent] = Math.min(1, Math.max(0, score));
      if (entry.seen?.[sample]) seen[latent] = entry.seen[sample];
    });
    return { visual, seen: entry.seen ? seen : undefined };
  };

  type SelectionDetails = Pick<MemoryEventOf<'memory-retrieve'>, 'mode' | 'budget'> &
    Partial<Pick<MemoryEventOf<'memory-retrieve'>, 'coverFrames' | 'covered' | 'uncovered'>>;
  const select = (): { ids: string[]; details: SelectionDetails } => {
    const frames = archiveFrames(archive);
    if (!current) return { ids: [], details: { mode: settings.selection, budget: 0 } };
    if (settings.selection === 'prompt') {
      const queries = current.prompt.tokens.map((token) => token.key);
      const uniform = queries.map(() => 1);
      const scores = frames.map((entry) => scoreFrame(queries, uniform, new Map(), entry.keys).text);
      return {
        ids: selectTopFrames(frames, scores),
        details: { mode: 'prompt', budget: iamflowDefaults.promptTopFrames },
      };
    }
    const selection = selectIdMemory(frames, current.ids, { budget: settings.budget });
    const { ids, ...details } = selection;
    return { ids, details: { mode: 'entity', ...details } };
  };

  const applyBank = async (chunk: number, reason: string): Promise<void> => {
    const { ids, details } = select();
    if (reason !== 'segment-start' && ids.join() === bank.join()) return;
    const frames = archiveFrames(archive);
    const chosen = ids.map((id) => frames.find((entry) => entry.id === id)!);
    await engine.setBank(ids);
    bank = ids;
    if (reason === 'segment-start') {
      events({
        type: 'memory-retrieve',
        chunk,
        segment: current?.segment ?? null,
        entityIds: current?.ids ?? [],
        ids,
        frames: chosen.map((entry) => entry.frame),
        coverage: Object.fromEntries(chosen.map((entry) => [entry.id, entry.entities])),
        archiveSize: frames.length,
        ...details,
      });
    }
    events({ type: 'bank-set', chunk, reason, ids, frames: chosen.map((entry) => entry.frame) });
  };

  const archiveChunk = async (chunk: number): Promise<void> => {
    const step = archiveStepAt(chunk, lag);
    const source = candidates.get(step.chunk);
    if (!source) return;
    let done: QueuedResult | undefined;
    if (step.provisional)
      done = settings.syncVerify ? await queue.result(step.chunk) : queue.peek(step.chunk);
    else done = await queue.result(step.chunk);
    const verified = done ? record(step.chunk, source.segment, done) : undefined;
    const { visual, seen } = perLatent(verified);
    const entry = pickArchiveEntry(source, visual, seen, {
      mode: settings.score,
      random,
      coverage: settings.coverage,
      threshold: settings.coverThreshold,
      provisional: step.provisional,
      idPrefix,
    });
    await engine.storeFrame(entry.frame, entry.id);
    const result = addToArchive(archive, entry);
    archive = result.archive;
    if (!step.provisional) for (const old of candidates.keys()) if (old <= step.chunk) candidates.delete(old);
    events({
      type: 'frame-archive',
      chunk,
      id: entry.id,
      frame: entry.frame,
      sourceChunk: entry.chunk,
      provisional: entry.provisional,
      score: entry.score,
      textScore: entry.textScore,
      visualScore: entry.visualScore,
      entityScores: entry.entityScores,
      entities: entry.entities,
    });
    if (result.removed.some((id) => bank.includes(id))) await applyBank(chunk, 'archive-change');
    for (const id of result.removed) {
      await engine.dropFrame(id);
      events({ type: 'frame-drop', chunk, id });
    }
  };

  const applyCorrections = async (chunk: number, firstChunk: number, segment: number): Promise<void> => {
    const done = await queue.result(firstChunk);
    if (!done) return;
    const entry = record(firstChunk, segment, done);
    for (const correction of entry.corrections ?? []) {
      const before = findEntity(registry, correction.id);
      if (!before || !current?.ids.includes(correction.id)) continue;
      const next = applyCorrection(registry, correction);
      const after = findEntity(next, correction.id)!;
      // A correction the registry already holds changes nothing and is not an event.
      if (after.attrs.join('|') === before.attrs.join('|')) continue;
      registry = next;
      events({
        type: 'attribute-correction',
        chunk,
        id: correction.id,
        attrs: correction.attrs,
        before: [...before.attrs],
        after: [...after.attrs],
      });
    }
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
      current = { segment: segment.index, ids, weights, prompt };
      extractions.push({
        segment: segment.index,
        provider: extractor.provider,
        ids,
        warnings: extraction.warnings ?? [],
      });
      events({
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
      await applyBank(segment.startChunk, 'segment-start');
    },
    async onChunkEnd({ segment, prompt, chunk, frames }: ChunkEndEvent) {
      if (!current || current.segment !== segment.index) return;
      candidates.set(
        chunk.chunk,
        scoreChunk(chunk.chunk, segment.index, chunk.frames, prompt.tokens, current.weights, current.ids),
      );
      const input: VerifyInput = {
        frames: sampleFrames(frames, iamflowDefaults.verifyFrameIndices, iamflowDefaults.verifySize),
        entities: entityInputs(current.ids),
        firstChunkOfSegment: chunk.chunk === segment.startChunk,
      };
      const heldMs = await queue.enqueue(chunk.chunk, input);
      if (heldMs > 1) events({ type: 'verify-backpressure', chunk: chunk.chunk, waitMs: heldMs });
      if (settings.syncVerify) record(chunk.chunk, segment.index, (await queue.result(chunk.chunk))!);
      await archiveChunk(chunk.chunk);
      if (chunk.chunk === segment.startChunk + 1)
        await applyCorrections(chunk.chunk, segment.startChunk, segment.index);
      await applyBank(chunk.chunk, 'chunk-end');
    },
    async finish() {
      await queue.drain();
      for (const chunk of [...candidates.keys()].sort((a, b) => a - b)) {
        const done = queue.peek(chunk);
        if (done) record(chunk, candidates.get(chunk)!.segment, done);
      }
      verification.sort((a, b) => a.chunk - b.chunk);
    },
    snapshot() {
      const state: MemoryState = { version: 1, registry, archive, bank, verification };
      const waits = verification.map((item) => item.waitMs);
      return {
        settings: { ...settings, seed, extractor: extractor.provider, verifier: verifier.provider },
        evictionLagChunks: lag,
        totalChunks: timeline.totalChunks,
        extractions,
        verifyWaitMs: { total: waits.reduce((a, b) => a + b, 0), max: Math.max(0, ...waits) },
        state,
      };
    },
  };
}
