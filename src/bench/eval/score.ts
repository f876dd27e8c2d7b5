/** Mean of the defined values, or undefined when there are none. */
export function mean(values: ReadonlyArray<number | undefined>): number | undefined {
  const defined = values.filter((value): value is number => value !== undefined && Number.isFinite(value));
  return defined.length === 0 ? undefined : defined.reduce((sum, value) => sum + value, 0) / defined.length;
}

/** Median of the values, or undefined when empty. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A distance turned into a 0..100 score that falls linearly to 0 at `scale`. */
export function distanceScore(distance: number, scale: number): number {
  return 100 * (1 - Math.min(1, Math.max(0, distance) / scale));
}

/** Rounds to two decimals for reports. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
