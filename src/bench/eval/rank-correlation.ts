/**
 * Spearman rank correlation of two equally long series (ties get their average rank); undefined with fewer
 * than 3 pairs or when a series is constant.
 *
 * @example
 * spearman([1, 2, 3, 4], [10, 20, 30, 25]) // 0.8
 */
export function spearman(xs: readonly number[], ys: readonly number[]): number | undefined {
  if (xs.length !== ys.length || xs.length < 3) return undefined;
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mx = rx.reduce((sum, value) => sum + value, 0) / rx.length;
  const my = ry.reduce((sum, value) => sum + value, 0) / ry.length;
  let covariance = 0;
  let vx = 0;
  let vy = 0;
  for (let index = 0; index < rx.length; index++) {
    covariance += (rx[index]! - mx) * (ry[index]! - my);
    vx += (rx[index]! - mx) ** 2;
    vy += (ry[index]! - my) ** 2;
  }
  return vx === 0 || vy === 0 ? undefined : covariance / Math.sqrt(vx * vy);
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    for (let k = start; k <= end; k++) result[order[k]!.index] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return result;
}
