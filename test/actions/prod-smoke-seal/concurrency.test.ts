import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { systemClock } from '@promote/core/clock';
import { startHttpFixtures, type FixtureServer } from '../../support/http-fixtures.js';
import { mapLimit } from '../../../actions/prod-smoke-seal/src/concurrency.js';
import { runHttpCheck } from '../../../actions/prod-smoke-seal/src/http-check.js';
import { plan } from './helpers.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startHttpFixtures();
});
afterAll(() => server.close());

/** 50 checks of an endpoint that answers only when `gather` of them are in flight at once. */
function fiftyGatheredChecks(gather: number, concurrency?: number) {
  return plan({
    'base-url': server.url,
    ...(concurrency === undefined ? {} : { concurrency }),
    checks: Array.from({ length: 50 }, (_, i) => ({
      name: `endpoint-${i}`,
      path: `/gather?n=${gather}&i=${i}`,
    })),
  });
}

describe('checks run concurrently with a limit', () => {
  test('50 checks keep the configured 10 in flight at the server, never more', async () => {
    server.resetCounters();
    // Answered ten at a time: each round needs ten in flight, and an eleventh would show.
    const { plan: p, masker } = fiftyGatheredChecks(10, 10);
    const results = await mapLimit(p.checks, p.concurrency, (spec) =>
      runHttpCheck(spec, { clock: systemClock, mask: masker.mask }),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.map((r) => r.name)).toEqual(p.checks.map((c) => c.name));
    expect(server.requests).toHaveLength(50);
    expect(server.maxInFlight).toBe(10);
  });

  test('by default all 50 are in flight at once (one round of latency, not fifty)', async () => {
    server.resetCounters();
    // Nothing is answered until all 50 are in flight: no timing decides this.
    const { plan: p, masker } = fiftyGatheredChecks(50);
    await mapLimit(p.checks, p.concurrency, (spec) =>
      runHttpCheck(spec, { clock: systemClock, mask: masker.mask }),
    );
    expect(server.maxInFlight).toBe(50);
  });

  test('mapLimit keeps input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let max = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(max).toBe(2);
  });
});
