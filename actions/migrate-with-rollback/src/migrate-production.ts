import { ExplainedFailure } from '@promote/core/errors';
import type { RunContext } from '@promote/core/context';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { Deps } from './deps.js';
import type { MigratePlan } from './plan.js';
import type { SecretMask } from './connection-env.js';
import type { BackupStore } from './backup-store/index.js';
import type { LockSession } from './lock-session.js';
import { createDeployment, type DeploymentRecorder, type PriorDeployment } from './deployments.js';
import { backupPayload } from './backup-record.js';
import { appNote } from './place.js';
import { orchestrateMigration, type OrchestrateHooks, type RunReport } from './orchestrate.js';

/** What one migrate run works with, settled before the lock is taken. */
export interface MigrateRun {
  deps: Deps;
  ctx: RunContext;
  plan: MigratePlan;
  environment: string;
  /** The app migrated (payload.app of its deployments); undefined: the repository as one app. */
  app?: string | undefined;
  rollbackWorkflow: string;
  /** The merge commit being deployed. */
  sha: string;
  repo: RepoRef;
  github: GitHubClient;
  secrets: SecretMask;
  store: BackupStore;
  /** Aborted on SIGINT/SIGTERM: the running command is stopped and a restore begins. */
  signal: AbortSignal;
}

/**
 * backup -> verify -> migrate -> restart -> post-check (orchestrateMigration), with the
 * deployment recorded once the backup is verified and stored, so its payload names where the
 * backup is and what its bytes hash to: a rollback on any runner finds it from GitHub alone.
 */
export async function migrateProduction(
  run: MigrateRun,
  lock: LockSession,
  prior: PriorDeployment | undefined,
): Promise<{ report: RunReport; deployment: DeploymentRecorder | undefined }> {
  const { deps, plan } = run;
  const recorded: { deployment?: DeploymentRecorder } = {};
  try {
    const report = await orchestrateMigration(plan, {
      run: deps.run,
      logger: deps.logger,
      secrets: run.secrets,
      env: deps.env,
      clock: deps.clock,
      signal: run.signal,
      runUrl: run.ctx.runUrl,
      store: run.store,
      hooks: productionHooks(run, lock, prior, recorded),
    });
    return { report, deployment: recorded.deployment };
  } catch (error) {
    // An unexpected error mid-run: we do not know production's state, so the lock stays flagged.
    await lock.flag('unexpected error').catch(() => {});
    await recorded.deployment?.status('error', `error: ${(error as Error).message}`);
    throw new ExplainedFailure(
      `migrate-with-rollback failed while production was being changed: ${(error as Error).message}. ` +
        `Production may be half-migrated: the lock ${plan.lock.ref} stays flagged needs-recovery so no other deploy runs. ` +
        `Recover with: ${plan.rollbackCommand}`,
    );
  }
}

/**
 * Once the backup is verified: the deployment recorded (into `recorded`; on the prior attempt's
 * when there is one) and the lock marked as changing production. Before a restore: the lock
 * flagged, and the summary says how to recover if this run dies.
 */
function productionHooks(
  run: MigrateRun,
  lock: LockSession,
  prior: PriorDeployment | undefined,
  recorded: { deployment?: DeploymentRecorder },
): OrchestrateHooks {
  const { deps, plan } = run;
  return {
    backupVerified: async (manifest) => {
      const deployment = await createDeployment({
        reuse: prior?.id,
        github: run.github,
        repo: run.repo,
        logger: deps.logger,
        sha: run.sha,
        environment: run.environment,
        task: 'deploy:migrate',
        description: `migrate ${run.environment}${appNote(run.app)} with backup ${plan.backupId}`,
        payload: backupPayload(manifest),
        logUrl: run.ctx.runUrl,
      });
      recorded.deployment = deployment;
      if (deployment.id !== undefined)
        deps.progress.done(`deployment #${deployment.id} recorded (a re-run posts on it)`);
      await deployment.status(
        'in_progress',
        `backup ${plan.backupId} verified, migrating (${plan.preset})`,
      );
      await lock.markTouchingProduction();
      lock.setPhase('touching-production');
    },
    restoreStarting: async (reason) => {
      await lock.flag(reason);
      await deps.io.appendSummary(
        `## Migrate ${run.environment}${appNote(run.app)}: restoring\n\n${reason}; restoring backup \`${plan.backupId}\`. If this run dies before the restore is verified, the lock stays flagged; recover with:\n\n\`${plan.rollbackCommand}\`\n`,
      );
    },
  };
}
