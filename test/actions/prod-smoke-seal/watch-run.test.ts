import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { fixedClock } from '@promote/core/clock';
import { memoryIO } from '@promote/core/io';
import { memoryLogger } from '@promote/core/logger';
import { run } from '../../../actions/prod-smoke-seal/src/main.js';
import { parseBaseline } from '../../../actions/prod-smoke-seal/src/inputs.js';
import { prodConfig, startWorld, type World } from './world.js';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(() => world.close());

async function runAction(inputs: Record<string, string>) {
  const io = memoryIO({ token: 'ghs_jobtoken1234567890', ...inputs });
  const logger = memoryLogger();
  // The watch window sleeps on this clock: 15 minutes pass without a real wait.
  await run(world.deps({ io, logger, clock: fixedClock('2026-11-22T23:00:00Z') }));
  return { io, log: logger.lines.join('\n') };
}

describe('the watch window through the action', () => {
  const watch = {
    duration: '15m',
    interval: '1m',
    'max-error-rate': '1%',
    'p95-over-baseline': '10%',
  };

  test('a baseline run before the deploy, then a watched seal judged against it', async () => {
    await world.writeConfig(prodConfig(world, { watch }, [{ name: 'health', path: '/healthy' }]));
    const before = await runAction({ mode: 'baseline' });
    expect(world.emulator.state.statuses).toHaveLength(0);
    const baseline = JSON.parse(before.io.outputs.results!) as { 'p95-ms': number };
    expect(typeof baseline['p95-ms']).toBe('number');
    // The results output is itself a valid `baseline` input.
    expect(parseBaseline(before.io.outputs.results!)).toEqual({ p95Ms: baseline['p95-ms'] });

    const after = await runAction({ baseline: JSON.stringify({ 'p95-ms': 5000 }) });
    expect(after.io.outputs.seal).toBe('green');
    // One baseline request, then 15 rounds (the first round is the seal's own check).
    expect(world.prod.requests.filter((r) => r.path === '/healthy')).toHaveLength(1 + 15);
    expect(after.io.summary).toContain('#### Watch window: 15 rounds every 1m over 15m');
    expect(after.io.summary).toContain('baseline p95 5000 ms (baseline input), limit +10%');
    expect(after.io.summary).toContain('| +14m | 1 | 0 |');
  });

  test('a production slower than its pre-deploy baseline seals red with the p95 reason', async () => {
    await world.writeConfig(
      prodConfig(world, { watch }, [{ name: 'search', path: '/delay?ms=40' }]),
    );
    const { io } = await runAction({ baseline: '{"p95-ms": 1}' });
    expect(io.outputs.seal).toBe('red');
    expect(world.emulator.state.statuses.at(-1)?.description).toMatch(
      /^watch window: p95 latency \d+ ms is more than 10% above the baseline 1 ms \(limit 1 ms\)$/,
    );
  });

  test('errors during the window above the limit seal red even if the first round was green', async () => {
    // 503 from the 3rd request on: the first round passes, later rounds fail.
    await world.writeConfig(
      prodConfig(world, { watch, retries: { attempts: 1 } }, [
        { name: 'checkout', path: '/flaky?fails=0&key=w' },
        { name: 'cart', path: '/status/503' },
      ]),
    );
    const { io } = await runAction({});
    expect(io.outputs.seal).toBe('red');
    const results = JSON.parse(io.outputs.results!) as {
      watch: { 'error-rate': number; problems: string[] };
    };
    expect(results.watch['error-rate']).toBeCloseTo(0.5);
    expect(results.watch.problems[0]).toBe(
      'error rate 50% (15 of 30 checks failed) is above the 1% limit',
    );
  });

  test('watch: false skips a configured window (a hotfix)', async () => {
    await world.writeConfig(prodConfig(world, { watch }, [{ name: 'health', path: '/healthy' }]));
    const { io } = await runAction({ watch: 'false' });
    expect(io.outputs.seal).toBe('green');
    expect(world.prod.requests).toHaveLength(1);
    expect(io.summary).not.toContain('Watch window');
  });
});
