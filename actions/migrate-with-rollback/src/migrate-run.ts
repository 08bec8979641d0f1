import { ConfigurationError } from '@promote/core/errors';
import type { MigratePlace } from './config.js';
import { type RunContext } from '@promote/core/context';
import { guardEvent } from '@promote/core/event-guard';
import type { Deps } from './deps.js';
import type { Inputs } from './inputs.js';
import { MIGRATE_EVENTS } from './event-policy.js';
import { buildPlan, renderPlan, type MigratePlan } from './plan.js';
import { SecretMask } from './connection-env.js';
import { listMigrationFiles, readDatabaseUrl } from './setup.js';
import { holdLock, type LockSession } from './lock-session.js';
import { LockHeldError } from './lock.js';
import { findPriorDeployment, type PriorDeployment } from './deployments.js';
import { prepareStore } from './store-setup.js';
import { installCancellation } from './signals.js';
import { migrateProduction, type MigrateRun } from './migrate-production.js';
import { finishMigration } from './migrate-outcome.js';
import { appNote, loadPlace } from './place.js';

/** Plan (printed; a dry run stops there), check the store, then migrate under the lock. */
export async function runMigrate(
  deps: Deps,
  ctx: RunContext,
  inputs: Inputs,
  branch?: string,
): Promise<void> {
  const { io, logger } = deps;
  const config = await loadPlace(deps, ctx, inputs, branch);
  const app = config.app?.name;
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
  const plan = await planMigration(
    deps,
    ctx,
    config,
    { environment, sha, rollbackWorkflow, app },
    secrets,
  );
  const planText = renderPlan(plan, secrets.mask);
  if (inputs.dryRun) return reportDryRun(deps, plan, planText, gate.what);
  // The store is checked before the lock: a bad bucket, key or endpoint changes nothing.
  const store = await prepareStore(config.migrate, ctx.workspace, deps.env, secrets, {
    probe: true,
  });
  logger.info(`Migrating ${environment}${appNote(app)} for ${gate.what} (${sha}).\n${planText}`);

  const github = deps.github(inputs.token);
  const controller = new AbortController();
  const uninstall = installCancellation(controller, logger, deps.proc);
  try {
    await migrateUnderLock({
      deps,
      ctx,
      plan,
      environment,
      app,
      rollbackWorkflow,
      sha,
      repo: { owner: ctx.owner, repo: ctx.repo },
      github,
      secrets,
      store,
      signal: controller.signal,
    });
  } finally {
    uninstall();
  }
}

/** The plan from the config, the database URL's name and the migration files on disk. */
async function planMigration(
  deps: Deps,
  ctx: RunContext,
  config: MigratePlace,
  what: { environment: string; sha: string; rollbackWorkflow: string; app?: string | undefined },
  secrets: SecretMask,
): Promise<MigratePlan> {
  const { pgDatabase } = readDatabaseUrl(config, deps.env, secrets);
  return buildPlan({
    config: config.migrate,
    environment: what.environment,
    ...(what.app ? { app: what.app } : {}),
    mode: 'migrate',
    sha: what.sha,
    now: deps.clock.now(),
    workspace: ctx.workspace,
    migrationFiles: await listMigrationFiles(config, ctx.workspace, deps.logger),
    pgDatabase,
    rollbackWorkflow: what.rollbackWorkflow,
    repository: { owner: ctx.owner, repo: ctx.repo },
  });
}

/** Dry run: the plan in the log, the outputs and the summary; nothing changes. */
async function reportDryRun(
  deps: Deps,
  plan: MigratePlan,
  planText: string,
  what: string,
): Promise<void> {
  const { io } = deps;
  deps.logger.info(`Dry run (${what}); nothing will change:\n${planText}`);
  io.setOutput('status', 'skipped');
  io.setOutput('skip-reason', 'dry-run');
  io.setOutput('plan', planText);
  io.setOutput('backup-id', plan.backupId);
  io.setOutput('backup-location', plan.backupPath);
  await io.appendSummary(
    `## Migrate ${plan.environment}${appNote(plan.app)}: dry run\n\nNothing was changed. The plan:\n\n\`\`\`text\n${planText}\n\`\`\`\n`,
  );
}

/** lock -> (already deployed: skip) -> migrate -> outcome; the lock is never left unaccounted. */
async function migrateUnderLock(run: MigrateRun): Promise<void> {
  const { deps, plan, sha, environment } = run;
  const lock = await takeLock(run);
  deps.progress.done(`lock ${plan.lock.ref} taken`);
  // Decided under the lock, so two deliveries of one merge are decided one after the other.
  const prior = await findPriorDeployment({
    github: run.github,
    repo: run.repo,
    sha,
    environment,
    app: run.app,
  });
  if (await skipWhenDeployed(run, lock, prior)) return;
  if (prior)
    deps.logger.info(
      `Deployment #${prior.id} of ${sha.slice(0, 7)} did not finish (${prior.rolledBack ? 'rolled back' : prior.state}); this run records on it.`,
    );
  const { report, deployment } = await migrateProduction(run, lock, prior);
  await finishMigration(run, lock, report, deployment);
}

/** The lock; held by another run past the wait: not migrated, and the user's to resolve. */
async function takeLock(run: MigrateRun): Promise<LockSession> {
  const { io } = run.deps;
  try {
    return await holdLock(run.deps, run.ctx, run.github, run.plan, false, run.signal);
  } catch (error) {
    if (error instanceof LockHeldError) {
      io.setOutput('status', 'not-migrated');
      await io.appendSummary(
        `## Migrate ${run.environment}${appNote(run.app)}\n\n⛔ **not-migrated**: ${error.message}\n`,
      );
      throw new ConfigurationError(error.message);
    }
    throw error;
  }
}

/** This SHA already deployed (and not rolled back): release the lock and change nothing. */
async function skipWhenDeployed(
  run: MigrateRun,
  lock: LockSession,
  prior: PriorDeployment | undefined,
): Promise<boolean> {
  const deployed = prior?.state === 'success' || prior?.state === 'inactive';
  if (!prior || !deployed || prior.rolledBack) return false;
  const { io, logger } = run.deps;
  const { environment, rollbackWorkflow } = run;
  await lock.release();
  const reason = `${run.sha.slice(0, 7)}${appNote(run.app)} is already deployed to ${environment} (deployment #${prior.id}, ${prior.state}: ${prior.description || 'no description'})`;
  logger.notice(
    `Skipped: ${reason}. Nothing was changed. To take it out of production, run ${rollbackWorkflow}.`,
  );
  io.setOutput('status', 'skipped');
  io.setOutput('skip-reason', 'already-deployed');
  io.setOutput('deployment-id', String(prior.id));
  await io.appendSummary(
    `## Migrate ${environment}${appNote(run.app)}\n\n⏭️ **skipped**: ${reason}. Nothing was changed; to take it out of production, run the \`${rollbackWorkflow}\` workflow.\n`,
  );
  return true;
}
