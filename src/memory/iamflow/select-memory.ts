import type { ArchiveEntry } from './frame-archive.js';
import { type BudgetMode, iamflowDefaults } from './iamflow-defaults.js';

/** What the ID memory picked for a segment. */
export interface MemorySelection {
  /** Store ids of the chosen frames, in bank order (cover order, then fill). */
  ids: string[];
  /** The budget the selection used. */
  budget: number;
  /** Frames the greedy cover needed (before the minimum and the cap). */
  coverFrames: number;
  /** Segment entity IDs covered by the chosen frames. */
  covered: number[];
  /** Segment entity IDs no archived frame covers. */
  uncovered: number[];
}

/** Options of `selectIdMemory`; defaults are the reference values. */
export interface IdMemoryOptions {
  /** `dynamic` (frames the cover needs, clamped) or `fixed` (always `fixedBudget`). Default dynamic. */
  budget?: BudgetMode;
  /** Least budget with >= 2 entities and >= 2 archived frames. Reference: 2. */
  minMultiEntity?: number;
  /** Most frames. Reference: 4. */
  max?: number;
  /** Budget in fixed mode. Reference: 4. */
  fixed?: number;
}

/**
 * Greedy set cover: repeatedly takes the frame covering most still-uncovered IDs (ties: fewer IDs the segment does
 * not name, then higher summed entity score over those IDs, then the newer frame), until all are covered or no
 * frame adds any. A frame that also holds people the segment does not name invites them back into the scene.
 */
export function greedyCover(
  frames: readonly ArchiveEntry[],
  ids: readonly number[],
  limit: number,
): ArchiveEntry[] {
  const uncovered = new Set(ids);
  const chosen: ArchiveEntry[] = [];
  while (uncovered.size > 0 && chosen.length < limit) {
    let best: { entry: ArchiveEntry; count: number; foreign: number; score: number } | null = null;
    for (const entry of frames) {
      if (chosen.includes(entry)) continue;
      const gains = entry.entities.filter((id) => uncovered.has(id));
      const score = gains.reduce((sum, id) => sum + (entry.entityScores[id] ?? 0), 0);
      if (gains.length === 0) continue;
      const foreign = foreignCount(entry, ids);
      const better =
        !best ||
        gains.length > best.count ||
        (gains.length === best.count &&
          (foreign < best.foreign ||
            (foreign === best.foreign &&
              (score > best.score || (score === best.score && entry.frame > best.entry.frame)))));
      if (better) best = { entry, count: gains.length, foreign, score };
    }
    if (!best) break;
    chosen.push(best.entry);
    for (const id of best.entry.entities) uncovered.delete(id);
  }
  return chosen;
}

/**
 * ID memory of a segment: the greedy cover of its entity IDs over the archive, with the dynamic budget
 * `clamp(coverFrames, ids >= 2 && archive >= 2 ? 2 : 0, 4)` (or the fixed budget); spare budget is filled with the
 * remaining frames that cover most segment IDs, then by score, then newest.
 *
 * @example
 * selectIdMemory(archive, [1, 2]).ids // e.g. ['f12', 'f30']
 */
export function selectIdMemory(
  frames: readonly ArchiveEntry[],
  ids: readonly number[],
  options: IdMemoryOptions = {},
): MemorySelection {
  const max = options.max ?? iamflowDefaults.maxBudget;
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  if (unique.length === 0 || frames.length === 0) {
    return { ids: [], budget: 0, coverFrames: 0, covered: [], uncovered: unique };
  }
  const cover = greedyCover(frames, unique, max);
  let budget: number;
  if ((options.budget ?? 'dynamic') === 'fixed') {
    budget = options.fixed ?? iamflowDefaults.fixedBudget;
  } else {
    const least =
      unique.length >= 2 && frames.length >= 2
        ? (options.minMultiEntity ?? iamflowDefaults.minMultiEntityBudget)
        : 0;
    budget = Math.min(Math.max(cover.length, least), max);
  }
  const chosen = cover.slice(0, budget);
  const rest = frames
    .filter((entry) => !chosen.includes(entry))
    .map((entry) => ({
      entry,
      count: entry.entities.filter((id) => unique.includes(id)).length,
      foreign: foreignCount(entry, unique),
    }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        a.foreign - b.foreign ||
        b.entry.score - a.entry.score ||
        b.entry.frame - a.entry.frame,
    );
  for (const { entry } of rest) {
    if (chosen.length >= budget) break;
    chosen.push(entry);
  }
  const covered = unique.filter((id) => chosen.some((entry) => entry.entities.includes(id)));
  return {
    ids: chosen.map((entry) => entry.id),
    budget,
    coverFrames: cover.length,
    covered,
    uncovered: unique.filter((id) => !covered.includes(id)),
  };
}

/** IDs a frame covers that the segment does not name. */
function foreignCount(entry: ArchiveEntry, ids: readonly number[]): number {
  return entry.entities.filter((id) => !ids.includes(id)).length;
}

/** Prompt-mode memory (ablation): the `count` frames with the highest prompt score, best first (ties: newer). */
export function selectTopFrames(
  frames: readonly ArchiveEntry[],
  promptScores: readonly number[],
  count: number = iamflowDefaults.promptTopFrames,
): string[] {
  return frames
    .map((entry, index) => ({ entry, score: promptScores[index] ?? 0 }))
    .sort((a, b) => b.score - a.score || b.entry.frame - a.entry.frame)
    .slice(0, count)
    .map(({ entry }) => entry.id);
}
