import type { FreezeWindow } from './config/sections/preflight.js';
import { WEEKDAYS } from './config/keywords.js';
import { wallClock } from './time.js';

/**
 * Freeze windows judged on local wall-clock time in an IANA zone (Intl), never a fixed UTC
 * offset: "Friday from 14:00 in Berlin" is 13:00 UTC in winter and 12:00 UTC in summer, and the
 * weeks where daylight saving changes are exactly when fixed offsets go wrong.
 */
export interface FreezeDecision {
  frozen: boolean;
  /** e.g. "Friday 14:30 Europe/Berlin" (local time in the section's zone, or the window's). */
  localTime: string;
  /** The window that freezes now (first match), with its description. */
  window?: FreezeWindow;
  description?: string;
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Weekday key (mon..sun) of an ISO weekday index (0 = Monday). */
function dayKey(weekday: number): (typeof WEEKDAYS)[number] {
  return WEEKDAYS[weekday]!;
}

/** e.g. "Friday 14:30 Europe/Berlin": `now` on the wall clock of `zone`. */
export function describeLocalTime(now: Date, zone: string): string {
  const local = wallClock(now, zone);
  return `${DAY_NAMES[local.weekday]} ${local.time} ${zone}`;
}

function describeWindow(w: FreezeWindow, zone: string): string {
  const tz = w.timezone ?? zone;
  const reason = w.reason ? ` (${w.reason})` : '';
  if ('dates' in w) {
    const span = w.dates.from === w.dates.to ? w.dates.from : `${w.dates.from}..${w.dates.to}`;
    return `freeze ${span} ${tz}${reason}`;
  }
  const days = w.days.join(',');
  const allDay = w.from === '00:00' && w.to === undefined;
  const span = allDay ? 'all day' : w.to === undefined ? `from ${w.from}` : `${w.from}-${w.to}`;
  return `freeze ${days} ${span} ${tz}${reason}`;
}

/** Whether one window covers the instant `now`. */
export function windowCovers(w: FreezeWindow, now: Date, defaultZone: string): boolean {
  const zone = w.timezone ?? defaultZone;
  const local = wallClock(now, zone);
  if ('dates' in w) return local.date >= w.dates.from && local.date <= w.dates.to;
  const minute = local.minuteOfDay;
  const from = minutesOf(w.from);
  const to = w.to === undefined ? 24 * 60 : minutesOf(w.to);
  const today = dayKey(local.weekday);
  if (from < to) return w.days.includes(today) && minute >= from && minute < to;
  if (from === to) return w.days.includes(today); // a full day starting at `from`: treat as all day
  // Past midnight: the evening of a listed day, or the early morning after one.
  const yesterday = dayKey((local.weekday + 6) % 7);
  return (w.days.includes(today) && minute >= from) || (w.days.includes(yesterday) && minute < to);
}

export function evaluateFreeze(
  now: Date,
  windows: readonly FreezeWindow[],
  defaultZone: string,
): FreezeDecision {
  const window = windows.find((w) => windowCovers(w, now, defaultZone));
  const zone = window?.timezone ?? defaultZone;
  const localTime = describeLocalTime(now, zone);
  if (!window) return { frozen: false, localTime };
  return { frozen: true, localTime, window, description: describeWindow(window, defaultZone) };
}
