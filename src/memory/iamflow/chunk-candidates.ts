import type { FrameKeys, PromptToken } from '../../engine/engine.js';
import { type ArchiveEntry, type CoverageMode, coveredEntities } from './frame-archive.js';
import { meanKeyScore, scoreFrame } from './frame-score.js';
import { argMax, type FuseOptions, fuseScores } from './fuse-scores.js';
import type { TokenWeights } from './token-weights.js';

/** A chunk's latent frames scored against the prompt that made them, kept until the chunk is archived. */
export interface ChunkCandidates {
  /** Chunk index. */
  chunk: number;
  /** Segment index. */
  segment: number;
  /** Per latent frame: index, keys, text score and entity scores. */
  frames: Array<{ frame: number; keys: number[][]; text: number; entities: Record<string, number> }>;
}

/**
 * Scores each latent frame of a chunk with the prompt's token weights (entity scores for the given IDs only). With
 * `slotWeights` the text score is the reference's (`meanKeyScore`), else ours (`scoreFrame`, max pooling).
 */
export function scoreChunk(
  chunk: number,
  segment: number,
  frames: readonly FrameKeys[],
  tokens: readonly Pick<PromptToken, 'key'>[],
  weights: TokenWeights,
  ids: readonly number[],
  slotWeights?: readonly number[],
): ChunkCandidates {
  const queries = tokens.map((token) => token.key);
  const entityTokens = new Map([...weights.entityTokens].filter(([id]) => ids.includes(id)));
  return {
    chunk,
    segment,
    frames: frames.map((frame) => {
      const score = scoreFrame(queries, weights.weights, entityTokens, frame.keys);
      return {
        frame: frame.frame,
        keys: frame.keys.map((key) => Array.from(key)),
        text: slotWeights ? meanKeyScore(queries, slotWeights, frame.keys) : score.text,
        entities: score.entities,
      };
    }),
  };
}

/**
 * Picks a chunk's frame to archive: fuses text scores with the visual scores (one per latent frame) and takes the
 * best. Coverage follows `options.coverage` (see CoverageMode).
 */
export function pickArchiveEntry(
  candidates: ChunkCandidates,
  visual: readonly (number | undefined)[],
  seen: readonly (readonly number[] | undefined)[] | undefined,
  options: FuseOptions & {
    coverage: CoverageMode;
    threshold: number;
    provisional: boolean;
    idPrefix: string;
    /** False when no verification result came (none, failed or timed out). Default true. */
    verified?: boolean;
  },
): ArchiveEntry {
  const text = candidates.frames.map((frame) => frame.text);
  // The reference ranks by the raw text score without a visual result and in `semantic_only` (memory_bank.py:417-418, 492-493).
  const raw =
    options.mode === 'semantic_only' || ((options.mode ?? 'fused') === 'fused' && options.verified === false);
  const fused = raw ? text : fuseScores(text, visual, options);
  const best = argMax(fused);
  const frame = candidates.frames[best]!;
  const sightings = seen?.[best];
  // `random` and `visual_only` compute no text score in the reference: it stores 0 (and 0 as the random mode's
  // fused score), so such frames tie in the cover and never replace one another (memory_bank.py:358-370).
  const textless = options.mode === 'random' || options.mode === 'visual_only';
  return {
    id: `${options.idPrefix}${frame.frame}`,
    frame: frame.frame,
    chunk: candidates.chunk,
    segment: candidates.segment,
    keys: frame.keys,
    textScore: textless ? 0 : frame.text,
    entityScores: frame.entities,
    entities: coveredEntities(frame.entities, {
      mode: options.coverage,
      threshold: options.threshold,
      seen: sightings,
    }),
    visualScore: visual[best] ?? null,
    score: options.mode === 'random' ? 0 : fused[best]!,
    provisional: options.provisional,
  };
}
