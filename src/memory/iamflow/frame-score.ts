/** How well one latent frame answers a prompt, overall and per entity. */
export interface FrameTextScore {
  /** Weighted mean over prompt tokens of the token's best scaled attention logit on the frame's keys. */
  text: number;
  /** The same mean over each entity's span tokens (unweighted: they share one weight), by entity ID. */
  entities: Record<number, number>;
}

/**
 * Per prompt token, its attention logit on the frame: the maximum over the frame's key summaries of
 * `query . key / sqrt(d)`. Max pooling lets a token find the one key (figure) that answers it.
 */
export function tokenLogits(
  queries: readonly ArrayLike<number>[],
  keys: readonly ArrayLike<number>[],
): number[] {
  return queries.map((query) => {
    const scale = 1 / Math.sqrt(query.length || 1);
    let best = Number.NEGATIVE_INFINITY;
    for (const key of keys) best = Math.max(best, dot(query, key) * scale);
    return keys.length === 0 ? 0 : best;
  });
}

/**
 * Scores a frame against a prompt: `text = sum_t w_t l_t / sum_t w_t` with `l_t` from `tokenLogits`, and for each
 * entity the plain mean of `l_t` over its tokens.
 *
 * @example
 * scoreFrame([[1, 0], [0, 1]], [2, 1], new Map([[1, [0]]]), [[2, 0]]) // text ≈ 0.943, entities { 1: 1.414 }
 */
export function scoreFrame(
  queries: readonly ArrayLike<number>[],
  weights: readonly number[],
  entityTokens: ReadonlyMap<number, readonly number[]>,
  keys: readonly ArrayLike<number>[],
): FrameTextScore {
  const logits = tokenLogits(queries, keys);
  let weighted = 0;
  let total = 0;
  logits.forEach((logit, index) => {
    const weight = weights[index] ?? 1;
    weighted += weight * logit;
    total += weight;
  });
  const entities: Record<number, number> = {};
  for (const [id, indices] of entityTokens) {
    if (indices.length === 0) continue;
    entities[id] = indices.reduce((sum, index) => sum + (logits[index] ?? 0), 0) / indices.length;
  }
  return { text: total > 0 ? weighted / total : 0, entities };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const length = Math.min(a.length, b.length);
  let sum = 0;
  for (let index = 0; index < length; index += 1) sum += a[index]! * b[index]!;
  return sum;
}

/**
 * The reference's frame score (memory_bank.py:682-716): the weighted mean text key
 * `q = sum_s w_s q_s / (sum_s w_s + 1e-8)` dotted with the frame's mean key, scaled by `1 / sqrt(d)`. `weights` may
 * be longer than `queries`: the extra slots are padding without a key (they only dilute the weights).
 *
 * @example
 * meanKeyScore([[1, 0], [0, 1]], [1, 1], [[2, 0], [0, 0]]) // (0.5 * 1 + 0) / sqrt(2) ≈ 0.354
 */
export function meanKeyScore(
  queries: readonly ArrayLike<number>[],
  weights: readonly number[],
  keys: readonly ArrayLike<number>[],
): number {
  if (keys.length === 0 || queries.length === 0) return 0;
  const dimension = queries[0]!.length;
  const total = weights.reduce((sum, weight) => sum + weight, 0) + 1e-8;
  const query = new Float64Array(dimension);
  queries.forEach((token, index) => {
    const weight = (weights[index] ?? 0) / total;
    for (let d = 0; d < dimension; d += 1) query[d]! += weight * token[d]!;
  });
  const key = new Float64Array(dimension);
  for (const frameKey of keys) for (let d = 0; d < dimension; d += 1) key[d]! += frameKey[d]! / keys.length;
  return dot(query, key) / Math.sqrt(dimension || 1);
}
