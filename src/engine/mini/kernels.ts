/**
 * The one inner product every attention logit of the miniature engine goes through. Costs are counted here, at
 * the place the work happens: `attentionOps` is the number of calls, `multiplyAdds` the summed vector lengths.
 * Tests spy on `kernels.dot` and compare the calls with the engine's counters.
 */
export const kernels = {
  attentionOps: 0,
  multiplyAdds: 0,
  /** Dot product of the first `length` entries of a query and a key. */
  dot(query: Float32Array, key: Float32Array, length: number): number {
    kernels.attentionOps += 1;
    kernels.multiplyAdds += length;
    let sum = 0;
    for (let index = 0; index < length; index++) sum += query[index]! * key[index]!;
    return sum;
  },
};

/** Attention dot products computed so far by every engine in this process (engines take differences). */
export function attentionWork(): number {
  return kernels.attentionOps;
}

/** Numerically stable softmax of `logits` into `weights` (same length); returns nothing. */
export function softmaxInto(logits: Float32Array, weights: Float32Array, count: number): void {
  let maximum = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < count; index++) maximum = Math.max(maximum, logits[index]!);
  let total = 0;
  for (let index = 0; index < count; index++) {
    const weight = Math.exp(logits[index]! - maximum);
    weights[index] = weight;
    total += weight;
  }
  for (let index = 0; index < count; index++) weights[index] = weights[index]! / total;
}
