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

  test('mapLimit keeps the limit full, never exceeds it, and returns results in input order', async () => {
    const items = [5, 1, 4, 2, 3, 0];
    const gates = items.map(() => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });
    const started: number[] = [];
    const finished = new Set<number>();
    const running = () => started.filter((i) => !finished.has(i));
    const out = mapLimit(items, 2, async (n, i) => {
      started.push(i);
      await gates[i]!.promise;
      finished.add(i);
      return n * 10;
    });
    // Let the most recently started task finish first, so completion order is not input order.
    // setImmediate runs after every pending promise callback: no timer decides anything here.
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(running()).toHaveLength(Math.min(2, items.length - finished.size));
      if (finished.size === items.length) break;
      gates[running().at(-1)!]!.resolve();
    }
    expect(await out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
