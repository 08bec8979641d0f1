import type { Clock } from '@promote/core/clock';
import type { Logger } from '@promote/core/logger';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { hasStatus } from '@promote/core/github/request-errors';

/** What the lock ref's commit says about who holds it (JSON after the first message line). */
export interface LockHolder {
  runId: string;
  runAttempt: string;
  runUrl: string;
  holder: string;
  environment: string;
  acquiredAt: string;
  expiresAt: string;
  backupId?: string;
  /** Set when a cancelled run could not restore: nobody may migrate until someone recovers. */
  needsRecovery?: boolean;
  recoveryCommand?: string;
  /**
   * Set when the holder starts changing production (after its backup is verified). A lock that
   * expires in this state was left by a run that died mid-change with no post step (a lost
   * runner): it is never taken over as merely stale.
   */
  touchingProduction?: boolean;
}

export interface LockHandle {
  ref: string;
  sha: string;
  holder: LockHolder;
  /** Reported facts: waited, took over a stale lock, ... */
  notes: string[];
}

export class LockHeldError extends Error {
  constructor(
    message: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(message);
  }
}

export interface LockOptions {
  github: GitHubClient;
  repo: RepoRef;
  ref: string;
  clock: Clock;
  logger: Logger;
  ttlMs: number;
  waitTimeoutMs: number;
  pollMs: number;
  me: Omit<LockHolder, 'acquiredAt' | 'expiresAt'>;
  /** Manual rollback may take over a needs-recovery lock: it is the recovery. */
  recovering?: boolean;
  /** Cancelled while waiting: stop waiting (nothing is held yet). */
  signal?: AbortSignal;
}

const short = (ref: string) => ref.replace(/^refs\//, '');

async function writeLockCommit(
  o: LockOptions,
  holder: LockHolder,
  parent?: string,
): Promise<string> {
  const body = JSON.stringify(holder, null, 2);
  const { data: tree } = await o.github.rest.git.createTree({
    ...o.repo,
    tree: [{ path: 'lock.json', mode: '100644', type: 'blob', content: `${body}\n` }],
  });
  const { data: commit } = await o.github.rest.git.createCommit({
    ...o.repo,
    tree: tree.sha,
    parents: parent ? [parent] : [],
    message: `promote lock: ${holder.environment} held by ${holder.runUrl}\n\n${body}\n`,
  });
  return commit.sha;
}

export function parseHolder(message: string): LockHolder | undefined {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  try {
    return JSON.parse(message.slice(start)) as LockHolder;
  } catch {
    return undefined;
  }
}

export async function readLock(
  o: Pick<LockOptions, 'github' | 'repo' | 'ref'>,
): Promise<{ sha: string; holder: LockHolder | undefined } | undefined> {
  try {
    const { data } = await o.github.rest.git.getRef({ ...o.repo, ref: short(o.ref) });
    const { data: commit } = await o.github.rest.git.getCommit({
      ...o.repo,
      commit_sha: data.object.sha,
    });
    return { sha: data.object.sha, holder: parseHolder(commit.message) };
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

function holderFor(o: LockOptions): LockHolder {
  const now = o.clock.now();
  return {
    ...o.me,
    acquiredAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + o.ttlMs).toISOString(),
  };
}

/** Move the ref from `from` to a new lock commit; false if someone moved it first (not a fast-forward). */
async function swapLock(
  o: LockOptions,
  from: string,
  holder: LockHolder,
): Promise<string | undefined> {
  const sha = await writeLockCommit(o, holder, from);
  try {
    await o.github.rest.git.updateRef({ ...o.repo, ref: short(o.ref), sha, force: false });
    return sha;
  } catch (error) {
    if (hasStatus(error, 422)) return undefined;
    throw error;
  }
}

/**
 * One migration per environment, across runs and runners: POST git/refs is atomic (422 when
 * the ref exists). A stale lock (past expiry) is taken over with a fast-forward-only update, so
 * two runs racing for the same stale lock cannot both win. A lock flagged needs-recovery is
 * never taken over silently: a killed job's lock blocked every later deploy in Liquibase,
 * Prisma, Flyway and Helm, but a half-restored database must not be migrated either.
 */
export async function acquireLock(o: LockOptions): Promise<LockHandle> {
  const notes: string[] = [];
  const deadline = o.clock.now().getTime() + o.waitTimeoutMs;
  let announced = false;
  for (;;) {
    const holder = holderFor(o);
    const sha = await writeLockCommit(o, holder);
    try {
      await o.github.rest.git.createRef({ ...o.repo, ref: o.ref, sha });
      o.logger.info(`Lock ${o.ref} acquired (expires ${holder.expiresAt}).`);
      return { ref: o.ref, sha, holder, notes };
    } catch (error) {
      if (!hasStatus(error, 422)) throw error;
    }
    const current = await readLock(o);
    if (!current) continue; // released between our create and read: try again at once
    const other = current.holder;
    const sameRun = other?.runId === o.me.runId;
    const now = o.clock.now();
    if (other?.needsRecovery && !o.recovering) {
      throw new LockHeldError(
        `${o.ref} is flagged needs-recovery by ${other.runUrl} (backup ${other.backupId ?? 'unknown'}): production may be half-migrated. ` +
          `Recover first: ${other.recoveryCommand ?? 'run the rollback workflow with that backup-id'}`,
        other,
      );
    }
    const stale = !other || new Date(other.expiresAt).getTime() <= now.getTime();
    if ((stale || sameRun) && other?.touchingProduction && !o.recovering) {
      throw new LockHeldError(
        `${o.ref} was left by ${other.runUrl}, which died while changing production (lock expired ${other.expiresAt}, backup ${other.backupId ?? 'unknown'}): production may be half-migrated. ` +
          `Recover first: ${other.recoveryCommand ?? 'run the rollback workflow with that backup-id'}`,
        other,
      );
    }
    if (stale || sameRun || (other?.needsRecovery && o.recovering)) {
      const why = !other
        ? 'an unreadable lock'
        : sameRun
          ? `the lock of an earlier attempt of this run (${other.runUrl})`
          : other.needsRecovery
            ? `the needs-recovery lock of ${other.runUrl} (this rollback is the recovery)`
            : `a stale lock of ${other.runUrl} (expired ${other.expiresAt})`;
      const fresh = holderFor(o);
      const swapped = await swapLock(o, current.sha, fresh);
      if (swapped) {
        notes.push(`took over ${why}`);
        o.logger.warning(`Lock ${o.ref}: took over ${why}.`);
        return { ref: o.ref, sha: swapped, holder: fresh, notes };
      }
      continue; // someone else moved it first; look again
    }
    if (o.signal?.aborted) {
      throw new LockHeldError(
        `cancelled while waiting for ${o.ref} (held by ${other?.runUrl ?? 'another run'}); production was not touched`,
        other,
      );
    }
    if (now.getTime() >= deadline) {
      throw new LockHeldError(
        `${o.ref} is held by ${other?.holder ?? 'another run'} (${other?.runUrl ?? 'unknown run'}) since ${other?.acquiredAt ?? '?'}, ` +
          `expiring ${other?.expiresAt ?? '?'}; waited ${Math.round(o.waitTimeoutMs / 1000)} s. Re-run when it finishes.`,
        other,
      );
    }
    if (!announced) {
      o.logger.info(
        `Lock ${o.ref} is held by ${other?.runUrl}; waiting up to ${Math.round(o.waitTimeoutMs / 1000)} s.`,
      );
      notes.push(`waited for ${other?.runUrl}`);
      announced = true;
    }
    await o.clock.sleep(Math.min(o.pollMs, Math.max(0, deadline - now.getTime())));
  }
}

/** Record on the held lock that production is being changed (see LockHolder.touchingProduction). */
export async function markTouchingProduction(
  o: LockOptions,
  handle: LockHandle,
  recoveryCommand: string,
  backupId: string,
): Promise<boolean> {
  const holder: LockHolder = {
    ...handle.holder,
    touchingProduction: true,
    recoveryCommand,
    backupId,
  };
  return rewriteHolder(o, handle, holder);
}

/**
 * Production is consistent again (migrated, or restored and verified) but the lock could not be
 * deleted: unmark it, so once expired it is an ordinary stale lock, not one "left mid-change".
 */
export async function clearTouchingProduction(
  o: LockOptions,
  handle: LockHandle,
): Promise<boolean> {
  const holder: LockHolder = { ...handle.holder, touchingProduction: false };
  return rewriteHolder(o, handle, holder);
}

/** Flag the held lock needs-recovery (kept after the run ends) with the exact recovery command. */
export async function flagNeedsRecovery(
  o: LockOptions,
  handle: LockHandle,
  recoveryCommand: string,
  backupId: string,
): Promise<boolean> {
  const holder: LockHolder = {
    ...handle.holder,
    needsRecovery: true,
    recoveryCommand,
    backupId,
    expiresAt: '9999-12-31T00:00:00.000Z',
  };
  return rewriteHolder(o, handle, holder);
}

/** Release only if the lock is still ours (a post step after a takeover must not free another's lock). */
export async function releaseLock(
  o: Pick<LockOptions, 'github' | 'repo' | 'ref' | 'logger'>,
  runId: string,
  runAttempt: string,
  options: { evenIfNeedsRecovery?: boolean } = {},
): Promise<'released' | 'not-held' | 'not-ours' | 'kept-needs-recovery'> {
  const current = await readLock(o);
  if (!current) return 'not-held';
  if (current.holder?.runId !== runId || current.holder?.runAttempt !== runAttempt) {
    o.logger.info(
      `Lock ${o.ref} is held by ${current.holder?.runUrl ?? 'someone else'}; not ours to release.`,
    );
    return 'not-ours';
  }
  if (current.holder.needsRecovery && !options.evenIfNeedsRecovery) return 'kept-needs-recovery';
  try {
    await o.github.rest.git.deleteRef({ ...o.repo, ref: short(o.ref) });
  } catch (error) {
    if (!hasStatus(error, 422) && !hasStatus(error, 404)) throw error;
  }
  o.logger.info(`Lock ${o.ref} released.`);
  return 'released';
}

/** Swap the held lock's record for `holder`; the handle follows only when the swap landed. */
async function rewriteHolder(
  o: LockOptions,
  handle: LockHandle,
  holder: LockHolder,
): Promise<boolean> {
  const sha = await swapLock(o, handle.sha, holder);
  if (sha) {
    handle.sha = sha;
    handle.holder = holder;
  }
  return Boolean(sha);
}
