/** Cosine similarity of two equal-length vectors (0 when either is all zeros). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index++) {
    dot += a[index]! * b[index]!;
    normA += a[index]! ** 2;
    normB += b[index]! ** 2;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** The element-wise mean of one or more equal-length vectors. */
export function meanVector(vectors: ReadonlyArray<readonly number[]>): number[] {
  const sum = new Array<number>(vectors[0]?.length ?? 0).fill(0);
  for (const vector of vectors) for (const [index, value] of vector.entries()) sum[index]! += value;
  return sum.map((value) => value / vectors.length);
}

/**
 * Average-linkage agglomerative clustering by cosine similarity: clusters merge while the mean similarity of their
 * members is at least `threshold`. Returns a cluster id (0..k-1, in order of first member) per vector.
 *
 * @example
 * clusterByCosine([[1, 0], [0.9, 0.1], [0, 1]], 0.8); // [0, 0, 1]
 */
export function clusterByCosine(vectors: ReadonlyArray<readonly number[]>, threshold: number): number[] {
  const similarity = vectors.map((a) => vectors.map((b) => cosineSimilarity(a, b)));
  let clusters = vectors.map((_, index) => [index]);
  for (;;) {
    let best: { i: number; j: number; value: number } | undefined;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        let total = 0;
        for (const a of clusters[i]!) for (const b of clusters[j]!) total += similarity[a]![b]!;
        const value = total / (clusters[i]!.length * clusters[j]!.length);
        if (value >= threshold && (best === undefined || value > best.value)) best = { i, j, value };
      }
    }
    if (best === undefined) break;
    const merged = [...clusters[best.i]!, ...clusters[best.j]!];
    clusters = clusters.filter((_, index) => index !== best.i && index !== best.j);
    clusters.push(merged);
  }
  const ids = new Array<number>(vectors.length).fill(-1);
  clusters
    .map((members) => [...members].sort((a, b) => a - b))
    .sort((a, b) => a[0]! - b[0]!)
    .forEach((members, id) => {
      for (const member of members) ids[member] = id;
    });
  return ids;
}
