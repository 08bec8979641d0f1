import { fixedClock, memoryLogger } from '@promote/core';
import { createGitHubClient } from '@promote/core/github/client';
import { startEmulator, type Emulator } from '../../support/emulator/index.js';
import {
  acquireLock,
  flagNeedsRecovery,
  LockHeldError,
  markTouchingProduction,
  readLock,
  releaseLock,
  type LockOptions,
} from '../../../actions/migrate-with-rollback/src/lock.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ owner: 'acme', repo: 'shop' });
});
afterAll(async () => {
  await emu?.close();
});

let n = 0;
function options(
  runId: string,
  clock = fixedClock('2026-11-23T10:00:00Z'),
  extra: Partial<LockOptions> = {},
): LockOptions {
  const logger = memoryLogger();
  return {
    github: createGitHubClient({
      token: 'ghs_test',
      logger,
      baseUrl: emu.url,
      retry: { retries: 0 },
      throttle: { writeIntervalMs: 0 },
    }),
    repo: { owner: 'acme', repo: 'shop' },
    ref: `refs/promote-locks/env${n}`,
    clock,
    logger,
    ttlMs: 60 * 60_000,
    waitTimeoutMs: 30_000,
    pollMs: 5_000,
    me: {
      runId,
      runAttempt: '1',
      runUrl: `https://github.com/acme/shop/actions/runs/${runId}`,
      holder: 'deploy by octocat',
      environment: `env${n}`,
    },
    ...extra,
  };
}

beforeEach(() => {
  n++;
});

describe('the migration lock (an atomic ref through the API)', () => {
  test('a second run waits, then fails naming the holder run', async () => {
    const a = await acquireLock(options('111'));
    expect(a.holder.runId).toBe('111');
    const clock = fixedClock('2026-11-23T10:01:00Z');
    const error = await acquireLock(options('222', clock)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as Error).message).toMatch(
      /held by deploy by octocat \(https:\/\/github\.com\/acme\/shop\/actions\/runs\/111\).*waited 30 s/,
    );
    // It polled with the clock until the wait timeout, no real sleeping.
    expect(clock.now().toISOString()).toBe('2026-11-23T10:01:30.000Z');
  });

  test('the lock is acquired by the waiter once released', async () => {
    const first = options('111');
    await acquireLock(first);
    const clock = fixedClock('2026-11-23T10:01:00Z');
    let polls = 0;
    const sleepy = {
      now: clock.now,
      advance: clock.advance,
      sleep: async (ms: number) => {
        polls++;
        clock.advance(ms);
        if (polls === 2) await releaseLock(first, '111', '1');
      },
    };
    const waiting = options('222', sleepy);
    const got = await acquireLock(waiting);
    expect(got.holder.runId).toBe('222');
    expect(got.notes.join()).toMatch(/waited for .*runs\/111/);
  });

  test('a stale lock (past its expiry) is taken over and reported', async () => {
    await acquireLock(options('111', fixedClock('2026-11-23T08:00:00Z')));
    const got = await acquireLock(options('222', fixedClock('2026-11-23T10:00:00Z')));
    expect(got.notes.join()).toMatch(
      /took over a stale lock of .*runs\/111 \(expired 2026-11-23T09:00:00.000Z\)/,
    );
    expect((await readLock(options('x')))?.holder?.runId).toBe('222');
  });

  test('a needs-recovery lock is never taken over by a migration, even when expired; a rollback may', async () => {
    const o = options('111', fixedClock('2026-11-23T08:00:00Z'));
    const h = await acquireLock(o);
    expect(
      await flagNeedsRecovery(o, h, 'gh workflow run rollback.yml -f backup-id=b1', 'b1'),
    ).toBe(true);
    const later = fixedClock('2027-01-01T00:00:00Z');
    await expect(acquireLock(options('222', later))).rejects.toThrow(
      /flagged needs-recovery .*Recover first: gh workflow run rollback\.yml -f backup-id=b1/,
    );
    const rollback = await acquireLock(options('333', later, { recovering: true }));
    expect(rollback.notes.join()).toMatch(/needs-recovery lock of .*runs\/111/);
  });

  test('a lock that expired while its run was changing production (runner lost, no post step) is not taken over as stale', async () => {
    const o = options('111', fixedClock('2026-11-23T08:00:00Z'));
    const h = await acquireLock(o);
    expect(
      await markTouchingProduction(o, h, 'gh workflow run rollback.yml -f backup-id=b7', 'b7'),
    ).toBe(true);
    const later = fixedClock('2026-11-23T10:00:00Z');
    await expect(acquireLock(options('222', later))).rejects.toThrow(
      /was left by .*runs\/111, which died while changing production \(lock expired 2026-11-23T09:00:00.000Z, backup b7\).*Recover first: gh workflow run rollback\.yml -f backup-id=b7/,
    );
    // Still held by the dead run; the recovery (a rollback) may take it over.
    expect((await readLock(options('x')))?.holder?.runId).toBe('111');
    const rollback = await acquireLock(options('333', later, { recovering: true }));
    expect((await readLock(options('x')))?.holder?.runId).toBe('333');
    expect(rollback.notes.join()).toMatch(/runs\/111/);
  });

  test('release only frees a lock that is still ours', async () => {
    await acquireLock(options('111'));
    expect(await releaseLock(options('x'), '999', '1')).toBe('not-ours');
    expect(await readLock(options('x'))).toBeDefined();
    expect(await releaseLock(options('x'), '111', '1')).toBe('released');
    expect(await readLock(options('x'))).toBeUndefined();
    expect(await releaseLock(options('x'), '111', '1')).toBe('not-held');
  });

  test('two runs racing for the same free lock: exactly one wins', async () => {
    const results = await Promise.allSettled([
      acquireLock(options('111', fixedClock('2026-11-23T10:00:00Z'), { waitTimeoutMs: 0 })),
      acquireLock(options('222', fixedClock('2026-11-23T10:00:00Z'), { waitTimeoutMs: 0 })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });
});
