/** One archived latent frame: the best frame of a chunk that left the local window. */
export interface ArchiveEntry {
  /** Engine store id of the frame (`f<frame>`). */
  id: string;
  /** Latent frame index. */
  frame: number;
  /** Chunk the frame belongs to. */
  chunk: number;
  /** Index of the segment (prompt, 0-based) that generated it. */
  segment: number;
  /** The frame's key summaries, kept to re-score it against later prompts. */
  keys: number[][];
  /** Text score against its own prompt (weighted mean scaled logit). */
  textScore: number;
  /** Per-entity scores against its own prompt, by entity ID. */
  entityScores: Record<string, number>;
  /** Entity IDs the frame covers (passed the cover threshold, or seen by the verifier). */
  entities: number[];
  /** Visual score of the verifier, or null when none was available. */
  visualScore: number | null;
  /** The fused (or ablation) score that picked it among its chunk. */
  score: number;
  /** True while nothing has been evicted yet and this newest chunk stands in. */
  provisional: boolean;
}

/** The archive: entries in archival order (plus a provisional entry, kept for states written by older versions). */
export interface FrameArchive {
  /** Entries of chunks that left the local window, oldest first. */
  entries: ArchiveEntry[];
  /** Stand-in from the newest chunk while eviction has not started, else null. */
  provisional: ArchiveEntry | null;
}

/** An empty archive. */
export function createFrameArchive(): FrameArchive {
  return { entries: [], provisional: null };
}

/** Which chunk the reference archives when a chunk ends, and from where. */
export type ReferenceArchiveStep =
  | { chunk: number; via: 'current' | 'evicted' }
  | { chunk: null; reason: 'no-entities' | 'sink' };

/**
 * The reference's archive schedule, counted in chunks of the segment (agent_causal_inference.py:466-513):
 * a segment whose prompt names no entity archives nothing; from its 4th chunk on (segment chunk >= lag 3), the
 * chunk leaving the local window (`lag` chunks back, always of the same segment) is archived; before that the
 * chunk just made is archived, except the video's first chunk, which is the sink (lines 1057-1062). So the first
 * three chunks of a segment are archived twice (the same frame, updated in place) and its last three never.
 *
 * @example
 * referenceArchiveStep({ segmentChunk: 3, chunk: 16, hasEntities: true }) // { chunk: 13, via: 'evicted' }
 */
export function referenceArchiveStep(options: {
  segmentChunk: number;
  chunk: number;
  hasEntities: boolean;
  lag?: number;
}): ReferenceArchiveStep {
  const lag = options.lag ?? 3;
  if (!options.hasEntities) return { chunk: null, reason: 'no-entities' };
  if (options.segmentChunk >= lag) return { chunk: options.chunk - lag, via: 'evicted' };
  if (options.chunk === 0) return { chunk: null, reason: 'sink' };
  return { chunk: options.chunk, via: 'current' };
}

/**
 * Adds an entry: a provisional one replaces the previous provisional one; a permanent one is appended and ends
 * the provisional stand-in. Returns the new archive and the ids that left it (to drop from the engine store).
 */
export function addToArchive(
  archive: FrameArchive,
  entry: ArchiveEntry,
): { archive: FrameArchive; removed: string[] } {
  const removed = archive.provisional && archive.provisional.id !== entry.id ? [archive.provisional.id] : [];
  if (entry.provisional) return { archive: { entries: archive.entries, provisional: entry }, removed };
  // A frame archived again keeps its place (the reference's archive is an insertion-ordered dict).
  const at = archive.entries.findIndex((existing) => existing.id === entry.id);
  const entries =
    at >= 0
      ? archive.entries.map((existing, index) => (index === at ? entry : existing))
      : [...archive.entries, entry];
  return { archive: { entries, provisional: null }, removed };
}

/** All entries a selection may use: permanent ones, then the provisional stand-in. */
export function archiveFrames(archive: FrameArchive): ArchiveEntry[] {
  return archive.provisional ? [...archive.entries, archive.provisional] : archive.entries;
}

/**
 * Which IDs an archived frame counts as showing: `prompt` (the reference) takes every ID its prompt named;
 * `verified` keeps those the verifier saw, when it reported sightings; `threshold` keeps those whose entity score
 * reaches the threshold.
 */
export type CoverageMode = 'prompt' | 'verified' | 'threshold';

/** The entities a frame covers among those its prompt named, by `mode` (see CoverageMode). */
export function coveredEntities(
  entityScores: Readonly<Record<string, number>>,
  options: { mode: CoverageMode; threshold: number; seen?: readonly number[] | undefined },
): number[] {
  const named = Object.keys(entityScores).map(Number);
  const { mode, threshold, seen } = options;
  const covered =
    mode === 'threshold'
      ? named.filter((id) => entityScores[id]! >= threshold)
      : mode === 'verified' && seen
        ? named.filter((id) => seen.includes(id))
        : named;
  return covered.sort((a, b) => a - b);
}

/**
 * Archived frames kept at most (ours: the reference keeps every archived frame until the run ends). 128 is more
 * than a 60 s run can archive (one frame per chunk, 80 chunks at the reference geometry), so the cap binds only on
 * longer runs; it bounds the engine's frame store (about 3.8 KB per float32 frame) and the archive's keys.
 */
export const defaultArchiveCapacity = 128;

/**
 * Evicts permanent entries until at most `capacity` remain, never one in `keep` (the memory list and the bank).
 * The one to go is the lowest-scoring entry whose entities the other entries still cover, so every entity keeps a
 * frame; when none is redundant, the lowest-scoring one; ties go to the older. Returns the new archive and the
 * entries that left it (to drop from the engine store).
 *
 * @example
 * const { archive: next, removed } = capArchive(archive, 128, new Set(memory));
 */
export function capArchive(
  archive: FrameArchive,
  capacity: number,
  keep: ReadonlySet<string>,
): { archive: FrameArchive; removed: ArchiveEntry[] } {
  let entries = archive.entries;
  const removed: ArchiveEntry[] = [];
  while (entries.length > capacity) {
    const covering = new Map<number, number>();
    for (const entry of entries)
      for (const id of entry.entities) covering.set(id, (covering.get(id) ?? 0) + 1);
    let victim: { entry: ArchiveEntry; redundant: boolean } | undefined;
    for (const entry of entries) {
      if (keep.has(entry.id)) continue;
      const redundant = entry.entities.every((id) => covering.get(id)! > 1);
      const better =
        victim === undefined ||
        (redundant && !victim.redundant) ||
        (redundant === victim.redundant && entry.score < victim.entry.score);
      if (better) victim = { entry, redundant };
    }
    if (victim === undefined) break;
    const gone = victim.entry;
    entries = entries.filter((entry) => entry !== gone);
    removed.push(gone);
  }
  return { archive: removed.length === 0 ? archive : { entries, provisional: archive.provisional }, removed };
}
