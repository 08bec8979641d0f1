import { createGitHubClient } from '@promote/core/github/client';
import { ConfigurationError } from '@promote/core/errors';
import { memoryLogger } from '@promote/core/logger';
import { rawLogger } from '../../support/raw-logger.js';
import { TOKEN, fastClient, startWorld, stopWorld, type World } from './world.js';

let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(async () => stopWorld(w));

describe('the GitHub client', () => {
  test('GITHUB_API_URL decides where requests go (a GitHub Enterprise Server /api/v3 URL works)', async () => {
    const gh = createGitHubClient({
      token: TOKEN,
      logger: memoryLogger(),
      env: { GITHUB_API_URL: `${w.emu.url}/api/v3/` },
    });
    const res = await gh.rest.repos.get(w.repo);
    expect(res.url).toBe(`${w.emu.url}/api/v3/repos/acme/shop`);
    expect(res.data.full_name).toBe('acme/shop');
    expect(w.emu.countRequests({ operationId: 'repos/get' })).toBe(1);
  });

  test('a 5xx is retried and the call succeeds', async () => {
    w.emu.faults.inject({ operationId: 'repos/get', kind: '5xx', status: 502, times: 2 });
    const { data } = await w.gh.rest.repos.get(w.repo);
    expect(data.name).toBe('shop');
    expect(w.emu.countRequests({ operationId: 'repos/get' })).toBe(3);
  });

  test('a reset connection is retried', async () => {
    w.emu.faults.inject({ operationId: 'repos/get', kind: 'reset' });
    const { data } = await w.gh.rest.repos.get(w.repo);
    expect(data.name).toBe('shop');
    expect(w.emu.countRequests({ operationId: 'repos/get' })).toBe(2);
  });

  test('a secondary rate limit is waited out (Retry-After) with a warning in the log', async () => {
    w.emu.faults.inject({ operationId: 'repos/get', kind: 'secondary-rate-limit' });
    const { data } = await w.gh.rest.repos.get(w.repo);
    expect(data.name).toBe('shop');
    expect(w.emu.countRequests({ operationId: 'repos/get' })).toBe(2);
    expect(w.logger.lines).toContainEqual(
      expect.stringMatching(
        /^::warning::GitHub secondary rate limit hit on GET \/repos\/\{owner\}\/\{repo\}; retrying after 1 s \(retry 1 of 3\)\.$/,
      ),
    );
  });

  test('a rate limit that does not lift fails after a bounded number of retries', async () => {
    w.emu.faults.inject({ operationId: 'repos/get', kind: 'secondary-rate-limit', times: 10 });
    const gh = fastClient(w.emu, w.logger, {
      throttle: { maxRetries: 2, retryAfterBaseMs: 1, writeIntervalMs: 0 },
    });
    await expect(gh.rest.repos.get(w.repo)).rejects.toMatchObject({ status: 403 });
    expect(w.emu.countRequests({ operationId: 'repos/get' })).toBe(3);
    expect(w.logger.lines).toContainEqual(expect.stringMatching(/giving up after 2 retries/));
    w.emu.faults.clear();
  });

  test('a response slower than the timeout fails instead of hanging, and is retried', async () => {
    // The slow responses are held until the end: only the client's own timeout can end them.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    try {
      const noRetry = fastClient(w.emu, w.logger, { timeoutMs: 150, retry: { retries: 0 } });
      w.emu.faults.inject({ operationId: 'repos/get', kind: 'slow', until: held });
      await expect(noRetry.rest.repos.get(w.repo)).rejects.toThrow(
        /no complete response within 150 ms from .*\/repos\/acme\/shop/,
      );

      // The retry is answered at once; on a loaded machine it may itself outlast the timeout and
      // be retried again, which is also right: what matters is that the held attempt was given
      // up and a later one answered.
      const withRetry = fastClient(w.emu, w.logger, { timeoutMs: 3_000 });
      w.emu.faults.inject({ operationId: 'repos/get', kind: 'slow', until: held });
      const { data } = await withRetry.rest.repos.get(w.repo);
      expect(data.name).toBe('shop');
      expect(w.emu.countRequests({ operationId: 'repos/get' })).toBeGreaterThanOrEqual(3);
    } finally {
      release();
    }
  });

  test('the token is registered as a secret and never written to the log', async () => {
    // As written, before the runner masks the registered token: no log line holds it at all.
    const logger = rawLogger();
    const gh = fastClient(w.emu, logger);
    w.emu.faults.inject({ operationId: 'repos/get', kind: '5xx' });
    await gh.rest.repos.get(w.repo);
    expect(logger.secrets).toContain(TOKEN);
    expect(logger.printed).not.toContain(TOKEN);
    expect(w.emu.requests[0]?.token).toBe(TOKEN);
  });

  test('no token is a configuration error that says what to pass', () => {
    expect(() => createGitHubClient({ token: '', logger: memoryLogger(), env: {} })).toThrow(
      ConfigurationError,
    );
    expect(() => createGitHubClient({ token: '', logger: memoryLogger(), env: {} })).toThrow(
      /No GitHub token: pass the `token` input/,
    );
  });

  test('a bad tunable is named', () => {
    expect(() =>
      createGitHubClient({
        token: TOKEN,
        logger: memoryLogger(),
        env: { PROMOTE_GITHUB_TIMEOUT_MS: 'soon' },
      }),
    ).toThrow('PROMOTE_GITHUB_TIMEOUT_MS: "soon" is not a non-negative number of milliseconds.');
  });
});
