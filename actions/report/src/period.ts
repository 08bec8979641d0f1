/** The period a report covers and its weekly buckets. Pure. */

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

export interface Week {
  /** The day the week starts (UTC), as YYYY-MM-DD: the label on charts and in JSON. */
  label: string;
  start: number;
  end: number;
}

export interface Period {
  /** First instant counted (inclusive), ms since the epoch. */
  start: number;
  /** Last instant counted (exclusive): the run's now. */
  end: number;
  days: number;
  /** Seven-day weeks counted back from `end`, oldest first. */
  weeks: Week[];
}

/**
 * The last `days` days up to `now`, cut into weeks counted back from now (the newest week ends
 * now, the oldest may reach before the period's start and counts only from it), so "the last 12
 * weeks" is 12 points whatever the weekday. A week is labelled by the day it starts (UTC).
 */
export function periodEnding(now: Date, days: number): Period {
  const end = now.getTime();
  const start = end - days * DAY_MS;
  const count = Math.ceil(days / 7);
  const weeks: Week[] = [];
  for (let i = count; i > 0; i--) {
    const weekStart = end - i * WEEK_MS;
    weeks.push({
      label: new Date(Math.max(weekStart, start)).toISOString().slice(0, 10),
      start: weekStart,
      end: weekStart + WEEK_MS,
    });
  }
  return { start, end, days, weeks };
}

export const inPeriod = (period: Period, time: number): boolean =>
  time >= period.start && time < period.end;

/** Index of the week holding `time`, or -1 outside the period. */
export function weekIndex(period: Period, time: number): number {
  if (!inPeriod(period, time)) return -1;
  return period.weeks.findIndex((w) => time >= w.start && time < w.end);
}

/** Weeks the period spans (days / 7): the divisor of "per week" averages. */
export const periodWeeks = (period: Period): number => period.days / 7;
