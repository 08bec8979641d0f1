import { z } from 'zod';
import picomatch from 'picomatch';
import semver from 'semver';
import { isDuration } from '../time.js';

/**
 * Reusable building blocks for the config sections. Each carries a custom message in the form
 * `<what is wrong>; <what is allowed>`; the config error formatter prints it after the bad value:
 * `promotion.yml: preflight.freeze[0].from: "25:00" is not a time; use HH:MM`.
 */

/** 'HH:MM', 24-hour clock. */
export const timeOfDay = z
  .string({ error: 'is not a time; use HH:MM' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'is not a time; use HH:MM' })
  .describe('A time of day, HH:MM (24-hour clock), e.g. 14:00.');

/** '30s', '15m', '6h', '2d', '1h30m': validated, kept as the string (parse with parseDuration). */
export const duration = z
  .string({ error: 'is not a duration; use e.g. 30m, 6h, 2d' })
  .refine((v) => isDuration(v), { error: 'is not a duration; use e.g. 30m, 6h, 2d' })
  .describe('A duration: a number and a unit (s, m, h, d, w), e.g. 30m, 6h, 2d, 1h30m.');

/** True for names the IANA database knows ('Europe/Berlin', 'UTC'); false for fixed offsets. */
export function isIanaTimeZone(value: string): boolean {
  // Fixed offsets ("+02:00", "GMT+2") ignore daylight saving: a freeze window would be an hour off
  // half the year. Intl accepts "+02:00" on newer Node, so refuse it explicitly.
  if (/^[+-]\d/.test(value) || /^(GMT|UTC)[+-]/i.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const ianaTimeZone = z
  .string({
    error: 'is not an IANA time zone; use a name like Europe/Berlin, America/New_York or UTC',
  })
  .refine(isIanaTimeZone, {
    error:
      'is not an IANA time zone; use a name like Europe/Berlin, America/New_York or UTC (not a fixed offset)',
  })
  .describe('An IANA time zone name (daylight saving handled), e.g. Europe/Berlin, UTC.');

export const WEEKDAY_NAMES = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAY_NAMES)[number];

export const weekday = z
  .enum(WEEKDAY_NAMES, { error: `is not a weekday; use one of: ${WEEKDAY_NAMES.join(', ')}` })
  .describe('A day of the week, lower case: monday ... sunday.');

export const semverString = z
  .string({ error: 'is not a semantic version; use e.g. 1.2.3' })
  .refine((v) => semver.valid(v) !== null, {
    error: 'is not a semantic version; use e.g. 1.2.3 or 2.0.0-rc.1',
  })
  .describe('A semantic version, e.g. 1.2.3.');

function isValidGlob(pattern: string): boolean {
  try {
    picomatch.makeRe(pattern, { strictBrackets: true });
    return true;
  } catch {
    return false;
  }
}

export const glob = z
  .string({ error: 'is not a glob; use a path pattern like src/** or *.sql' })
  .min(1, { error: 'is empty; use a path pattern like src/** or *.sql' })
  .refine(isValidGlob, { error: 'is not a valid glob; check its brackets and braces' })
  .describe('A path glob (picomatch syntax), e.g. src/**, migrations/*.sql.');

export const globList = z
  .array(glob, { error: 'is not a list of globs; use a YAML list, e.g. [src/**, "*.sql"]' })
  .describe('A list of path globs (picomatch syntax).');

/**
 * The name of an environment variable that holds a secret (the secret itself never goes in the
 * file). A pasted URL or token is refused without echoing it: the formatter hides the value.
 */
export const envVarName = z
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
  .describe('The name of an environment variable that holds the secret (never the secret itself).');

export const httpUrl = z
  .url({
    protocol: /^https?$/,
    hostname: z.regexes.domain.source ? undefined : undefined,
    error: 'is not an http(s) URL; use e.g. https://example.com/health',
  })
  .describe('An http:// or https:// URL.');

/** Non-empty trimmed text. */
export const nonEmptyString = z
  .string({ error: 'is not text' })
  .trim()
  .min(1, { error: 'is empty' });
