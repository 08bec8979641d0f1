import { describe, expect, test } from '@jest/globals';
import { promotionConfigSchema } from '@promote/core/config/schema';
import { ConfigurationError } from '@promote/core/errors';
import { plan } from './helpers.js';

function issues(smoke: unknown): string[] {
  const result = promotionConfigSchema().safeParse({ smoke });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the smoke: config section', () => {
  test('an empty file loads with safe defaults (GET, 3 attempts, TLS verified, concurrency 50)', () => {
    const config = promotionConfigSchema().parse({});
    expect(config.smoke.checks).toEqual([]);
    expect(config.smoke['insecure-tls']).toBe(false);
    expect(config.smoke.concurrency).toBe(50);
    expect(config.smoke.retries.attempts).toBe(3);
    expect(config.smoke.seal.context).toBe('promote/smoke-seal');
    expect(config.smoke['on-failure']).toBe('alert');
  });

  test.each(['POST', 'put', 'DELETE', 'PATCH'])(
    'a write method (%s) is refused: smoke checks are read-only',
    (method) => {
      expect(issues({ checks: [{ name: 'x', path: '/', method }] })).toEqual([
        `smoke.checks.0.method: method "${method.toUpperCase()}" is not allowed: smoke checks are read-only, use GET or HEAD`,
      ]);
    },
  );

  test('an invalid URL is named with the value', () => {
    expect(issues({ checks: [{ name: 'x', url: 'not a url' }] })).toEqual([
      'smoke.checks.0.url: url: "not a url" is not an absolute http(s) URL',
    ]);
    expect(issues({ 'base-url': 'ftp://example.com', checks: [] })[0]).toMatch(
      /smoke.base-url.*not an absolute http\(s\) URL/,
    );
  });

  test('a check needs exactly one of url or path, and unique names', () => {
    expect(issues({ checks: [{ name: 'x' }] })).toEqual([
      'smoke.checks.0: a check needs exactly one of url or path',
    ]);
    expect(
      issues({
        checks: [
          { name: 'x', path: '/a' },
          { name: 'x', path: '/b' },
        ],
      })[0],
    ).toMatch(/check name "x" is used twice/);
  });

  test('durations and statuses say what format they want', () => {
    expect(issues({ timeouts: { attempt: '10' } })[0]).toBe(
      'smoke.timeouts.attempt: has no unit; write "10s" or "10m" (units: ms, s, m, h, d, w)',
    );
    expect(issues({ checks: [{ name: 'x', path: '/', expect: { status: 'ok' } }] })[0]).toMatch(
      /use a code \(200\), a list/,
    );
  });
});

describe('planning the checks (before any request)', () => {
  test('no checks at all is a clear error', () => {
    expect(() => plan({})).toThrow(ConfigurationError);
    expect(() => plan({})).toThrow(/smoke.checks is empty: add at least one check/);
  });

  test('a path without a base URL says where to set one', () => {
    expect(() => plan({ checks: [{ name: 'h', path: '/healthz' }] })).toThrow(
      /smoke.checks\[0\].path \(\/healthz\) needs a base URL: set smoke.base-url or the base-url input/,
    );
  });

  test('the base-url input wins over the config and joins paths', () => {
    const { plan: p } = plan(
      { 'base-url': 'https://old.example', checks: [{ name: 'h', path: '/healthz' }] },
      {},
      'https://prod.example/',
    );
    expect(p.checks[0]?.url).toBe('https://prod.example/healthz');
    expect(() => plan({ checks: [{ name: 'h', path: '/' }] }, {}, 'javascript:alert(1)')).toThrow(
      /input base-url.*is not http\(s\)/,
    );
  });

  test('credentials in a URL are refused in favour of masked basic-auth', () => {
    expect(() => plan({ checks: [{ name: 'h', url: 'https://u:p@prod.example/' }] })).toThrow(
      /credentials in its URL; use basic-auth/,
    );
  });

  test('a secret header whose env var is missing is an error naming the variable', () => {
    expect(() =>
      plan({
        'base-url': 'https://p.example',
        checks: [
          {
            name: 'h',
            path: '/',
            headers: { Authorization: { env: 'SMOKE_TOKEN', format: 'Bearer {value}' } },
          },
        ],
      }),
    ).toThrow(/reads SMOKE_TOKEN, which is not set/);
  });

  test('secret headers and basic auth are registered with every derived form before any request', () => {
    const token = 'tok-3f9a8b7c6d5e';
    const { plan: p, logger } = plan(
      {
        'base-url': 'https://p.example',
        checks: [
          {
            name: 'bearer',
            path: '/',
            headers: { Authorization: { env: 'SMOKE_TOKEN', format: 'Bearer {value}' } },
          },
          {
            name: 'basic',
            path: '/',
            'basic-auth': { 'user-env': 'SMOKE_USER', 'password-env': 'SMOKE_PASS' },
          },
        ],
      },
      { SMOKE_TOKEN: token, SMOKE_USER: 'robot', SMOKE_PASS: 'pa ss/w:rd"x' },
    );
    expect(p.checks[0]?.headers.Authorization).toBe(`Bearer ${token}`);
    const basic = Buffer.from('robot:pa ss/w:rd"x').toString('base64');
    expect(p.checks[1]?.headers.Authorization).toBe(`Basic ${basic}`);
    for (const form of [
      token,
      `Bearer ${token}`,
      Buffer.from(token).toString('base64'),
      basic,
      encodeURIComponent('pa ss/w:rd"x'),
      'pa ss/w:rd\\"x',
    ]) {
      expect(logger.secrets).toContain(form);
    }
  });

  test('HEAD with a body expectation is refused', () => {
    expect(() =>
      plan({
        'base-url': 'https://p.example',
        checks: [{ name: 'h', path: '/', method: 'HEAD', expect: { 'body-contains': 'ok' } }],
      }),
    ).toThrow(/uses HEAD, which has no body/);
  });

  test('an invalid regex is named', () => {
    expect(() =>
      plan({
        'base-url': 'https://p.example',
        checks: [{ name: 'h', path: '/', expect: { 'body-regex': '(' } }],
      }),
    ).toThrow(/expect.body-regex: "\(" is not a valid regular expression/);
  });

  test('per-check retries and timeouts override the section', () => {
    const { plan: p } = plan({
      'base-url': 'https://p.example',
      retries: { attempts: 5 },
      checks: [{ name: 'h', path: '/', retries: { attempts: 1 }, timeouts: { attempt: '500ms' } }],
    });
    expect(p.checks[0]).toMatchObject({
      attempts: 1,
      attemptTimeoutMs: 500,
      deadlineMs: 120_000,
      retryOn: [429, 502, 503, 504],
      insecureTls: false,
      maxRedirects: 5,
    });
  });

  // Issue #17: smoke had its own duration rule (one unit only); it takes the config's one type.
  test('durations are the config-wide type: compound 1h30m, 1m30s and 1s500ms plan to their milliseconds', () => {
    const { plan: p } = plan({
      'base-url': 'https://p.example',
      retries: { backoff: '1s500ms', 'max-backoff': '1m30s' },
      timeouts: { attempt: '45s', deadline: '1h30m' },
      watch: { duration: '1h30m', interval: '2m30s' },
      checks: [{ name: 'h', path: '/' }],
    });
    expect(p.checks[0]).toMatchObject({
      backoffMs: 1_500,
      maxBackoffMs: 90_000,
      attemptTimeoutMs: 45_000,
      deadlineMs: 5_400_000,
    });
    expect(p.watch).toMatchObject({ durationMs: 5_400_000, intervalMs: 150_000 });
  });

  test('a bare number is refused, not read as milliseconds: 30 could mean seconds or minutes', () => {
    expect(issues({ timeouts: { deadline: 30 } })).toEqual([
      'smoke.timeouts.deadline: has no unit; write "30s" or "30m" (units: ms, s, m, h, d, w)',
    ]);
  });
});
