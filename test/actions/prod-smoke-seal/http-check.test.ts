import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  startHttpFixtures,
  startSelfSignedHttpsFixtures,
  type FixtureServer,
} from '../../support/http-fixtures.js';
import { checkOnce } from './helpers.js';

let server: FixtureServer;
let tls: FixtureServer;
beforeAll(async () => {
  server = await startHttpFixtures();
  tls = await startSelfSignedHttpsFixtures();
});
afterAll(async () => {
  await server.close();
  await tls.close();
});

describe('an HTTP smoke check', () => {
  test('a healthy endpoint is green with its status and latency', async () => {
    const result = await checkOnce(server.url, {
      path: '/healthy',
      expect: {
        status: 200,
        'body-contains': 'ok',
        json: [
          { path: '$.status', equals: 'ok' },
          { path: '$.version', matches: '^1\\.' },
        ],
        headers: { 'x-app': 'promote', 'content-type': '/json/' },
      },
    });
    expect(result.ok).toBe(true);
    expect(result.status).toBe(200);
    expect(result.attempts).toBe(1);
    expect(result.reason).toMatch(/^200 in \d+ ms$/);
  });

  test('an endpoint slower than the per-attempt timeout is red with "timed out", after every attempt', async () => {
    const result = await checkOnce(
      server.url,
      { path: '/delay?ms=3000' },
      { timeouts: { attempt: '150ms', deadline: '1m' }, retries: { attempts: 2, backoff: '1s' } },
    );
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('timed out after 150 ms (2 attempts)');
    expect(result.history).toHaveLength(2);
  });

  test('a flaky endpoint (503 twice, then 200) is green after 3 attempts', async () => {
    const result = await checkOnce(server.url, { path: '/flaky?fails=2&key=green' });
    expect(result.ok).toBe(true);
    expect(result.attempts).toBe(3);
    expect(result.history.map((h) => h.status)).toEqual([503, 503, 200]);
    expect(result.reason).toMatch(/after 3 attempts/);
  });

  test('a flaky endpoint that needs more attempts than allowed is red, naming the status', async () => {
    const result = await checkOnce(server.url, {
      path: '/flaky?fails=5&key=red',
      retries: { attempts: 2 },
    });
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('status 503, expected 200 (2 attempts)');
    expect(result.attempts).toBe(2);
  });

  test('a status outside retry-on is not retried', async () => {
    const result = await checkOnce(server.url, { path: '/status/500' });
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(1);
    expect(result.reason).toBe('status 500, expected 200');
  });

  test('backoff never sleeps past the overall deadline', async () => {
    const result = await checkOnce(
      server.url,
      { path: '/status/503' },
      {
        retries: { attempts: 10, backoff: '20s', 'max-backoff': '1m' },
        timeouts: { attempt: '2s', deadline: '30s' },
      },
    );
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(2);
    expect(result.reason).toMatch(/deadline of 30000 ms reached after 2 attempts/);
  });

  test('wrong JSON is red and says which value was wrong', async () => {
    const result = await checkOnce(server.url, {
      path: '/wrong-json',
      expect: {
        json: [
          { path: '$.status', equals: 'ok' },
          { path: '$.version', exists: true },
        ],
      },
    });
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('$.status is "degraded", expected "ok"; $.version is missing');
    expect(result.attempts).toBe(1);
  });

  test('an HTML page where JSON was expected is red', async () => {
    const result = await checkOnce(server.url, {
      path: '/not-json',
      expect: { json: [{ path: '$.status', exists: true }] },
    });
    expect(result.reason).toMatch(/^body is not JSON/);
  });

  test('a status range and a body regex are honoured', async () => {
    expect(
      (await checkOnce(server.url, { path: '/status/204', expect: { status: '200-299' } })).ok,
    ).toBe(true);
    const wrongBody = await checkOnce(server.url, {
      path: '/healthy',
      expect: { 'body-regex': 'version":"2\\.' },
    });
    expect(wrongBody.reason).toBe('body does not match /version":"2\\./');
  });

  test('a redirect loop is red and shows the loop', async () => {
    const result = await checkOnce(server.url, { path: '/loop-a' });
    expect(result.ok).toBe(false);
    expect(result.reason).toBe(
      `redirect loop: ${server.url}/loop-a -> ${server.url}/loop-b -> ${server.url}/loop-a`,
    );
    expect(result.attempts).toBe(1);
  });

  test('redirects are followed up to the limit', async () => {
    expect((await checkOnce(server.url, { path: '/redirect?to=/healthy' })).ok).toBe(true);
    const limited = await checkOnce(
      server.url,
      { path: '/redirect?to=/healthy' },
      { redirects: 0 },
    );
    expect(limited.reason).toMatch(/^more than 0 redirects \(last to .*\/healthy\)/);
  });

  test('a hanging connection is red with a timeout, not a stuck job', async () => {
    const result = await checkOnce(
      server.url,
      { path: '/hang' },
      { timeouts: { attempt: '100ms', deadline: '1m' } },
    );
    expect(result.ok).toBe(false);
    expect(result.reason).toBe('timed out after 100 ms (3 attempts)');
  });

  test('a refused connection is red with the transport error', async () => {
    const result = await checkOnce(
      'http://127.0.0.1:1',
      { path: '/healthz' },
      { retries: { attempts: 1 } },
    );
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^ECONNREFUSED/);
  });

  test('the latency budget turns a slow-but-correct answer red', async () => {
    const result = await checkOnce(server.url, { path: '/delay?ms=300', 'latency-budget': '50ms' });
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^took \d+ ms, over the 50 ms budget$/);
  });

  test('HEAD checks work and never carry a body expectation', async () => {
    const result = await checkOnce(server.url, {
      path: '/healthy',
      method: 'HEAD',
      expect: { headers: { 'x-app': 'promote' } },
    });
    expect(result.ok).toBe(true);
    expect(server.requests.at(-1)?.method).toBe('HEAD');
  });

  test('a self-signed certificate is refused by default, with the fix in the reason', async () => {
    const result = await checkOnce(tls.url, { path: '/healthy' });
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(1);
    expect(result.reason).toMatch(
      /^TLS certificate rejected \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/,
    );
    expect(result.reason).toMatch(/set insecure-tls: true on this check/);
  });

  test('insecure-tls accepts the self-signed certificate for that check only', async () => {
    const [accepted, strict] = await Promise.all([
      checkOnce(tls.url, { path: '/healthy', 'insecure-tls': true }),
      checkOnce(tls.url, { path: '/healthy' }),
    ]);
    expect(accepted.ok).toBe(true);
    expect(strict.ok).toBe(false);
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
  });
});
