// The statistics every bench reports with: one median, one growth fit.

/** The median: the middle value, or the mean of the two middle values of an even count. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of no values');
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * cost = a * size^k, fitted by least squares on log-log axes: k near 0 is flat, 1 linear, above 1
 * faster than linear. A cost of zero at every size is flat (a = 0, k = 0); otherwise points with
 * a zero, negative or non-finite value are left out (a log-log fit cannot place them). Undefined
 * when fewer than two points of different sizes remain.
 */
export function fitExponent(
  points: readonly (readonly [number, number])[],
): { a: number; k: number } | undefined {
  const finite = points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && x > 0);
  if (finite.length >= 2 && finite.every(([, y]) => y === 0)) return { a: 0, k: 0 };
  const pts = finite.filter(([, y]) => y > 0);
  const lx = pts.map(([x]) => Math.log(x));
  const ly = pts.map(([, y]) => Math.log(y));
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const mx = mean(lx);
  const my = mean(ly);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i]! - mx) * (ly[i]! - my);
    sxx += (lx[i]! - mx) ** 2;
  }
  if (pts.length < 2 || sxx === 0) return undefined;
  const k = sxy / sxx;
  return { a: Math.exp(my - k * mx), k };
}

/** The fitted exponent to two decimals, or "?" when the points do not fit one. */
export const exponentText = (points: readonly (readonly [number, number])[]) =>
  fitExponent(points)?.k.toFixed(2) ?? '?';
