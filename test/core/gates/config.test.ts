import { promotionConfigSchema } from '../../../packages/core/src/config/schema.js';

describe('preflight config section', () => {
  test('an empty file runs no gate and defaults the override label', () => {
    const c = promotionConfigSchema().parse({});
    expect(c.preflight.freeze).toBeUndefined();
    expect(c.preflight.override).toEqual({
      label: 'emergency-override',
      lifts: ['freeze', 'change-size', 'soak'],
    });
  });

  test('a bad freeze time names its path and what to write', () => {
    const r = promotionConfigSchema().safeParse({
      preflight: { freeze: [{ days: ['fri'], from: '25:00' }] },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({
      path: ['preflight', 'freeze', 0, 'from'],
      message: 'is not a time; use HH:MM',
    });
  });

  test('weekday names long or short, kebab-case gate keys, defaults filled in', () => {
    const c = promotionConfigSchema().parse({
      preflight: {
        timezone: 'Europe/Berlin',
        freeze: [{ days: ['friday'], from: '14:00' }],
        'change-size': { 'max-units': 5, areas: { api: 'src/api/**' } },
        'diff-guard': {},
      },
    });
    expect(c.preflight.freeze![0]).toEqual({ days: ['fri'], from: '14:00' });
    expect(c.preflight['change-size']).toMatchObject({
      enabled: true,
      'on-error': 'fail',
      'max-units': 5,
    });
    expect(c.preflight['diff-guard']!['debug-patterns']).toContain('\\bdebugger\\b');
  });

  test.each([
    [{ timezone: '+02:00' }, ['preflight', 'timezone'], /fixed UTC offset.*use the IANA zone/],
    [
      { 'branch-protection': { 'allow-unprotect': true } },
      ['preflight', 'branch-protection'],
      /allow-unprotect/,
    ],
    [{ findings: {} }, ['preflight', 'findings'], /sarif or json/],
    [
      { drift: { command: ['x'], compare: { staging: 'a', git: 'b' } } },
      ['preflight', 'drift'],
      /exactly one/,
    ],
    [
      { backup: { command: ['x'], 'max-age': '6 hours' } },
      ['preflight', 'backup', 'max-age'],
      /not a duration/,
    ],
    [{ override: { lifts: ['diff-guard'] } }, ['preflight', 'override', 'lifts', 0], /.*/],
  ])('refuses %j', (preflight, path, message) => {
    const r = promotionConfigSchema().safeParse({ preflight });
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path).toEqual(path);
    expect(issue.message + JSON.stringify(issue)).toMatch(message);
  });
});
