/** Nearest-rank percentile (p in 0..100) of `values`; undefined when empty. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

const BARS = '▁▂▃▄▅▆▇█';

/** A one-line chart of a series ("▁▂▅█▃"), scaled from 0 to the series' maximum. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((v) =>
      max === 0
        ? BARS[0]
        : BARS[Math.min(BARS.length - 1, Math.floor((v / max) * (BARS.length - 1)))],
    )
    .join('');
}
