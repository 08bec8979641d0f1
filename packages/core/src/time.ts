import { ConfigurationError } from './errors.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
type Unit = keyof typeof UNIT_MS;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;

/** True for '90s', '15m', '6h', '2d', '1w', '1h30m', '500ms' (no spaces, units required). */
export function isDuration(text: string): boolean {
  return DURATION.test(text.trim());
}

/**
 * '90s' | '15m' | '6h' | '2d' | '1h30m' -> milliseconds. A bare number is refused: "30" could be
 * seconds or minutes, and guessing wrong makes a 30-minute timeout a 30-second one.
 */
export function parseDuration(text: string, what = 'duration'): number {
  const t = String(text).trim().toLowerCase();
  if (!DURATION.test(t)) {
    const hint = /^\d+(\.\d+)?$/.test(t) ? ` (add a unit: ${t}s, ${t}m, ${t}h?)` : '';
    throw new ConfigurationError(
      `${what} ${JSON.stringify(String(text))} is not a duration${hint}; use e.g. 30s, 15m, 6h, 2d or 1h30m`,
    );
  }
  let ms = 0;
  for (const [, amount, unit] of t.matchAll(PART)) ms += Number(amount) * UNIT_MS[unit as Unit];
  return Math.round(ms);
}

/** 5400000 -> '1h 30m'; 45000 -> '45s'; 850 -> '850ms'; at most two units, largest first. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms));
  if (rest < 1000) return `${sign}${rest}ms`;
  if (rest < 60_000) {
    const s = rest / 1000;
    return `${sign}${Number.isInteger(s) ? s : s.toFixed(1)}s`;
  }
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', UNIT_MS.d],
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return sign + parts.slice(0, 2).join(' ');
}
