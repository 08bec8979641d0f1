// One duration type for every key of the config (issue #17): what a user may write, what each
// spelling means in milliseconds, and the one-line fix for what is refused. The zod type, the
// parser the actions use and the JSON Schema an editor uses must agree on every case.
import {
  formatDuration,
  parseDuration,
  spellDuration,
  DURATION_PATTERN,
} from '../../packages/core/src/time.js';
import { duration } from '../../packages/core/src/config/types.js';
import { buildJsonSchema } from '../../packages/core/src/config/json-schema.js';

/** The pattern an editor checks `preflight.ci.wait` with, from the generated JSON Schema. */
function editorPattern(): RegExp {
  const schema = buildJsonSchema() as {
    properties: {
      preflight: { properties: { ci: { properties: { wait: { pattern: string } } } } };
    };
  };
  return new RegExp(schema.properties.preflight.properties.ci.properties.wait.pattern);
}

describe('what a duration may be', () => {
  test.each([
    ['500ms', 500],
    ['90s', 90_000],
    ['15m', 900_000],
    ['6h', 21_600_000],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['2h15m30s250ms', 8_130_250],
    ['1.5h', 5_400_000],
    ['0.5s', 500],
  ])('%s is %d ms, and the config and an editor accept it', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(duration().safeParse(text).success).toBe(true);
    expect(editorPattern().test(text)).toBe(true);
  });

  test.each([
    ['1 hour', 'is not a duration; use a number and a unit such as 500ms, 90s, 15m, 6h or 1h30m'],
    ['1h 30m', 'is not a duration; use a number and a unit such as 500ms, 90s, 15m, 6h or 1h30m'],
    ['-5s', 'is not a duration; use a number and a unit such as 500ms, 90s, 15m, 6h or 1h30m'],
    ['30M', 'is not a duration; use a number and a unit such as 500ms, 90s, 15m, 6h or 1h30m'],
    ['soon', 'is not a duration; use a number and a unit such as 500ms, 90s, 15m, 6h or 1h30m'],
    ['', 'is not a duration; use a number and a unit such as 500ms, 90s, 15m, 6h or 1h30m'],
    ['30', 'has no unit; write "30s" or "30m" (units: ms, s, m, h, d, w)'],
    ['0s', 'is zero; use a positive duration such as 500ms or 1s'],
    ['0m0s', 'is zero; use a positive duration such as 500ms or 1s'],
    ['0', 'is zero; use a positive duration such as 500ms or 1s'],
  ])('"%s" is refused by the parser, the config and an editor: %s', (text, why) => {
    expect(() => parseDuration(text, 'smoke.timeouts.attempt')).toThrow(
      `smoke.timeouts.attempt ${JSON.stringify(text)} ${why}`,
    );
    const parsed = duration().safeParse(text);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(why);
    expect(editorPattern().test(text)).toBe(false);
  });

  test('a bare number (not text) is refused by the type with the same fix', () => {
    expect(duration().safeParse(30).error?.issues[0]?.message).toBe(
      'has no unit; write "30s" or "30m" (units: ms, s, m, h, d, w)',
    );
    expect(duration().safeParse(0).error?.issues[0]?.message).toBe(
      'is zero; use a positive duration such as 500ms or 1s',
    );
  });

  test('the JSON Schema pattern is the parser pattern', () => {
    expect(editorPattern().source).toBe(DURATION_PATTERN.source);
  });
});

describe('writing durations back', () => {
  test('spellDuration gives the exact duration to write, and it parses back', () => {
    for (const [ms, text] of [
      [30, '30ms'],
      [1_500, '1s500ms'],
      [90_000, '1m30s'],
      [1_800_000, '30m'],
      [5_400_000, '1h30m'],
      [3_600_000, '1h'],
      [90_061_001, '1d1h1m1s1ms'],
    ] as const) {
      expect(spellDuration(ms)).toBe(text);
      expect(parseDuration(text)).toBe(ms);
    }
  });

  test('formatDuration (for logs): at most two units, largest first', () => {
    expect(formatDuration(5_400_000)).toBe('1h 30m');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(1_500)).toBe('1.5s');
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 5_000)).toBe('2d 3h');
  });
});
