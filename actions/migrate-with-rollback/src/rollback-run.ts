import { rm } from 'node:fs/promises';
import { ConfigurationError } from '@promote/core/errors';
import type { MigratePlace } from './config.js';
import { guardEvent } from '@promote/core/event-guard';
import { type RunContext } from '@promote/core/context';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { Deps } from './deps.js';
import type { Inputs } from './inputs.js';
import { buildPlan, renderPlan, type MigratePlan } from './plan.js';
import { SecretMask } from './connection-env.js';
import { readDatabaseUrl } from './setup.js';
import { holdLock, type LockSession } from './lock-session.js';
import { LockHeldError } from './lock.js';
import { createDeployment, type DeploymentRecorder } from './deployments.js';
import type { BackupManifest } from './manifest.js';
import { restoreAndVerify, type RunReport } from './orchestrate.js';
import { renderReport } from './summary.js';
import { writeOutputs } from './outputs.js';
import { openRevertPullRequest } from './revert-pr.js';
import { backupDirOf } from './store-setup.js';
import { ROLLBACK_EVENTS } from './event-policy.js';
import { findBackup } from './find-backup.js';
import { checksumKindOf } from './table-checksums.js';
import { materialize, restoreReadsFile } from './materialize-backup.js';
import { appNote, loadPlace } from './place.js';

/** What one manual rollback works with, settled before anything changes. */
interface RollbackRun {
  deps: Deps;
  ctx: RunContext;
  inputs: Inputs;
  config: MigratePlace;
  environment: string;
  /** The app restored (issue #20); undefined: the repository as one app. */
  app: string | undefined;
  repo: RepoRef;
  plan: MigratePlan;
  manifest: BackupManifest;
  secrets: SecretMask;
}

/**
 * Find the backup, plan its restore (printed; a dry run stops there), put the file where the
 * restore reads it, then restore under the lock.
 */
export async function runRollback(
  deps: Deps,
  ctx: RunContext,
  inputs: Inputs,
  branch?: string,
): Promise<void> {
  const { io, logger } = deps;
  const config = await loadPlace(deps, ctx, inputs, branch);
  const app = config.app?.name;
  // A restore in a merge's job only for a merge into production (main.ts judged the shape).
  const production = { productionBranch: config.branches.production };
  if (!(await guardEvent(deps, ROLLBACK_EVENTS, production, { announce: false }))) {
    io.setOutput('status', 'skipped');
    return;
  }
  const environment = inputs.environment ?? config.environment;
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const backupDir = backupDirOf(config.migrate, ctx.workspace);
  const github = inputs.token ? deps.github(inputs.token) : undefined;
  const secrets = new SecretMask((v) => logger.setSecret(v));
  const manifest = await findBackup(
    deps,
    inputs,
    config.migrate,
    backupDir,
    environment,
    github,
    repo,
    secrets,
    app,
  );
  refuseOtherEnvironment(manifest, environment);
  refuseOtherApp(manifest, app);
  const plan = planRollback(deps, ctx, inputs, config, manifest, secrets);
  const run: RollbackRun = {
    deps,
    ctx,
    inputs,
    config,
    environment,
    app,
    repo,
    plan,
    manifest,
    secrets,
  };
  const planText = renderPlan(plan, secrets.mask);
  await announceRollback(run);
  if (inputs.dryRun) return reportDryRun(run, planText);
  const scratch = await backupFileForRestore(run, backupDir);
  try {
    if (!github)
      throw new ConfigurationError('input "token" is required to take the migration lock');
    await restoreUnderLock(run, github);
  } finally {
    // The downloaded plaintext is scratch: it does not outlive the rollback on this runner.
    if (scratch) await rm(scratch, { force: true });
  }
}

/** A backup is restored only into the environment it was taken in. */
function refuseOtherEnvironment(manifest: BackupManifest, environment: string): void {
  if (manifest.environment !== environment) {
    throw new ConfigurationError(
      `backup ${manifest.backupId} was taken in ${manifest.environment}, not ${environment}; pass environment: ${manifest.environment} or another backup`,
    );
  }
}

/**
 * A backup is restored only into the app it was taken of (issue #20): apps never restore each
 * other's databases, and a repository's backup is not an app's.
 */
function refuseOtherApp(manifest: BackupManifest, app: string | undefined): void {
  if (manifest.app === app) return;
  const of = (a: string | undefined) => (a ? `app ${a}` : 'the repository (no app)');
  throw new ConfigurationError(
    `backup ${manifest.backupId} is a backup of ${of(manifest.app)}, not ${of(app)}; ${manifest.app ? `pass app: ${manifest.app}` : 'omit the app input'} or another backup`,
  );
}

/**
 * The backup file where the restore reads it (downloaded and checked, or the local file
 * checked); read-only until here, so a backup that is missing or not what was verified changes
 * nothing. Returns the downloaded file, which is scratch.
 */
async function backupFileForRestore(
  run: RollbackRun,
  backupDir: string,
): Promise<string | undefined> {
  const { deps, plan, manifest } = run;
  const readsFile = restoreReadsFile(plan);
  if (readsFile)
    await materialize(deps, run.config.migrate, plan, manifest, backupDir, run.secrets);
  else
    deps.logger.info(
      `Restoring ${manifest.backupId} needs no file${manifest.bookmark ? ` (Time Travel bookmark ${manifest.bookmark})` : ''}.`,
    );
  return manifest.stored?.store === 's3' && readsFile ? plan.backupPath : undefined;
}

/** The restore of the backup the manifest records, in the environment it was taken in. */
function planRollback(
  deps: Deps,
  ctx: RunContext,
  inputs: Inputs,
  config: MigratePlace,
  manifest: BackupManifest,
  secrets: SecretMask,
): MigratePlan {
  const { pgDatabase } = readDatabaseUrl(config, deps.env, secrets);
  return buildPlan({
    config: config.migrate,
    environment: manifest.environment,
    ...(manifest.app ? { app: manifest.app } : {}),
    mode: 'rollback',
    sha: manifest.sha,
    now: deps.clock.now(),
    workspace: ctx.workspace,
    migrationFiles: [],
    pgDatabase,
    rollbackBackupId: manifest.backupId,
    checksumKind: checksumKindOf({ tables: manifest.tableChecksums, digest: manifest.tableDigest }),
    rollbackWorkflow: inputs.rollbackWorkflow ?? config.promote['rollback-workflow'],
    repository: { owner: ctx.owner, repo: ctx.repo },
  });
}

/** Said before anything changes, dry run or not: which writes the restore discards, and why. */
async function announceRollback(run: RollbackRun): Promise<void> {
  const { deps, manifest, environment } = run;
  const warning = `Restoring backup ${manifest.backupId} taken ${manifest.createdAt} (commit ${manifest.sha.slice(0, 7)}): every write to ${environment}${appNote(run.app)} after ${manifest.createdAt} is discarded.`;
  deps.logger.warning(warning);
  await deps.io.appendSummary(
    `## Rollback ${environment}${appNote(run.app)}\n\n⚠️ ${warning}\n\nReason: ${(run.inputs.reason ?? '(none given)').replace(/[\r\n]+/g, ' ')}\n`,
  );
}

async function reportDryRun(run: RollbackRun, planText: string): Promise<void> {
  const { io, logger } = run.deps;
  logger.info(`Dry run; nothing will change:\n${planText}`);
  io.setOutput('status', 'skipped');
  io.setOutput('skip-reason', 'dry-run');
  io.setOutput('plan', planText);
  io.setOutput('backup-id', run.manifest.backupId);
  io.setOutput('backup-location', run.manifest.location);
  await io.appendSummary(
    `Dry run: nothing was changed. The plan:\n\n\`\`\`text\n${planText}\n\`\`\`\n`,
  );
}

/** lock -> deployment -> restore -> verify -> what next; the lock stays flagged if it failed. */
async function restoreUnderLock(run: RollbackRun, github: GitHubClient): Promise<void> {
  const { deps, plan, manifest } = run;
  const lock = await takeLock(run, github);
  const deployment = await recordDeployment(run, github);
  lock.setPhase('touching-production');
  await lock.flag('manual rollback in progress');
  const report: RunReport = {
    state: 'rolled-back',
    steps: [],
    cancelled: false,
    next: [],
    manifest,
  };
  const ok = await restoreAndVerify(
    plan,
    {
      run: deps.run,
      logger: deps.logger,
      secrets: run.secrets,
      env: deps.env,
      clock: deps.clock,
      signal: new AbortController().signal,
      runUrl: run.ctx.runUrl,
    },
    report,
    { bookmark: manifest.bookmark },
    { tables: manifest.tableChecksums, digest: manifest.tableDigest },
  );
  report.state = ok ? 'rolled-back' : 'rollback-failed';
  if (ok) await afterRestore(run, github, lock, report);
  else {
    lock.setPhase('done');
    report.next.push(
      `The restore did not complete; the lock stays flagged. Fix the cause and re-run this rollback: ${plan.rollbackCommand}`,
    );
  }
  await reportRollback(run, report, deployment, ok);
}

async function takeLock(run: RollbackRun, github: GitHubClient): Promise<LockSession> {
  try {
    return await holdLock(run.deps, run.ctx, github, run.plan, true);
  } catch (error) {
    if (error instanceof LockHeldError) throw new ConfigurationError(error.message);
    throw error;
  }
}

/** A deploy:rollback deployment of the backup's commit, in progress until the restore is verified. */
async function recordDeployment(
  run: RollbackRun,
  github: GitHubClient,
): Promise<DeploymentRecorder> {
  const { manifest, environment } = run;
  const deployment = await createDeployment({
    github,
    repo: run.repo,
    logger: run.deps.logger,
    sha: manifest.sha,
    environment,
    task: 'deploy:rollback',
    description: `rollback ${environment}${appNote(run.app)} to backup ${manifest.backupId}`,
    payload: {
      ...(run.app ? { app: run.app } : {}),
      backupId: manifest.backupId,
      backupLocation: manifest.stored?.location ?? manifest.location,
      reason: run.inputs.reason ?? '',
    },
    logUrl: run.ctx.runUrl,
  });
  await deployment.status(
    'in_progress',
    `restoring backup ${manifest.backupId} (${manifest.createdAt})`,
  );
  return deployment;
}

/** Restored: the lock freed, and the code that broke production reverted (or the advice to). */
async function afterRestore(
  run: RollbackRun,
  github: GitHubClient,
  lock: LockSession,
  report: RunReport,
): Promise<void> {
  const { manifest, inputs } = run;
  const production = run.config.branches.production;
  await lock.release();
  report.next.push(
    `Production is at backup ${manifest.backupId} (${manifest.createdAt}); writes after it were discarded.`,
  );
  if (inputs.openRevertPr) {
    const pr = await openRevertPullRequest({
      github,
      repo: run.repo,
      logger: run.deps.logger,
      mergeSha: manifest.sha,
      productionBranch: production,
      reason: inputs.reason,
    });
    report.next.push(pr);
  } else {
    report.next.push(
      `The code of ${manifest.sha.slice(0, 7)} is still on ${production}: revert it (open-revert-pr: true) before the next promotion, or the same migration runs again.`,
    );
  }
}

/** Outputs, the summary, the deployment's final status; the step fails if the restore did. */
async function reportRollback(
  run: RollbackRun,
  report: RunReport,
  deployment: DeploymentRecorder,
  ok: boolean,
): Promise<void> {
  const { io } = run.deps;
  const { manifest, plan } = run;
  writeOutputs(io, plan, report, deployment.id);
  await io.appendSummary(
    renderReport(
      `Rollback ${run.environment}${appNote(run.app)} to ${manifest.backupId}`,
      plan,
      report,
    ),
  );
  await deployment.status(
    ok ? 'success' : 'error',
    ok
      ? `rolled back to backup ${manifest.backupId}`
      : `rollback to ${manifest.backupId} failed; see the run`,
  );
  if (!ok) io.setFailed(`rollback to ${manifest.backupId} failed: ${report.rollbackFailure}`);
}
