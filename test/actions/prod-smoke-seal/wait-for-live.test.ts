// smoke.wait-for-live: the seal waits until production serves the deployed SHA (platforms that
// deploy on push by themselves), from a version endpoint or the platform's GitHub deployment.
// Time is an injected clock whose sleep returns at once: the tests are driven by request counts.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { fixedClock, type Clock } from '@promote/core/clock';
import { memoryIO } from '@promote/core/io';
import { memoryLogger } from '@promote/core/logger';
import { run } from '../../../actions/prod-smoke-seal/src/main.js';
import { reportsSha, waitForLive } from '../../../actions/prod-smoke-seal/src/live.js';
import { prodConfig, startWorld, type World } from './world.js';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  const violations = [...world.emulator.contractViolations];
  await world.close();
  expect(violations).toEqual([]);
});

const OLD = '0123456789abcdef0123456789abcdef01234567';

/** A clock that advances only when slept on, and records each sleep. */
function recordingClock(onSleep?: (n: number) => Promise<void>) {
  const clock = fixedClock('2026-11-30T10:00:00Z');
  const sleeps: number[] = [];
  const recording: Clock = {
    now: clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      await onSleep?.(sleeps.length);
      await clock.sleep(ms);
    },
  };
  return { clock: recording, sleeps };
}

async function runAction(clock: Clock, inputs: Record<string, string> = {}) {
  const io = memoryIO({
    token: 'ghs_jobtoken1234567890',
    'deployment-id': String(world.deploymentId),
    ...inputs,
  });
  const logger = memoryLogger();
  await run(world.deps({ io, logger, clock }));
  return { io, log: logger.lines.join('\n') };
}

const versionRequests = () => world.prod.requests.filter((r) => r.path.startsWith('/version'));
const checkRequests = () => world.prod.requests.filter((r) => !r.path.startsWith('/version'));
const sealStatus = () =>
  world.emulator.state.statuses.filter(
    (s) => s.sha === world.sha && s.context === 'promote/smoke-seal',
  );

describe('waiting for a version endpoint to report the deployed SHA', () => {
  test('production switches to the new SHA on the 4th request: the checks run after it, the seal is green', async () => {
    const { clock, sleeps } = recordingClock();
    await world.writeConfig(
      prodConfig(world, {
        'wait-for-live': {
          path: `/version?old=${OLD}&new=${world.sha}&after=3`,
          'json-path': '$.commit',
          timeout: '5m',
          interval: '10s',
        },
      }),
    );
    const { io, log } = await runAction(clock);
    expect(io.failed).toBeUndefined();
    expect(io.outputs.seal).toBe('green');
    expect(versionRequests()).toHaveLength(4);
    // Backoff, not a busy loop: 10 s, then doubling up to 4x the interval.
    expect(sleeps).toEqual([10_000, 20_000, 40_000]);
    // The checks ran only once production served the new commit.
    const firstCheck = world.prod.requests.findIndex((r) => !r.path.startsWith('/version'));
    expect(firstCheck).toBe(4);
    expect(log).toContain(`Production serves ${world.sha.slice(0, 7)} after 1m 10s.`);
    const results = JSON.parse(io.outputs.results!) as {
      checks: { name: string; ok: boolean }[];
    };
    expect(results.checks.map((c) => [c.name, c.ok])).toEqual([
      ['live version', true],
      ['health', true],
      ['admin page', true],
    ]);
  });

  test('a regex over a text body, and a 7-character prefix of the SHA, count as live', async () => {
    const { clock } = recordingClock();
    await world.writeConfig(
      prodConfig(world, {
        'wait-for-live': {
          path: `/version?text=1&old=${OLD.slice(0, 7)}&new=${world.sha.slice(0, 7)}&after=1`,
          regex: 'commit: ([0-9a-f]+)',
          interval: '5s',
        },
      }),
    );
    const { io } = await runAction(clock);
    expect(io.outputs.seal).toBe('green');
    expect(versionRequests()).toHaveLength(2);
  });

  test('production never serves the SHA: a RED seal saying what it served instead, and no checks of the old version', async () => {
    const { clock, sleeps } = recordingClock();
    await world.writeConfig(
      prodConfig(world, {
        'wait-for-live': {
          path: `/version?old=${OLD}&new=${OLD}`,
          'json-path': '$.commit',
          timeout: '2m',
          interval: '10s',
        },
      }),
    );
    const { io, log } = await runAction(clock);
    const why = `production did not serve ${world.sha.slice(0, 7)} within 2m: it reported "${OLD}"`;
    expect(io.outputs.seal).toBe('red');
    expect(sealStatus().at(-1)?.state).toBe('failure');
    expect(sealStatus().at(-1)?.description).toBe(why.slice(0, 140));
    expect(world.emulator.state.deploymentStatuses.at(-1)?.state).toBe('failure');
    expect(log).toContain(`Smoke seal RED: ${why}`);
    // Bounded: polls at 0, 10, 30, 70, 110 s and once at the deadline; no sleep past it.
    expect(sleeps).toEqual([10_000, 20_000, 40_000, 40_000, 10_000]);
    expect(versionRequests()).toHaveLength(6);
    expect(checkRequests()).toHaveLength(0);
  });

  test('an endpoint that answers 503 the whole time is reported as such', async () => {
    const { clock } = recordingClock();
    await world.writeConfig(
      prodConfig(world, {
        'wait-for-live': { path: '/status/503', 'json-path': '$.commit', timeout: '30s' },
      }),
    );
    const { io } = await runAction(clock);
    expect(io.outputs.seal).toBe('red');
    expect(sealStatus().at(-1)?.description).toBe(
      `production did not serve ${world.sha.slice(0, 7)} within 30s: it reported status 503`,
    );
  });
});

describe("waiting for the platform's GitHub deployment of the SHA", () => {
  async function platformDeployment(environment: string, task = 'deploy') {
    const { data } = await world.gh.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'shop',
      ref: world.sha,
      environment,
      task,
      auto_merge: false,
      required_contexts: [],
    });
    return (data as { id: number }).id;
  }
  const postStatus = (id: number, state: 'in_progress' | 'success' | 'failure') =>
    world.gh.rest.repos.createDeploymentStatus({
      owner: 'acme',
      repo: 'shop',
      deployment_id: id,
      state,
    });

  test('the platform reports success after two polls: green, and the checks ran after it', async () => {
    const id = await platformDeployment('Production');
    await postStatus(id, 'in_progress');
    // The platform finishes while the seal waits for the second time.
    const { clock } = recordingClock(async (n) => {
      if (n === 2) await postStatus(id, 'success');
    });
    await world.writeConfig(
      prodConfig(world, {
        'wait-for-live': { deployment: { environment: 'Production' }, interval: '15s' },
      }),
    );
    const { io, log } = await runAction(clock);
    expect(io.failed).toBeUndefined();
    expect(io.outputs.seal).toBe('green');
    expect(log).toContain(
      `Poll 1: not yet ${world.sha.slice(0, 7)} (reported deployment #${id} of ${world.sha.slice(0, 7)}: in_progress)`,
    );
    expect(log).toContain(`Poll 3: serves ${world.sha.slice(0, 7)}`);
    expect(checkRequests().length).toBeGreaterThan(0);
  });

  test("Promote's own successful deployment does not count: red when the platform never deployed the SHA", async () => {
    // The world's deployment (deployment-id) is Promote's; give it a success and a migrate twin.
    await postStatus(world.deploymentId, 'success');
    const migrate = await platformDeployment('production', 'deploy:migrate');
    await postStatus(migrate, 'success');
    const { clock } = recordingClock();
    await world.writeConfig(
      prodConfig(world, {
        'wait-for-live': {
          deployment: { environment: 'production' },
          timeout: '1m',
          interval: '20s',
        },
      }),
    );
    const { io } = await runAction(clock);
    expect(io.outputs.seal).toBe('red');
    expect(sealStatus().at(-1)?.description).toBe(
      `production did not serve ${world.sha.slice(0, 7)} within 1m: it reported no deployment of ${world.sha.slice(0, 7)} to production`,
    );
    expect(checkRequests()).toHaveLength(0);
  });
});

describe('the wait itself', () => {
  test('a prefix of at least 7 hex digits of the SHA counts, anything else does not', () => {
    const sha = 'abcdef0123456789abcdef0123456789abcdef01';
    expect(reportsSha(sha, sha)).toBe(true);
    expect(reportsSha(' ABCDEF0\n', sha)).toBe(true);
    expect(reportsSha('abcdef', sha)).toBe(false);
    expect(reportsSha('abcdef1', sha)).toBe(false);
    expect(reportsSha('v1.2.3', sha)).toBe(false);
    expect(reportsSha('', sha)).toBe(false);
  });

  test('polls are bounded by the timeout whatever the probe says', async () => {
    const { clock, sleeps } = recordingClock();
    let polls = 0;
    const outcome = await waitForLive(
      async () => ({ live: false, seen: `poll ${++polls}` }),
      { timeoutMs: 600_000, timeoutText: '10m', intervalMs: 1_000 },
      { clock },
    );
    expect(outcome).toMatchObject({ live: false, seen: `poll ${polls}`, waitedMs: 600_000 });
    expect(polls).toBeLessThanOrEqual(600_000 / 1_000 + 1);
    expect(Math.max(...sleeps)).toBe(4_000);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(600_000);
  });
});

describe('a wait-for-live config that cannot work is refused before any request', () => {
  test.each([
    [
      'both an endpoint and a deployment',
      { path: '/version', 'json-path': '$.commit', deployment: { environment: 'Production' } },
      'wait-for-live needs exactly one of url, path (a version endpoint) or deployment: { environment }',
    ],
    [
      'an endpoint without json-path or regex',
      { path: '/version' },
      'wait-for-live with a version endpoint needs exactly one of json-path or regex',
    ],
    [
      'a busy loop',
      { path: '/version', regex: '[0-9a-f]+', interval: '10ms' },
      'smoke.wait-for-live.interval (10ms) must be at least 100ms',
    ],
  ])('%s', async (_what, waitForLiveConfig, message) => {
    await world.writeConfig(prodConfig(world, { 'wait-for-live': waitForLiveConfig }));
    const before = world.emulator.requests.length;
    const { io } = await runAction(recordingClock().clock);
    expect(io.failed).toContain(message);
    expect(world.prod.requests).toHaveLength(0);
    expect(world.emulator.requests.length).toBe(before);
  });
});
