import type { FrameKeys, PromptToken } from '../../engine/engine.js';
import { type ArchiveEntry, type CoverageMode, coveredEntities } from './frame-archive.js';
import { scoreFrame } from './frame-score.js';
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

/** Scores each latent frame of a chunk with the prompt's token weights (entity scores for the given IDs only). */
export function scoreChunk(
  chunk: number,
  segment: number,
  frames: readonly FrameKeys[],
  tokens: readonly Pick<PromptToken, 'key'>[],
  weights: TokenWeights,
  ids: readonly number[],
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
        text: score.text,
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
  },
): ArchiveEntry {
  const fused = fuseScores(
    candidates.frames.map((frame) => frame.text),
    visual,
    options,
  );
  const best = argMax(fused);
  const frame = candidates.frames[best]!;
  const sightings = seen?.[best];
  return {
    id: `${options.idPrefix}${frame.frame}`,
    frame: frame.frame,
    chunk: candidates.chunk,
    segment: candidates.segment,
    keys: frame.keys,
    textScore: frame.text,
    entityScores: frame.entities,
    entities: coveredEntities(frame.entities, {
      mode: options.coverage,
      threshold: options.threshold,
      seen: sightings,
    }),
    visualScore: visual[best] ?? null,
    score: fused[best]!,
    provisional: options.provisional,
  };
}
