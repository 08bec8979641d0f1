import { z } from 'zod';
import { ConfigurationError } from '../../packages/core/src/errors.js';
import {
  ConfigValidationError,
  didYouMean,
  fileLocator,
  formatIssues,
} from '../../packages/core/src/config/errors.js';
import {
  duration,
  envVarName,
  globList,
  httpUrl,
  ianaTimeZone,
  semverString,
  timeOfDay,
  weekday,
} from '../../packages/core/src/config/types.js';

const schema = z
  .object({
    preflight: z
      .object({
        ci: z
          .object({ workflows: z.array(z.string()).default([]) })
          .strict()
          .prefault({}),
        findings: z
          .object({ 'block-at': z.enum(['critical', 'high', 'medium', 'low']).default('high') })
          .strict()
          .prefault({}),
        freeze: z
          .object({
            timezone: ianaTimeZone().default('UTC'),
            windows: z
              .array(z.object({ day: weekday(), from: timeOfDay(), to: timeOfDay() }).strict())
              .default([]),
          })
          .strict()
          .prefault({}),
        'max-age': duration().default('6h'),
      })
      .strict()
      .prefault({}),
    smoke: z
      .object({
        url: httpUrl().optional(),
        'token-env': envVarName().optional(),
        paths: globList().optional(),
        min: z.number().int().min(1).optional(),
      })
      .strict()
      .prefault({}),
    release: z
      .object({ first: semverString().default('0.1.0') })
      .strict()
      .prefault({}),
  })
  .strict();

function problems(input: unknown): string[] {
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return [];
  return formatIssues(r.error.issues, { schema, locate: fileLocator('promotion.yml') });
}

describe('config errors name the file, the key path, the bad value and what is allowed', () => {
  test('a bad time of day', () => {
    expect(
      problems({
        preflight: { freeze: { windows: [{ day: 'friday', from: '25:00', to: '18:00' }] } },
      }),
    ).toEqual([
      'promotion.yml: preflight.freeze.windows[0].from: "25:00" is not a time; use HH:MM',
    ]);
  });

  test('an unknown key lists the allowed keys and suggests the close one', () => {
    expect(problems({ preflight: { frezee: {} } })).toEqual([
      'promotion.yml: preflight.frezee: unknown key; allowed keys: ci, findings, freeze, max-age (did you mean freeze?)',
    ]);
    expect(problems({ bogus: 1 })).toEqual([
      'promotion.yml: bogus: unknown key; allowed keys: preflight, smoke, release',
    ]);
  });

  test('enums list the allowed values; weekdays say so', () => {
    expect(problems({ preflight: { findings: { 'block-at': 'severe' } } })).toEqual([
      'promotion.yml: preflight.findings.block-at: "severe" is not allowed; use one of: critical, high, medium, low',
    ]);
    expect(
      problems({
        preflight: { freeze: { windows: [{ day: 'fridy', from: '14:00', to: '18:00' }] } },
      }),
    ).toEqual([
      'promotion.yml: preflight.freeze.windows[0].day: "fridy" is not a weekday; use one of: monday, tuesday, wednesday, thursday, friday, saturday, sunday',
    ]);
  });

  test('durations, time zones, versions, URLs, globs and numbers', () => {
    expect(problems({ preflight: { 'max-age': '6 hours', freeze: { timezone: 'CEST' } } })).toEqual(
      [
        'promotion.yml: preflight.freeze.timezone: "CEST" is a zone abbreviation, not an IANA time zone; use the IANA zone of the place, e.g. America/New_York, Europe/Berlin or UTC',
        'promotion.yml: preflight.max-age: "6 hours" is not a duration; use a number and a unit such as 500ms, 90s, 15m, 6h or 1h30m',
      ],
    );
    expect(problems({ preflight: { freeze: { timezone: '+02:00' } } })[0]).toContain(
      '"+02:00" is a fixed UTC offset without daylight saving; use the IANA zone of the place',
    );
    expect(problems({ release: { first: 'v1' } })).toEqual([
      'promotion.yml: release.first: "v1" is not a semantic version; use e.g. 1.2.3 or 2.0.0-rc.1',
    ]);
    expect(problems({ smoke: { url: 'ftp://example.com', paths: ['src/[a'], min: 0 } })).toEqual([
      'promotion.yml: smoke.url: "ftp://example.com" is not an http(s) URL; use e.g. https://example.com/health',
      'promotion.yml: smoke.paths[0]: "src/[a" is not a valid glob; check its brackets and braces',
      'promotion.yml: smoke.min: 0 is too small; use at least 1',
    ]);
  });

  // The README promises fixed offsets are refused: a freeze window in one is an hour off half
  // the year. Each refusal names the IANA zone of the place to use instead.
  test.each([
    ['EST', 'is a fixed UTC offset without daylight saving; use America/New_York'],
    ['MST', 'is a fixed UTC offset without daylight saving; use America/Denver'],
    ['HST', 'is a fixed UTC offset without daylight saving; use Pacific/Honolulu'],
    ['EST5EDT', 'is a legacy abbreviation, not the IANA zone of a place; use America/New_York'],
    ['PST8PDT', 'is a legacy abbreviation, not the IANA zone of a place; use America/Los_Angeles'],
    [
      'Etc/GMT+5',
      'is a fixed UTC offset without daylight saving (UTC-05:00; Etc/GMT signs are inverted)',
    ],
    ['UTC+2', 'is a fixed UTC offset without daylight saving'],
    ['Mars/Olympus', 'is not an IANA time zone; use the IANA zone of the place'],
  ])('time zone %s is refused naming the zone to use', (zone, why) => {
    expect(problems({ preflight: { freeze: { timezone: zone } } })).toEqual([
      expect.stringContaining(`promotion.yml: preflight.freeze.timezone: "${zone}" ${why}`),
    ]);
  });

  // Node's list of zones holds canonical names only (Asia/Calcutta, not Asia/Kolkata; no Europe/Kyiv
  // on older ICU; no UTC): names outside it are still accepted when Intl knows them.
  test.each([
    'Europe/Berlin',
    'America/New_York',
    'UTC',
    'Etc/UTC',
    'GMT',
    'US/Eastern',
    'Asia/Kolkata',
    'Asia/Calcutta',
    'Europe/Kyiv',
    'europe/berlin',
  ])('time zone %s is accepted', (zone) => {
    expect(problems({ preflight: { freeze: { timezone: zone } } })).toEqual([]);
  });

  test('wrong types say what was given and what is expected', () => {
    expect(problems({ preflight: { ci: { workflows: 'build' } } })).toEqual([
      'promotion.yml: preflight.ci.workflows: "build" is not a list; use a YAML list, e.g. [a, b] or one "- item" per line',
    ]);
    expect(
      problems({ preflight: { freeze: { windows: [{ day: 'friday', to: '18:00' }] } } }),
    ).toEqual(['promotion.yml: preflight.freeze.windows[0].from: is required; use HH:MM']);
  });

  test("a section's own full-sentence message is printed as it is, without the value in front", () => {
    const ranged = z
      .object({ from: z.number(), to: z.number() })
      .strict()
      .refine((r) => r.from <= r.to, { error: 'from is after to' });
    const r = ranged.safeParse({ from: 5, to: 1 }, { reportInput: true });
    expect(
      formatIssues(r.error!.issues, { schema: ranged, locate: fileLocator('promotion.yml') }),
    ).toEqual(['promotion.yml: from is after to']);
  });

  test('a secret pasted where an env var name belongs is refused without echoing it', () => {
    const lines = problems({
      smoke: { 'token-env': 'https://hooks.slack.com/services/T000/B000/XXXX' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^promotion.yml: smoke.token-env: \(value hidden\) looks like a secret value/,
    );
    expect(lines[0]).not.toContain('hooks.slack.com');
    expect(problems({ smoke: { 'token-env': 'smoke-token' } })).toEqual([
      'promotion.yml: smoke.token-env: "smoke-token" is not an environment variable name; use letters, digits and _ (e.g. SLACK_WEBHOOK_URL)',
    ]);
  });

  test('the error is a ConfigurationError holding every line', () => {
    const err = new ConfigValidationError('.github/promotion.yml', [
      'promotion.yml: a: x',
      'promotion.yml: b: y',
    ]);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toBe(
      '.github/promotion.yml is not valid (2 problems); fix and re-run:\npromotion.yml: a: x\npromotion.yml: b: y',
    );
  });

  test('did you mean: typos only, not any key', () => {
    expect(didYouMean('timezon', ['timezone', 'windows'])).toBe('timezone');
    expect(didYouMean('block_at', ['block-at'])).toBe('block-at');
    expect(didYouMean('colour', ['ci', 'findings'])).toBeUndefined();
  });
});
