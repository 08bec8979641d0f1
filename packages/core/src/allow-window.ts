import type { Stage } from './config/resolve.js';
import { describeLocalTime, windowCovers } from './freeze.js';

export interface AllowDecision {
  /** True when the stage names no windows or one covers `now`. */
  open: boolean;
  /** e.g. "Friday 16:10 Europe/Berlin" (the stage's zone). */
  localTime: string;
  /** One line: which window admits now, or when promotions into the stage may run. */
  text: string;
}

function describe(stage: Stage): string {
  return (stage.allow ?? [])
    .map((w) => {
      const span = w.to === undefined ? `from ${w.from}` : `${w.from}-${w.to}`;
      return `${w.days.join(',')} ${span} ${w.timezone ?? stage.timezone}`;
    })
    .join('; ');
}

/**
 * Whether promotions into `stage` may run at `now` (stages[].allow, issue #20): the same weekly
 * windows as freeze windows, judged on local wall-clock time in an IANA zone, so daylight saving
 * moves them with the place. Pure.
 */
export function judgeAllow(stage: Stage, now: Date): AllowDecision {
  const localTime = describeLocalTime(now, stage.timezone);
  if (!stage.allow)
    return { open: true, localTime, text: `${stage.name} takes promotions at any time` };
  const window = stage.allow.find((w) => windowCovers(w, now, stage.timezone));
  if (window)
    return {
      open: true,
      localTime,
      text: `${localTime} is inside ${stage.name}'s allow window (${describe({ ...stage, allow: [window] })})`,
    };
  return {
    open: false,
    localTime,
    text: `${localTime} is outside ${stage.name}'s allow windows (${describe(stage)})`,
  };
}
