import { mean } from '../../score.js';
import type { FrameFeatures } from './analyse-frame.js';
import { clusterByCosine, cosineSimilarity, meanVector } from './embedding-similarity.js';

/** The human features of one timeline segment's sampled frames. */
export interface SegmentFeatures {
  /** Timeline segment index. */
  index: number;
  /** Annotated characters on screen (undefined without annotations). */
  present?: readonly string[];
  /** One entry per sampled frame. */
  frames: readonly FrameFeatures[];
}

/** A face identity within one segment: one cluster's faces there. */
export interface FaceTrack {
  /** Cluster id over the whole video (same id = same identity by the clustering). */
  cluster: number;
  /** Mean face description over the segment's frames where the cluster shows. */
  embedding: number[];
  /** Sampled frames in which it shows. */
  frames: number;
  /** Mean face area (fraction of the frame). */
  area: number;
}

/** Which face track stands for each annotated character in each segment. */
export interface CharacterFaces {
  /** Segment index -> character key -> its track there. */
  bySegment: Map<number, Map<string, FaceTrack>>;
  /** Character key -> the segment whose track is its reference look (its first segment alone on screen). */
  references: Map<string, number>;
  /** Distinct face identities found by clustering over the whole video. */
  identities: number;
}

/** Average-linkage cosine threshold above which two faces count as one identity (faceres descriptions). */
export const faceClusterThreshold = 0.7;

/** How much closer a track must be to another character's reference than to its own to count as a swap. */
export const faceSwapMargin = 0.05;

/**
 * Clusters every face of every sampled frame into identities, then names the tracks: in a segment with one
 * annotated character, the track seen in most frames is that character, whoever it looks like — that is what lets
 * a swapped identity show up as low consistency (on a tie, an extra person beside it: the one closest to the
 * character's reference look, else the largest); in a segment with several, characters take the tracks closest to
 * their reference look (first solo segment), best pair first.
 *
 * @example
 * const named = nameFaceTracks(segments);
 */
export function nameFaceTracks(segments: readonly SegmentFeatures[]): CharacterFaces {
  const faces = segments.flatMap((segment) =>
    segment.frames.flatMap((frame, frameIndex) =>
      frame.faces.map((face) => ({ segment: segment.index, frameIndex, face })),
    ),
  );
  const clusters = clusterByCosine(
    faces.map(({ face }) => face.embedding),
    faceClusterThreshold,
  );
  const tracks = new Map<number, FaceTrack[]>();
  for (const segment of segments) {
    const byCluster = new Map<number, Array<{ frameIndex: number; embedding: number[]; area: number }>>();
    faces.forEach(({ segment: index, frameIndex, face }, position) => {
      if (index !== segment.index) return;
      const list = byCluster.get(clusters[position]!) ?? [];
      list.push({ frameIndex, embedding: face.embedding, area: face.box[2] * face.box[3] });
      byCluster.set(clusters[position]!, list);
    });
    tracks.set(
      segment.index,
      [...byCluster].map(([cluster, list]) => ({
        cluster,
        embedding: meanVector(list.map((item) => item.embedding)),
        frames: new Set(list.map((item) => item.frameIndex)).size,
        area: mean(list.map((item) => item.area)) ?? 0,
      })),
    );
  }
  const bySegment = new Map<number, Map<string, FaceTrack>>();
  const references = new Map<string, number>();
  const prominence = (a: FaceTrack, b: FaceTrack) => b.frames - a.frames || b.area - a.area;
  for (const segment of segments) {
    const named = new Map<string, FaceTrack>();
    const [only] = segment.present ?? [];
    const candidates = [...(tracks.get(segment.index) ?? [])].sort(prominence);
    if (segment.present?.length === 1 && only !== undefined && candidates[0]) {
      // Among the tracks seen in the most frames, the one closest to the character's earlier look, else the largest.
      const reference = referenceTrack(bySegment, references, only);
      const tied = candidates.filter((track) => track.frames === candidates[0]!.frames);
      const similarity = (track: FaceTrack) =>
        reference ? cosineSimilarity(reference.embedding, track.embedding) : 0;
      named.set(
        only,
        tied.reduce((best, track) => (similarity(track) > similarity(best) ? track : best)),
      );
      if (!references.has(only)) references.set(only, segment.index);
    }
    bySegment.set(segment.index, named);
  }
  for (const segment of segments) {
    if ((segment.present?.length ?? 0) < 2) continue;
    const named = bySegment.get(segment.index)!;
    const free = [...(tracks.get(segment.index) ?? [])];
    const pairs = (segment.present ?? []).flatMap((key) => {
      const reference = referenceTrack(bySegment, references, key);
      return free.map((track) => ({
        key,
        track,
        value: reference ? cosineSimilarity(reference.embedding, track.embedding) : -1 - 1 / (1 + track.area),
      }));
    });
    for (const { key, track } of pairs.sort((a, b) => b.value - a.value)) {
      if (named.has(key) || [...named.values()].includes(track)) continue;
      named.set(key, track);
    }
  }
  return { bySegment, references, identities: new Set(clusters).size };
}

function referenceTrack(
  bySegment: Map<number, Map<string, FaceTrack>>,
  references: Map<string, number>,
  key: string,
): FaceTrack | undefined {
  const segment = references.get(key);
  return segment === undefined ? undefined : bySegment.get(segment)?.get(key);
}

/**
 * Face consistency of each annotated character between two segments where it was named: the cosine similarity of
 * its mean face descriptions, times 100. `adjacent` takes neighbouring segments, `longRange` segments two or more
 * apart. A face's identity does not change with clothes, so annotated attribute changes are not left out.
 */
export function faceConsistency(named: CharacterFaces): {
  adjacent: number | undefined;
  longRange: number | undefined;
  compared: number;
} {
  const adjacent: number[] = [];
  const longRange: number[] = [];
  const indices = [...named.bySegment.keys()].sort((a, b) => a - b);
  for (const [position, from] of indices.entries()) {
    for (const to of indices.slice(position + 1)) {
      for (const [key, before] of named.bySegment.get(from)!) {
        const after = named.bySegment.get(to)!.get(key);
        if (after === undefined) continue;
        const score = 100 * Math.max(0, cosineSimilarity(before.embedding, after.embedding));
        (to - from === 1 ? adjacent : longRange).push(score);
      }
    }
  }
  return {
    adjacent: mean(adjacent),
    longRange: mean(longRange),
    compared: adjacent.length + longRange.length,
  };
}

/**
 * Identity swaps: the share of named (segment, character) tracks, outside each character's reference segment, that
 * are not closer to another character's reference face than to their own by {@link faceSwapMargin}.
 */
export function faceSwaps(named: CharacterFaces): number | undefined {
  const values: number[] = [];
  for (const [segment, characters] of named.bySegment) {
    for (const [key, track] of characters) {
      if (named.references.get(key) === segment) continue;
      const own = referenceTrack(named.bySegment, named.references, key);
      if (own === undefined) continue;
      const ownSimilarity = cosineSimilarity(track.embedding, own.embedding);
      const others = [...named.references.keys()]
        .filter((other) => other !== key)
        .map((other) => referenceTrack(named.bySegment, named.references, other))
        .filter((other): other is FaceTrack => other !== undefined)
        .map((other) => cosineSimilarity(track.embedding, other.embedding));
      values.push(Math.max(-1, ...others) > ownSimilarity + faceSwapMargin ? 0 : 100);
    }
  }
  return mean(values);
}

/** A face or person less than this share of the height of the frame's largest one counts as a background extra. */
export const extraHeightRatio = 0.5;

/**
 * Duplication: per sampled frame of an annotated segment, the annotated head count over the people seen (the larger
 * of faces and persons found, background extras left out) when more are seen than annotated, 1 otherwise; 0 when
 * people show in a frame that should be empty.
 */
export function personDuplication(segments: readonly SegmentFeatures[]): number | undefined {
  const values: number[] = [];
  for (const { present, frames } of segments) {
    if (present === undefined) continue;
    for (const frame of frames) {
      const seen = Math.max(mainCount(frame.faces), mainCount(frame.persons));
      values.push(100 * (seen <= present.length ? 1 : present.length / seen));
    }
  }
  return mean(values);
}

/** How many boxes are at least {@link extraHeightRatio} of the tallest one. */
function mainCount(detections: ReadonlyArray<{ box: readonly number[] }>): number {
  const tallest = Math.max(0, ...detections.map((detection) => detection.box[3]!));
  return detections.filter((detection) => detection.box[3]! >= extraHeightRatio * tallest).length;
}

/**
 * VBench-style consistency of an embedding over each segment's sampled frames: per frame after the first, the mean
 * of its cosine similarity to the first and to the previous frame, times 100; averaged over segments.
 */
export function embeddingConsistency(
  segments: readonly SegmentFeatures[],
  pick: (frame: FrameFeatures) => number[] | undefined,
): number | undefined {
  const perSegment: Array<number | undefined> = [];
  for (const { frames } of segments) {
    const vectors = frames.map(pick).filter((vector): vector is number[] => vector !== undefined);
    const values: number[] = [];
    for (let index = 1; index < vectors.length; index++) {
      const first = cosineSimilarity(vectors[index]!, vectors[0]!);
      const previous = cosineSimilarity(vectors[index]!, vectors[index - 1]!);
      values.push(100 * Math.max(0, (first + previous) / 2));
    }
    perSegment.push(mean(values));
  }
  return mean(perSegment);
}
