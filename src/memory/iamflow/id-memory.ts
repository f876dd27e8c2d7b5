import type { ArchiveEntry } from './frame-archive.js';
import { type BudgetMode, iamflowDefaults } from './iamflow-defaults.js';
import type { IdMemoryOptions, MemorySelection } from './select-memory.js';

/**
 * The reference's greedy cover (memory_bank.py:248-277): in archive order, the frame covering most still-uncovered
 * IDs, ties by the higher stored entity score (the frame's weighted text score), the earlier frame on equal scores;
 * stops when no frame adds an ID.
 */
export function referenceCover(
  frames: readonly ArchiveEntry[],
  ids: readonly number[],
  limit: number,
): ArchiveEntry[] {
  const uncovered = new Set(ids);
  const chosen: ArchiveEntry[] = [];
  while (uncovered.size > 0 && chosen.length < limit) {
    let best: ArchiveEntry | null = null;
    let bestCount = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const entry of frames) {
      if (chosen.includes(entry)) continue;
      const count = new Set(entry.entities.filter((id) => uncovered.has(id))).size;
      if (count > bestCount || (count === bestCount && entry.textScore > bestScore)) {
        best = entry;
        bestCount = count;
        bestScore = entry.textScore;
      }
    }
    if (!best || bestCount === 0) break;
    chosen.push(best);
    for (const id of best.entities) uncovered.delete(id);
  }
  return chosen;
}

/**
 * The reference's ID memory at a segment start (memory_bank.py:215-302): budget = frames the cover needs (dynamic)
 * raised to 2 with >= 2 IDs and >= 2 archived frames, capped at 4, or the fixed budget; the cover's frames, then the
 * spare budget filled with the remaining frames by stored entity score (stable: earlier first on ties), whatever
 * they cover.
 */
export function selectReferenceIdMemory(
  frames: readonly ArchiveEntry[],
  ids: readonly number[],
  options: IdMemoryOptions = {},
): MemorySelection {
  const max = options.max ?? iamflowDefaults.maxBudget;
  const unique = [...new Set(ids)];
  if (unique.length === 0 || frames.length === 0)
    return { ids: [], budget: 0, coverFrames: 0, covered: [], uncovered: unique.sort((a, b) => a - b) };
  const cover = referenceCover(frames, unique, max);
  let budget: number;
  if ((options.budget ?? 'dynamic') === 'fixed') budget = options.fixed ?? iamflowDefaults.fixedBudget;
  else {
    budget = cover.length;
    if (unique.length >= 2 && frames.length >= 2)
      budget = Math.max(budget, options.minMultiEntity ?? iamflowDefaults.minMultiEntityBudget);
    budget = Math.min(budget, max);
  }
  const chosen = budget > 0 ? referenceCover(frames, unique, budget) : [];
  const rest = frames
    .filter((entry) => !chosen.includes(entry))
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => b.entry.textScore - a.entry.textScore || a.order - b.order);
  for (const { entry } of rest) {
    if (chosen.length >= budget) break;
    chosen.push(entry);
  }
  const sorted = unique.sort((a, b) => a - b);
  const covered = sorted.filter((id) => chosen.some((entry) => entry.entities.includes(id)));
  return {
    ids: chosen.map((entry) => entry.id),
    budget,
    coverFrames: cover.length,
    covered,
    uncovered: sorted.filter((id) => !covered.includes(id)),
  };
}

/** What one archived frame did to a memory list. */
export type MemoryUpdate =
  | { action: 'append'; memory: string[] }
  | { action: 'replace'; memory: string[]; index: number; replaced: string; replacedScore: number }
  | { action: 'keep'; memory: string[]; reason: 'present' | 'lower' };

/**
 * The reference's in-segment update (memory_bank.py:841-891): below `capacity` the new frame is appended (unless
 * present); at capacity it replaces the first frame with the lowest `storedScore` when `score` is strictly higher.
 * The list may then hold a frame twice (the reference does the same; the bank is the list without repeats, so it
 * shrinks): an artefact that `repeats: false` fixes.
 */
export function updateMemory(
  memory: readonly string[],
  id: string,
  score: number,
  storedScore: (id: string) => number | undefined,
  capacity: number,
  options: { repeats?: boolean } = {},
): MemoryUpdate {
  // Fixed mode: a frame archived again while in the memory stays where it is instead of pushing out another.
  if (options.repeats === false && memory.includes(id))
    return { action: 'keep', memory: [...memory], reason: 'present' };
  if (memory.length < capacity) {
    return memory.includes(id)
      ? { action: 'keep', memory: [...memory], reason: 'present' }
      : { action: 'append', memory: [...memory, id] };
  }
  let lowest = Number.POSITIVE_INFINITY;
  let index = -1;
  memory.forEach((existing, position) => {
    const stored = storedScore(existing);
    if (stored !== undefined && stored < lowest) {
      lowest = stored;
      index = position;
    }
  });
  if (index < 0 || !(score > lowest)) return { action: 'keep', memory: [...memory], reason: 'lower' };
  const next = [...memory];
  const replaced = next[index]!;
  next[index] = id;
  return { action: 'replace', memory: next, index, replaced, replacedScore: lowest };
}

/** Frames of a memory list as the engine receives them: without repeats, in temporal order (memory_bank.py:899). */
export function bankOf(memory: readonly string[], frames: readonly ArchiveEntry[]): string[] {
  const frameOf = new Map(frames.map((entry) => [entry.id, entry.frame]));
  return [...new Set(memory)].sort((a, b) => (frameOf.get(a) ?? 0) - (frameOf.get(b) ?? 0));
}

/**
 * The reference's prompt-mode memory at a segment start (memory_bank.py:317-324): the `count` frames with the
 * highest stored fused score, ties by the older frame.
 */
export function selectReferencePromptMemory(
  frames: readonly ArchiveEntry[],
  count: number = iamflowDefaults.promptTopFrames,
): string[] {
  return [...frames]
    .sort((a, b) => b.score - a.score || a.frame - b.frame)
    .slice(0, count)
    .map((entry) => entry.id);
}

/** Capacity of the in-segment update: the most ID-memory frames, or the fixed budget (memory_bank.py:70-74). */
export function idMemoryCapacity(budget: BudgetMode): number {
  return budget === 'fixed' ? iamflowDefaults.fixedBudget : iamflowDefaults.maxBudget;
}
