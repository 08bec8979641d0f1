import { ConfigurationError } from './errors.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
type Unit = keyof typeof UNIT_MS;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
const NUMBER_ONLY = /^\d+(?:\.\d+)?$/;
const SHAPE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;

/**
 * The one duration of the config and the actions (issue #17): one or more `<number><unit>` parts,
 * no spaces, units ms, s, m, h, d, w, and more than zero in total: '500ms', '90s', '15m', '6h',
 * '2d', '1h30m', '1.5h'. The lookahead (a digit 1-9 somewhere) refuses '0s' and '0m0s'; the same
 * pattern is the JSON Schema's, so an editor refuses what the loader refuses.
 */
export const DURATION_PATTERN = /^(?=.*[1-9])(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;

/**
 * What is wrong with `value` as a duration, in the config errors' form (`has no unit; write "30s"
 * or "30m" ...`, printed after the value), or undefined when it is one. A bare number is refused:
 * "30" could be seconds or minutes, and guessing wrong makes a 30-minute timeout a 30-second one.
 */
export function durationProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && DURATION_PATTERN.test(value)) return undefined;
  const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  if (SHAPE.test(text) || (NUMBER_ONLY.test(text) && Number(text) === 0))
    return 'is zero; use a positive duration such as 500ms or 1s';
  if (NUMBER_ONLY.test(text))
    return `has no unit; write "${text}s" or "${text}m" (units: ms, s, m, h, d, w)`;
  return 'is not a duration; use a number and a unit such as 500ms, 90s, 15m, 6h or 1h30m';
}

/** '90s' | '15m' | '6h' | '2d' | '1h30m' | '500ms' -> milliseconds; anything else is refused. */
export function parseDuration(text: string, what = 'duration'): number {
  const problem = durationProblem(text);
  if (problem) throw new ConfigurationError(`${what} ${JSON.stringify(String(text))} ${problem}`);
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(PART)) ms += Number(amount) * UNIT_MS[unit as Unit];
  return Math.round(ms);
}

/** The duration to write for `ms` milliseconds, exactly: 5400000 -> '1h30m', 1500 -> '1s500ms'. */
export function spellDuration(ms: number): string {
  let rest = Math.round(ms);
  if (rest <= 0) return `${rest}ms`;
  const parts: string[] = [];
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const n = Math.floor(rest / UNIT_MS[unit]);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * UNIT_MS[unit];
  }
  return parts.join('');
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

/** What a wall clock in a time zone reads at an instant. */
export interface WallClock {
  /** YYYY-MM-DD, the local date. */
  date: string;
  /** HH:MM, 24-hour. */
  time: string;
  /** Minutes since local midnight, 0..1439. */
  minuteOfDay: number;
  /** 0 = Monday ... 6 = Sunday (ISO order). */
  weekday: number;
}

const WALL_CLOCKS = new Map<string, Intl.DateTimeFormat>();

/**
 * Zone names that are UTC itself (the time zone database's `Etc/UTC` and its links, in any case:
 * zone names are matched case-insensitively, https://tc39.es/ecma402/#sec-isvalidtimezonename).
 * Their wall clock is read from Date's UTC fields: the first Intl formatter of a process loads
 * ICU's locale data, ~26 ms of CPU on Node 24, which a UTC config (the default) never needs
 * (issue #18, cold start).
 */
const UTC_ZONES = new Set([
  'utc',
  'etc/utc',
  'gmt',
  'etc/gmt',
  'uct',
  'etc/uct',
  'zulu',
  'etc/zulu',
]);

/** True when `zone` names UTC itself: no offset, no daylight saving. */
export function isUtcZone(zone: string): boolean {
  return UTC_ZONES.has(zone.toLowerCase());
}

/**
 * The local date and time at `instant` in the IANA zone `zone`, from the time zone database Node
 * ships (Intl, https://tc39.es/ecma402/#sec-datetimeformat-abstracts). Daylight saving needs no
 * special case in this direction: an instant has exactly one local reading, so the hour skipped
 * in spring never appears and the hour repeated in autumn appears twice, once per instant.
 * Throws a RangeError for a zone the database does not know (the config refuses those first).
 */
export function wallClock(instant: Date, zone: string): WallClock {
  if (isUtcZone(zone)) {
    return clockReading(
      instant.getUTCFullYear(),
      instant.getUTCMonth() + 1,
      instant.getUTCDate(),
      instant.getUTCHours(),
      instant.getUTCMinutes(),
    );
  }
  let format = WALL_CLOCKS.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      // h23, not hour12: false, which some ICU versions render as "24:05" after midnight.
      hourCycle: 'h23',
    });
    WALL_CLOCKS.set(zone, format);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of format.formatToParts(instant)) part[type] = value;
  return clockReading(
    Number(part.year),
    Number(part.month),
    Number(part.day),
    Number(part.hour),
    Number(part.minute),
  );
}

function clockReading(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): WallClock {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return {
    date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
    time: `${pad(hour)}:${pad(minute)}`,
    minuteOfDay: hour * 60 + minute,
    weekday: (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7,
  };
}
