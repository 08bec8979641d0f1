/** The two statistics the report uses, each defined once. Pure. */

/** The median: the middle value, or the mean of the two middle values; undefined when empty. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The p-th percentile by the nearest-rank method (the smallest value with at least p% of the
 * values at or below it: https://en.wikipedia.org/wiki/Percentile#The_nearest-rank_method), so
 * it is always one of the observed values and a reader can check it by counting.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
