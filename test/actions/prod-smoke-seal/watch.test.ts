import { describe, expect, test } from '@jest/globals';
import { fixedClock } from '@promote/core/clock';
import type { CheckResult } from '../../../actions/prod-smoke-seal/src/http-check.js';
import { runWatch, renderWatch } from '../../../actions/prod-smoke-seal/src/watch.js';
import { percentile, sparkline } from '../../../actions/prod-smoke-seal/src/stats.js';

const spec = {
  durationMs: 15 * 60_000,
  intervalMs: 60_000,
  maxErrorRate: 0.01,
  p95OverBaseline: 0.1,
};

function round(latencies: number[], failing: string[] = []): CheckResult[] {
  return latencies.map((ms, i) => ({
    name: `c${i}`,
    kind: 'http',
    ok: !failing.includes(`c${i}`),
    reason: '',
    target: '',
    latencyMs: ms,
    attempts: 1,
    history: [],
  }));
}

describe('the watch window after a deploy', () => {
  test('15 minutes at 1-minute intervals is 15 rounds, paced by the injected clock (no real waiting)', async () => {
    const clock = fixedClock('2026-11-22T23:00:00Z');
    const times: string[] = [];
    const outcome = await runWatch(
      spec,
      async () => {
        times.push(clock.now().toISOString().slice(11, 16));
        return round([100, 110, 120]);
      },
      { clock },
    );
    expect(outcome.rounds).toHaveLength(15);
    expect(times[0]).toBe('23:00');
    expect(times.at(-1)).toBe('23:14');
    expect(outcome.problems).toEqual([]);
  });

  test('an error rate above the limit seals red and says how many failed', async () => {
    let n = 0;
    const outcome = await runWatch(
      spec,
      async () => round([100, 100, 100, 100], n++ === 7 ? ['c2'] : []),
      { clock: fixedClock('2026-11-22T23:00:00Z') },
    );
    expect(outcome.problems).toEqual([
      'error rate 1.67% (1 of 60 checks failed) is above the 1% limit',
    ]);
    expect(outcome.rounds[7]?.failing).toEqual(['c2']);
  });

  test('p95 more than 10% over the pre-deploy baseline seals red; within 10% stays green', async () => {
    const slow = await runWatch(spec, async () => round([100, 200, 250]), {
      clock: fixedClock('2026-11-22T23:00:00Z'),
      baseline: { p95Ms: 200, source: 'baseline input' },
    });
    expect(slow.problems).toEqual([
      'p95 latency 250 ms is more than 10% above the baseline 200 ms (limit 220 ms)',
    ]);
    const fine = await runWatch(spec, async () => round([100, 200, 215]), {
      clock: fixedClock('2026-11-22T23:00:00Z'),
      baseline: { p95Ms: 200, source: 'baseline input' },
    });
    expect(fine.problems).toEqual([]);
  });

  test('without a baseline, p95 is shown but not judged', async () => {
    const outcome = await runWatch(
      { ...spec, durationMs: 3 * 60_000 },
      async () => round([100, 5000]),
      { clock: fixedClock('2026-11-22T23:00:00Z') },
    );
    expect(outcome.problems).toEqual([]);
    expect(renderWatch(outcome, spec)).toMatch(/no baseline given, so p95 is shown but not judged/);
  });

  test('the summary shows the series as sparklines and one row per round', async () => {
    let n = 0;
    const short = { ...spec, durationMs: 4 * 60_000 };
    const outcome = await runWatch(short, async () => round([100 * ++n]), {
      clock: fixedClock('2026-11-22T23:00:00Z'),
      baseline: { p95Ms: 500, source: 'smoke.watch.baseline' },
    });
    const md = renderWatch(outcome, short);
    expect(md).toContain('#### Watch window: 4 rounds every 1m over 4m');
    expect(md).toContain('p95    ▂▄▆█  max 400 ms');
    expect(md).toContain('| +0ms | 1 | 0 | 100 |');
    expect(md).toContain('| +3m | 1 | 0 | 400 |');
    expect(md).toContain('baseline p95 500 ms (smoke.watch.baseline), limit +10%');
  });

  test('percentile is nearest-rank and sparkline scales to the maximum', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
    expect(percentile([], 95)).toBeUndefined();
    expect(sparkline([0, 0])).toBe('▁▁');
    expect(sparkline([1, 8])).toBe('▁█');
  });
});
