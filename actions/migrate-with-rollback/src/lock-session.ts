import type { RunContext } from '@promote/core/context';
import type { GitHubClient } from '@promote/core/github/client';
import type { Deps } from './deps.js';
import {
  acquireLock,
  clearTouchingProduction,
  flagNeedsRecovery,
  markTouchingProduction,
  releaseLock,
  type LockHandle,
  type LockOptions,
} from './lock.js';
import type { MigratePlan } from './plan.js';

/** Saved for the post step, which frees (or flags) the lock if the main step died. */
export type Phase = 'locked' | 'touching-production' | 'done';

export interface LockSession {
  handle: LockHandle;
  options: LockOptions;
  setPhase(phase: Phase): void;
  flag(reason: string): Promise<void>;
  /** Before production changes: a lock left in this state is never taken over as stale. */
  markTouchingProduction(): Promise<void>;
  release(): Promise<string>;
}

export async function holdLock(
  deps: Deps,
  ctx: RunContext,
  github: GitHubClient,
  plan: MigratePlan,
  recovering: boolean,
  signal?: AbortSignal,
): Promise<LockSession> {
  const options: LockOptions = {
    github,
    repo: { owner: ctx.owner, repo: ctx.repo },
    ref: plan.lock.ref,
    clock: deps.clock,
    logger: deps.logger,
    ttlMs: plan.lock.ttlMs,
    waitTimeoutMs: plan.lock.waitTimeoutMs,
    pollMs: plan.lock.pollMs,
    recovering,
    signal,
    me: {
      runId: ctx.runId,
      runAttempt: ctx.runAttempt,
      runUrl: ctx.runUrl,
      holder: `${ctx.workflow || 'workflow'} by ${ctx.actor || 'unknown'}`,
      environment: plan.environment,
      backupId: plan.backupId,
    },
  };
  const handle = await acquireLock(options);
  deps.io.saveState('lock-ref', plan.lock.ref);
  deps.io.saveState('run-id', ctx.runId);
  deps.io.saveState('run-attempt', ctx.runAttempt);
  deps.io.saveState('rollback-command', plan.rollbackCommand);
  deps.io.saveState('backup-id', plan.backupId);
  deps.io.saveState('phase', 'locked');
  let flagged = false;
  return {
    handle,
    options,
    setPhase: (phase) => deps.io.saveState('phase', phase),
    async flag(reason) {
      if (flagged) return;
      flagged = await flagNeedsRecovery(options, handle, plan.rollbackCommand, plan.backupId);
      deps.logger.warning(
        `Lock ${plan.lock.ref} flagged needs-recovery (${reason}) until the restore is verified.`,
      );
    },
    async markTouchingProduction() {
      try {
        await markTouchingProduction(options, handle, plan.rollbackCommand, plan.backupId);
      } catch (error) {
        // The post step stays the safety net; failing here would stop a deploy for a lock note.
        deps.logger.warning(
          `Could not mark lock ${plan.lock.ref} as changing production (${(error as Error).message}); if this job dies without its post step, recover with: ${plan.rollbackCommand}`,
        );
      }
    },
    async release() {
      let result;
      try {
        result = await releaseLock(options, ctx.runId, ctx.runAttempt, {
          evenIfNeedsRecovery: true,
        });
      } catch (error) {
        // Production is consistent; only the delete failed. An unmarked lock expires into an
        // ordinary stale one that the re-run takes over (found by the crash matrix).
        if (handle.holder.touchingProduction && !handle.holder.needsRecovery)
          await clearTouchingProduction(options, handle).catch(() => false);
        throw error;
      }
      deps.io.saveState('phase', 'done');
      return result;
    },
  };
}
