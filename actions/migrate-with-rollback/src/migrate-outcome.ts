import type { DeploymentRecorder } from './deployments.js';
import type { LockSession } from './lock-session.js';
import type { MigrateRun } from './migrate-production.js';
import type { RunReport } from './orchestrate.js';
import type { MigratePlan } from './plan.js';
import { applyRetention } from './retention.js';
import { renderReport } from './summary.js';
import { writeOutputs } from './outputs.js';
import { appNote } from './place.js';

/**
 * After the run: the lock released (or kept flagged when the restore failed), outputs, summary,
 * the deployment's final status, retention of old backups, and the step failed when production
 * is not migrated (or GitHub did not record it).
 */
export async function finishMigration(
  run: MigrateRun,
  lock: LockSession,
  report: RunReport,
  deployment: DeploymentRecorder | undefined,
): Promise<void> {
  const { deps, plan, environment } = run;
  const { io } = deps;
  deps.progress.done(`production ${report.state} (backup ${plan.backupId})`);
  const lockNote = lock.handle.notes.length ? [`Lock: ${lock.handle.notes.join('; ')}.`, ''] : [];
  if (report.state === 'rollback-failed') {
    await lock.flag('rollback failed');
    lock.setPhase('done');
  } else {
    await lock.release();
    deps.progress.done('lock released');
  }
  writeOutputs(io, plan, report, deployment?.id);
  await io.appendSummary(
    renderReport(
      `Migrate ${environment}${appNote(run.app)} (${run.sha.slice(0, 7)})`,
      plan,
      report,
      lockNote,
    ),
  );
  const [state, description] = deploymentStatus(report, plan);
  await deployment?.status(state, description);
  // After the success is recorded: the deployment it supersedes is inactive by then.
  if (report.state === 'migrated')
    await applyRetention({
      store: run.store,
      prefix: plan.store.prefix,
      environment,
      ...(run.app ? { app: run.app } : {}),
      keep: plan.store.keep,
      github: run.github,
      repo: run.repo,
      logger: deps.logger,
      current: plan.backupId,
    });
  const failure = failureOf(report, plan, deployment);
  if (failure) io.setFailed(failure);
}

/** The deployment's final status and its description. Pure. */
function deploymentStatus(
  report: RunReport,
  plan: MigratePlan,
): ['success' | 'failure' | 'error', string] {
  const describe: Record<string, ['success' | 'failure' | 'error', string]> = {
    migrated: ['success', `migrated; backup ${plan.backupId}`],
    'rolled-back': ['failure', `migration failed; restored backup ${plan.backupId}`],
    'rollback-failed': ['error', `migration AND restore failed; lock kept; see the run`],
    'not-migrated': ['failure', `not migrated: ${report.failure ?? ''}`],
  };
  return describe[report.state]!;
}

/** Why the step fails, or undefined when production is migrated and recorded. Pure. */
function failureOf(
  report: RunReport,
  plan: MigratePlan,
  deployment: DeploymentRecorder | undefined,
): string | undefined {
  if (report.state === 'migrated') {
    if (!deployment || deployment.unrecorded.length === 0) return undefined;
    return (
      `Production is migrated (backup ${plan.backupId}), but GitHub did not record ${deployment.unrecorded.join(' and ')}. ` +
      'Re-run this job to record it: the migrations are already applied, so the re-run applies nothing twice and creates no second deployment.'
    );
  }
  const what =
    report.state === 'rolled-back'
      ? 'production was restored from the verified backup'
      : report.state === 'rollback-failed'
        ? `the restore did not complete: production needs a person; the lock stays flagged needs-recovery. Recover with: ${plan.rollbackCommand}`
        : 'production was not changed';
  return `${report.failure ?? 'migration failed'}; ${what}.`;
}
