import { judgeAllow } from '@promote/core/allow-window';
import type { Stage } from '@promote/core/config/resolve';
import { wallClock } from '@promote/core/time';

/**
 * Allow windows and release trains (issue #20). A stage's `allow` windows say when promotions into
 * it may be merged; preflight judges that at merge time. Opening the PR is not merging it, so a
 * person may open one any time (the body says when it can go in), while a train (a scheduled run,
 * or `train: true`) outside the windows opens nothing: it says when the next window opens and the
 * next train after that takes what is ready then. GitHub's schedule can be delayed or dropped
 * under load (https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#schedule),
 * so nothing here depends on when a train fires.
 */
export type WindowDecision =
  { action: 'open'; note?: string } | { action: 'wait'; text: string; nextOpening?: Date };

const MINUTE = 60_000;
/** Windows are weekly: a week and a day covers every opening, daylight saving included. */
const SEARCH_MINUTES = 8 * 24 * 60;

/** The first minute at or after `now` that a window of `stage` covers; undefined when none does in a week. Pure. */
export function nextAllowOpening(stage: Stage, now: Date): Date | undefined {
  if (!stage.allow) return now;
  const start = Math.ceil(now.getTime() / MINUTE) * MINUTE;
  for (let i = 0; i <= SEARCH_MINUTES; i++) {
    const at = new Date(start + i * MINUTE);
    if (judgeAllow(stage, at).open) return at;
  }
  return undefined;
}

function localOf(at: Date, zone: string): string {
  const local = wallClock(at, zone);
  return `${local.date} ${local.time} ${zone}`;
}

/** What this run does about the target stage's allow windows. Pure. */
export function decideWindow(target: Stage, now: Date, train: boolean): WindowDecision {
  const allow = judgeAllow(target, now);
  if (allow.open) return { action: 'open' };
  const next = nextAllowOpening(target, now);
  const opens = next
    ? `the next window opens ${localOf(next, target.timezone)} (${next.toISOString()})`
    : 'no window opens within a week';
  if (train)
    return {
      action: 'wait',
      text: `${allow.text}: this release train opens nothing; ${opens}, and the first train after that promotes what is ready then.`,
      ...(next ? { nextOpening: next } : {}),
    };
  return {
    action: 'open',
    note: `${allow.text}: preflight will refuse to merge this PR until a window opens (${opens}), unless the freeze override lifts it.`,
  };
}
