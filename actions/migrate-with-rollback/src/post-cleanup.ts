import { runMain } from '@promote/core/action';
import { defaultDeps, type Deps } from './deps.js';
import { releaseLock, readLock, flagNeedsRecovery } from './lock.js';
import { readRunContext } from '@promote/core/context';
import { getOptionalInput } from '@promote/core/inputs';

/**
 * The post step (runs even when the main step failed or was cancelled): the safety net for the
 * lock. Released if still ours and production was not being touched; if the main step died
 * while production was being changed, the lock is flagged needs-recovery instead, and the
 * summary says exactly how to recover: never silent.
 */
export async function runPost(deps: Deps): Promise<void> {
  const ref = deps.io.getState('lock-ref');
  if (!ref) return; // never took the lock (skipped, dry run, failed early)
  const phase = deps.io.getState('phase');
  if (phase === 'done') return;
  const runId = deps.io.getState('run-id');
  const runAttempt = deps.io.getState('run-attempt');
  const recovery = deps.io.getState('rollback-command');
  const backupId = deps.io.getState('backup-id');
  const token = getOptionalInput(deps.io, 'token') ?? '';
  const ctx = readRunContext(deps.env);
  const github = deps.github(token);
  const o = { github, repo: { owner: ctx.owner, repo: ctx.repo }, ref, logger: deps.logger };
  if (phase === 'touching-production') {
    const current = await readLock(o);
    if (
      !current?.holder ||
      current.holder.runId !== runId ||
      current.holder.runAttempt !== runAttempt
    )
      return;
    if (!current.holder.needsRecovery) {
      await flagNeedsRecovery(
        { ...o, clock: deps.clock, ttlMs: 0, waitTimeoutMs: 0, pollMs: 0, me: current.holder },
        { ref, sha: current.sha, holder: current.holder, notes: [] },
        recovery,
        backupId,
      );
    }
    deps.logger.error(
      `The migration step ended while changing production; lock ${ref} kept (needs-recovery). Recover with: ${recovery}`,
    );
    await deps.io.appendSummary(
      `## Migration interrupted\n\n🛑 The migrate step ended while production was being changed (cancelled or killed). The lock \`${ref}\` stays flagged **needs-recovery** so no other deploy runs.\n\nRecover with:\n\n\`${recovery}\`\n`,
    );
    return;
  }
  const result = await releaseLock(o, runId, runAttempt);
  deps.logger.info(`Post: lock ${ref} ${result}.`);
}

/** Entry of the post bundle (runs.post): `await runPostStep()`. */
export async function runPostStep(deps: Deps = defaultDeps()): Promise<void> {
  await runMain('migrate-with-rollback (post)', () => runPost(deps), deps);
}
