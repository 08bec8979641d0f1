import * as z from 'zod';
import { lazy } from './lazy.js';
import picomatch from 'picomatch';
import semver from 'semver';
import { DURATION_PATTERN, durationProblem, isUtcZone } from '../time.js';

/**
 * Reusable building blocks for the config sections. Each carries a custom message in the form
 * `<what is wrong>; <what is allowed>`; the config error formatter prints it after the bad value:
 * `promotion.yml: preflight.freeze[0].from: "25:00" is not a time; use HH:MM`.
 */

/** 'HH:MM', 24-hour clock. */
export const timeOfDay = lazy(() =>
  z
    .string({ error: 'is not a time; use HH:MM' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'is not a time; use HH:MM' })
    .describe('A time of day, HH:MM (24-hour clock), e.g. 14:00.'),
);

/**
 * The one duration type of every section (issue #17): '500ms', '90s', '15m', '6h', '2d', '1h30m',
 * kept as written (parseDuration turns it into milliseconds where it is used). A bare number is
 * refused naming the fix; only the keys in deprecations.ts still read one as milliseconds.
 */
export const duration = lazy(() =>
  z
    .string({ error: (issue) => durationProblem(issue.input) })
    .regex(DURATION_PATTERN, { error: (issue) => durationProblem(issue.input) })
    .describe('A duration: a number and a unit (ms, s, m, h, d, w), e.g. 500ms, 90s, 15m, 1h30m.'),
);

/**
 * Legacy names the time zone database still accepts but a freeze window must not use: the US
 * "EST"/"MST"/"HST" are fixed offsets (no daylight saving, so a window is an hour off half the
 * year), the POSIX-style "EST5EDT" and ICU abbreviations ("PST", "IST", "BST") are ambiguous or
 * deprecated (tzdata 2024b turned them into links). Each maps to the place's IANA zone.
 */
const LEGACY_ZONES: Record<string, string> = {
  EST: 'America/New_York',
  EST5EDT: 'America/New_York',
  CST: 'America/Chicago',
  CST6CDT: 'America/Chicago',
  MST: 'America/Denver (or America/Phoenix, which keeps no daylight saving)',
  MST7MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PST8PDT: 'America/Los_Angeles',
  HST: 'Pacific/Honolulu',
  AST: 'America/Halifax',
  CET: 'Europe/Berlin',
  MET: 'Europe/Berlin',
  EET: 'Europe/Athens',
  WET: 'Europe/Lisbon',
  BST: 'Europe/London',
  IST: 'Asia/Kolkata (or Europe/Dublin)',
  JST: 'Asia/Tokyo',
  NZ: 'Pacific/Auckland',
  PRC: 'Asia/Shanghai',
  ROC: 'Asia/Taipei',
  ROK: 'Asia/Seoul',
};
/** In the time zone database these three are fixed offsets; the rest above are links or rules. */
const FIXED_ABBREVIATIONS = new Set(['EST', 'MST', 'HST']);
const ZERO_OFFSET = new Set(['UTC', 'GMT', 'UCT']);
const PLACE_EXAMPLE = 'the IANA zone of the place, e.g. America/New_York, Europe/Berlin or UTC';

let zones: Set<string> | undefined;
/** Node's list of canonical zone names, read once (a config may name a zone in many places). */
const listedZones = () => (zones ??= new Set(Intl.supportedValuesOf('timeZone')));

/**
 * Why `value` is not a time zone a config may use, ending in the IANA name to use instead
 * (`is a fixed UTC offset without daylight saving; use America/New_York`); undefined when it is
 * fine. Freeze windows follow local daylight saving, so only names of places (and UTC) pass.
 */
function timeZoneProblem(value: string): string | undefined {
  const fixed = 'is a fixed UTC offset without daylight saving';
  // Intl accepts "+02:00" on newer Node, so offsets are refused before asking it.
  if (/^[+-]\d/.test(value) || /^(GMT|UTC)[+-]\d/i.test(value))
    return `${fixed}; use ${PLACE_EXAMPLE}`;
  const etc = /^Etc\/GMT([+-])(\d{1,2})$/i.exec(value);
  if (etc && Number(etc[2]) !== 0) {
    // POSIX signs: Etc/GMT+5 is five hours *behind* UTC.
    const offset = `UTC${etc[1] === '+' ? '-' : '+'}${etc[2]!.padStart(2, '0')}:00`;
    return `${fixed} (${offset}; Etc/GMT signs are inverted); use ${PLACE_EXAMPLE}`;
  }
  const legacy = LEGACY_ZONES[value.toUpperCase()];
  if (legacy)
    return `${FIXED_ABBREVIATIONS.has(value.toUpperCase()) ? fixed : 'is a legacy abbreviation, not the IANA zone of a place'}; use ${legacy}`;
  if (/^[A-Z]{2,5}(\d{1,2}[A-Z]{3})?$/.test(value) && !ZERO_OFFSET.has(value))
    return `is a zone abbreviation, not an IANA time zone; use ${PLACE_EXAMPLE}`;
  // UTC and the zones Node lists are known without building an Intl formatter, whose first use
  // loads ICU's locale data (~26 ms of CPU; issue #18). The list holds canonical names only
  // (Asia/Kolkata may be listed as Asia/Calcutta), so a name it lacks is asked of Intl itself.
  if (isUtcZone(value) || listedZones().has(value)) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return undefined;
  } catch {
    return `is not an IANA time zone; use ${PLACE_EXAMPLE}`;
  }
}

export const ianaTimeZone = lazy(() =>
  z
    .string({
      error: 'is not an IANA time zone; use a name like Europe/Berlin, America/New_York or UTC',
    })
    .check((ctx) => {
      const problem = timeZoneProblem(ctx.value);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
    })
    .describe('An IANA time zone name (daylight saving handled), e.g. Europe/Berlin, UTC.'),
);

const WEEKDAY_NAMES = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

export const weekday = lazy(() =>
  z
    .enum(WEEKDAY_NAMES, { error: `is not a weekday; use one of: ${WEEKDAY_NAMES.join(', ')}` })
    .describe('A day of the week, lower case: monday ... sunday.'),
);

export const semverString = lazy(() =>
  z
    .string({ error: 'is not a semantic version; use e.g. 1.2.3' })
    .refine((v) => semver.valid(v) !== null, {
      error: 'is not a semantic version; use e.g. 1.2.3 or 2.0.0-rc.1',
    })
    .describe('A semantic version, e.g. 1.2.3.'),
);

function isValidGlob(pattern: string): boolean {
  try {
    picomatch.makeRe(pattern, { strictBrackets: true });
    return true;
  } catch {
    return false;
  }
}

export const glob = lazy(() =>
  z
    .string({ error: 'is not a glob; use a path pattern like src/** or *.sql' })
    .min(1, { error: 'is empty; use a path pattern like src/** or *.sql' })
    .refine(isValidGlob, { error: 'is not a valid glob; check its brackets and braces' })
    .describe('A path glob (picomatch syntax), e.g. src/**, migrations/*.sql.'),
);

export const globList = lazy(() =>
  z
    .array(glob(), { error: 'is not a list of globs; use a YAML list, e.g. [src/**, "*.sql"]' })
    .describe('A list of path globs (picomatch syntax).'),
);

/**
 * The name of an environment variable that holds a secret (the secret itself never goes in the
 * file). A pasted URL or token is refused without echoing it: the formatter hides the value.
 */
export const envVarName = lazy(() =>
  z
    .string({ error: 'is not an environment variable name; use e.g. SLACK_WEBHOOK_URL' })
    .refine((v) => !/:\/\/|\s/.test(v) && v.length <= 128, {
      error:
        'looks like a secret value, not an environment variable name; put the value in a repository secret, map it to an env var in the workflow, and name the env var here (e.g. SLACK_WEBHOOK_URL)',
      params: { hideValue: true },
      abort: true,
    })
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
      error:
        'is not an environment variable name; use letters, digits and _ (e.g. SLACK_WEBHOOK_URL)',
    })
    .describe(
      'The name of an environment variable that holds the secret (never the secret itself).',
    ),
);

export const httpUrl = lazy(() =>
  z
    .url({
      protocol: /^https?$/,
      hostname: z.regexes.domain.source ? undefined : undefined,
      error: 'is not an http(s) URL; use e.g. https://example.com/health',
    })
    .describe('An http:// or https:// URL.'),
);
