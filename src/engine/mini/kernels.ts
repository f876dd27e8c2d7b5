/**
 * The one inner product every attention logit of the miniature engine goes through. Work is counted here, where it
 * happens, for every engine in the process: `attentionOps` is the number of calls, `multiplyAdds` the summed vector
 * lengths. An engine adds the difference over its own (synchronous) calls to its costs; a test spies on
 * `kernels.dot` and compares the calls with the engine's counter.
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

/** Numerically stable softmax of the first `count` logits into `weights`. */
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
