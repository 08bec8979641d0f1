import { ConfigurationError, ExplainedFailure } from '@promote/core/errors';
import { loadConfig } from '@promote/core/config/load';
import { type RunContext } from '@promote/core/context';
import { guardEvent } from '@promote/core/event-guard';
import type { Deps } from './deps.js';
import type { Inputs } from './inputs.js';
import { MIGRATE_EVENTS } from './event-policy.js';
import { buildPlan, renderPlan } from './plan.js';
import { SecretMask } from './connection-env.js';
import { listMigrationFiles, readDatabaseUrl } from './setup.js';
import { holdLock } from './lock-session.js';
import { LockHeldError } from './lock.js';
import { createDeployment, findPriorDeployment, type DeploymentRecorder } from './deployments.js';
import { backupPayload } from './backup-record.js';
import { prepareStore } from './store-setup.js';
import { applyRetention } from './retention.js';
import { orchestrateMigration, type RunReport } from './orchestrate.js';
import { installCancellation } from './signals.js';
import { renderReport } from './summary.js';
import { writeOutputs } from './outputs.js';

export async function runMigrate(deps: Deps, ctx: RunContext, inputs: Inputs): Promise<void> {
  const { io, logger } = deps;
  const config = await loadConfig({
    source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
    logger,
  });
  const environment = inputs.environment ?? config.environment;
  const rollbackWorkflow = inputs.rollbackWorkflow ?? config.promote['rollback-workflow'];
  const gate = await guardEvent(
    deps,
    MIGRATE_EVENTS,
    { productionBranch: config.branches.production },
    { announce: false },
  );
  if (!gate) {
    io.setOutput('status', 'skipped');
    return;
  }
  const sha = gate.sha ?? ctx.sha;
  const secrets = new SecretMask((v) => logger.setSecret(v));
  const { pgDatabase } = readDatabaseUrl(config, deps.env, secrets);
  const plan = buildPlan({
    config: config.migrate,
    environment,
    mode: 'migrate',
    sha,
    now: deps.clock.now(),
    workspace: ctx.workspace,
    migrationFiles: await listMigrationFiles(config, ctx.workspace, logger),
    pgDatabase,
    rollbackWorkflow,
    repository: { owner: ctx.owner, repo: ctx.repo },
  });
  const planText = renderPlan(plan, secrets.mask);
  if (inputs.dryRun) {
    logger.info(`Dry run (${gate.what}); nothing will change:\n${planText}`);
    io.setOutput('status', 'skipped');
    io.setOutput('skip-reason', 'dry-run');
    io.setOutput('plan', planText);
    io.setOutput('backup-id', plan.backupId);
    io.setOutput('backup-location', plan.backupPath);
    await io.appendSummary(
      `## Migrate ${environment}: dry run\n\nNothing was changed. The plan:\n\n\`\`\`text\n${planText}\n\`\`\`\n`,
    );
    return;
  }
  // The store is checked before the lock: a bad bucket, key or endpoint changes nothing.
  const store = await prepareStore(config.migrate, ctx.workspace, deps.env, secrets, {
    probe: true,
  });
  logger.info(`Migrating ${environment} for ${gate.what} (${sha}).\n${planText}`);

  const github = deps.github(inputs.token);
  const controller = new AbortController();
  const uninstall = installCancellation(controller, logger, deps.proc);
  try {
    let lock;
    try {
      lock = await holdLock(deps, ctx, github, plan, false, controller.signal);
    } catch (error) {
      if (error instanceof LockHeldError) {
        io.setOutput('status', 'not-migrated');
        await io.appendSummary(
          `## Migrate ${environment}\n\n⛔ **not-migrated**: ${error.message}\n`,
        );
        throw new ConfigurationError(error.message);
      }
      throw error;
    }
    deps.progress.done(`lock ${plan.lock.ref} taken`);
    const repo = { owner: ctx.owner, repo: ctx.repo };
    // Decided under the lock, so two deliveries of one merge are decided one after the other.
    const prior = await findPriorDeployment({ github, repo, sha, environment });
    const deployed = prior?.state === 'success' || prior?.state === 'inactive';
    if (prior && deployed && !prior.rolledBack) {
      await lock.release();
      const reason = `${sha.slice(0, 7)} is already deployed to ${environment} (deployment #${prior.id}, ${prior.state}: ${prior.description || 'no description'})`;
      logger.notice(
        `Skipped: ${reason}. Nothing was changed. To take it out of production, run ${rollbackWorkflow}.`,
      );
      io.setOutput('status', 'skipped');
      io.setOutput('skip-reason', 'already-deployed');
      io.setOutput('deployment-id', String(prior.id));
      await io.appendSummary(
        `## Migrate ${environment}\n\n⏭️ **skipped**: ${reason}. Nothing was changed; to take it out of production, run the \`${rollbackWorkflow}\` workflow.\n`,
      );
      return;
    }
    if (prior)
      logger.info(
        `Deployment #${prior.id} of ${sha.slice(0, 7)} did not finish (${prior.rolledBack ? 'rolled back' : prior.state}); this run records on it.`,
      );
    // Recorded once the backup is verified and stored, so the payload names where it is and
    // what its bytes hash to: a rollback on any runner finds it from GitHub alone.
    let deployment: DeploymentRecorder | undefined;
    let report: RunReport;
    try {
      report = await orchestrateMigration(plan, {
        run: deps.run,
        logger,
        secrets,
        env: deps.env,
        clock: deps.clock,
        signal: controller.signal,
        runUrl: ctx.runUrl,
        store,
        hooks: {
          backupVerified: async (manifest) => {
            deployment = await createDeployment({
              reuse: prior?.id,
              github,
              repo,
              logger,
              sha,
              environment,
              task: 'deploy:migrate',
              description: `migrate ${environment} with backup ${plan.backupId}`,
              payload: backupPayload(manifest),
              logUrl: ctx.runUrl,
            });
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
            await io.appendSummary(
              `## Migrate ${environment}: restoring\n\n${reason}; restoring backup \`${plan.backupId}\`. If this run dies before the restore is verified, the lock stays flagged; recover with:\n\n\`${plan.rollbackCommand}\`\n`,
            );
          },
        },
      });
    } catch (error) {
      // An unexpected error mid-run: we do not know production's state, so the lock stays flagged.
      await lock.flag('unexpected error').catch(() => {});
      await deployment?.status('error', `error: ${(error as Error).message}`);
      throw new ExplainedFailure(
        `migrate-with-rollback failed while production was being changed: ${(error as Error).message}. ` +
          `Production may be half-migrated: the lock ${plan.lock.ref} stays flagged needs-recovery so no other deploy runs. ` +
          `Recover with: ${plan.rollbackCommand}`,
      );
    }
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
      renderReport(`Migrate ${environment} (${sha.slice(0, 7)})`, plan, report, lockNote),
    );
    const describe: Record<string, ['success' | 'failure' | 'error', string]> = {
      migrated: ['success', `migrated; backup ${plan.backupId}`],
      'rolled-back': ['failure', `migration failed; restored backup ${plan.backupId}`],
      'rollback-failed': ['error', `migration AND restore failed; lock kept; see the run`],
      'not-migrated': ['failure', `not migrated: ${report.failure ?? ''}`],
    };
    const [state, description] = describe[report.state]!;
    await deployment?.status(state, description);
    // After the success is recorded: the deployment it supersedes is inactive by then.
    if (report.state === 'migrated')
      await applyRetention({
        store,
        prefix: plan.store.prefix,
        environment,
        keep: plan.store.keep,
        github,
        repo,
        logger,
        current: plan.backupId,
      });
    if (report.state === 'migrated' && deployment && deployment.unrecorded.length > 0) {
      io.setFailed(
        `Production is migrated (backup ${plan.backupId}), but GitHub did not record ${deployment.unrecorded.join(' and ')}. ` +
          'Re-run this job to record it: the migrations are already applied, so the re-run applies nothing twice and creates no second deployment.',
      );
    }
    if (report.state !== 'migrated') {
      const what =
        report.state === 'rolled-back'
          ? 'production was restored from the verified backup'
          : report.state === 'rollback-failed'
            ? `the restore did not complete: production needs a person; the lock stays flagged needs-recovery. Recover with: ${plan.rollbackCommand}`
            : 'production was not changed';
      io.setFailed(`${report.failure ?? 'migration failed'}; ${what}.`);
    }
  } finally {
    uninstall();
  }
}
