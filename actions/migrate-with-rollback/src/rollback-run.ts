import { join, isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '@promote/core/errors';
import { loadConfig } from '@promote/core/config/load';
import { type RunContext } from '@promote/core/context';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { hasStatus } from '@promote/core/github/request-errors';
import type { Deps } from './main.js';
import type { Inputs } from './inputs.js';
import { buildPlan, isValidBackupId, renderPlan, type MigratePlan } from './plan.js';
import { SecretMask } from './connection-env.js';
import { readDatabaseUrl } from './setup.js';
import { holdLock } from './lock-session.js';
import { LockHeldError } from './lock.js';
import { createDeployment, findRecordedBackup } from './deployments.js';
import { findManifestBySha, readManifest, type BackupManifest } from './manifest.js';
import { restoreAndVerify, type RunReport } from './orchestrate.js';
import { sha256File } from './verify-backup.js';
import { renderReport } from './summary.js';
import { writeOutputs } from './outputs.js';
import { openRevertPullRequest } from './revert-pr.js';

/** A release tag -> the commit it tags (annotated tags peeled). */
async function commitOfTag(github: GitHubClient, repo: RepoRef, tag: string): Promise<string> {
  try {
    const { data } = await github.rest.git.getRef({ ...repo, ref: `tags/${tag}` });
    if (data.object.type === 'tag') {
      const { data: t } = await github.rest.git.getTag({ ...repo, tag_sha: data.object.sha });
      return t.object.sha;
    }
    return data.object.sha;
  } catch (error) {
    if (hasStatus(error, 404))
      throw new ConfigurationError(
        `release "${tag}": no such tag in ${repo.owner}/${repo.repo}; pass the tag name (e.g. v1.4.0) or a backup-id`,
      );
    throw error;
  }
}

/**
 * Where a backup is found: backup-id names `<backup-dir>/<id>.manifest.json`; a release tag goes
 * tag -> commit -> the deployment recorded for it (its payload holds the backup id, so any
 * runner finds it) and falls back to the manifests in the backup dir with that commit.
 */
async function findBackup(
  deps: Deps,
  inputs: Inputs,
  backupDir: string,
  environment: string,
  github: GitHubClient | undefined,
  repo: RepoRef,
): Promise<BackupManifest> {
  if (inputs.backupId) {
    if (!isValidBackupId(inputs.backupId))
      throw new ConfigurationError(
        `backup-id "${inputs.backupId}" is not a backup id (letters, digits, . _ -)`,
      );
    const manifest = await readManifest(join(backupDir, `${inputs.backupId}.manifest.json`));
    if (!manifest)
      throw new ConfigurationError(
        `backup ${inputs.backupId}: no manifest at ${join(backupDir, `${inputs.backupId}.manifest.json`)}; is migrate.backup-dir the persistent location the migrate run wrote to?`,
      );
    return manifest;
  }
  if (!github) throw new ConfigurationError('release lookup needs the token input');
  const sha = await commitOfTag(github, repo, inputs.release!);
  const recorded = await findRecordedBackup({ github, repo, sha, environment });
  if (recorded) {
    const manifest = await readManifest(join(backupDir, `${recorded.backupId}.manifest.json`));
    if (manifest) return manifest;
    deps.logger.warning(
      `Deployment of ${sha} records backup ${recorded.backupId}, but its manifest is not in ${backupDir}.`,
    );
  }
  const local = await findManifestBySha(backupDir, sha, environment);
  if (!local)
    throw new ConfigurationError(
      `release ${inputs.release} (${sha.slice(0, 7)}): no backup recorded for ${environment}; pass backup-id instead`,
    );
  return local;
}

export async function runRollback(deps: Deps, ctx: RunContext, inputs: Inputs): Promise<void> {
  const { io, logger } = deps;
  const config = await loadConfig({
    source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
    logger,
  });
  const environment = inputs.environment ?? config.environment;
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const backupDir = isAbsolute(config.migrate['backup-dir'])
    ? config.migrate['backup-dir']
    : resolve(ctx.workspace, config.migrate['backup-dir']);
  const github = inputs.token ? deps.github(inputs.token, logger) : undefined;
  const manifest = await findBackup(deps, inputs, backupDir, environment, github, repo);
  if (manifest.environment !== environment) {
    throw new ConfigurationError(
      `backup ${manifest.backupId} was taken in ${manifest.environment}, not ${environment}; pass environment: ${manifest.environment} or another backup`,
    );
  }
  const secrets = new SecretMask((v) => logger.setSecret(v));
  const { pgDatabase } = readDatabaseUrl(config, deps.env, secrets);
  const plan: MigratePlan = buildPlan({
    config: config.migrate,
    environment,
    mode: 'rollback',
    sha: manifest.sha,
    now: deps.clock.now(),
    workspace: ctx.workspace,
    migrationFiles: [],
    pgDatabase,
    rollbackBackupId: manifest.backupId,
    rollbackWorkflow: inputs.rollbackWorkflow,
    repository: repo,
  });
  plan.backupPath = manifest.location;
  const warning = `Restoring backup ${manifest.backupId} taken ${manifest.createdAt} (commit ${manifest.sha.slice(0, 7)}): every write to ${environment} after ${manifest.createdAt} is discarded.`;
  const planText = renderPlan(plan, secrets.mask);
  logger.warning(warning);
  await io.appendSummary(
    `## Rollback ${environment}\n\n⚠️ ${warning}\n\nReason: ${(inputs.reason ?? '(none given)').replace(/[\r\n]+/g, ' ')}\n`,
  );
  if (inputs.dryRun) {
    logger.info(`Dry run; nothing will change:\n${planText}`);
    io.setOutput('status', 'skipped');
    io.setOutput('skip-reason', 'dry-run');
    io.setOutput('plan', planText);
    io.setOutput('backup-id', manifest.backupId);
    io.setOutput('backup-location', manifest.location);
    await io.appendSummary(
      `Dry run: nothing was changed. The plan:\n\n\`\`\`text\n${planText}\n\`\`\`\n`,
    );
    return;
  }
  // The file must still be the one that was verified.
  const sha256 = await sha256File(manifest.location).catch(() => '');
  if (sha256 !== manifest.sha256) {
    throw new ConfigurationError(
      `backup ${manifest.backupId} at ${manifest.location} ${sha256 ? 'changed since it was verified (sha256 differs)' : 'is missing'}; refusing to restore it`,
    );
  }
  if (!github) throw new ConfigurationError('input "token" is required to take the migration lock');
  let lock;
  try {
    lock = await holdLock(deps, ctx, github, plan, true);
  } catch (error) {
    if (error instanceof LockHeldError) throw new ConfigurationError(error.message);
    throw error;
  }
  const deployment = await createDeployment({
    github,
    repo,
    logger,
    sha: manifest.sha,
    environment,
    task: 'deploy:rollback',
    description: `rollback ${environment} to backup ${manifest.backupId}`,
    payload: {
      backupId: manifest.backupId,
      backupLocation: manifest.location,
      reason: inputs.reason ?? '',
    },
    logUrl: ctx.runUrl,
  });
  await deployment.status(
    'in_progress',
    `restoring backup ${manifest.backupId} (${manifest.createdAt})`,
  );
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
      logger,
      secrets,
      env: deps.env,
      clock: deps.clock,
      signal: new AbortController().signal,
      runUrl: ctx.runUrl,
    },
    report,
    { bookmark: manifest.bookmark },
    manifest.tableChecksums,
  );
  report.state = ok ? 'rolled-back' : 'rollback-failed';
  if (ok) {
    await lock.release();
    report.next.push(
      `Production is at backup ${manifest.backupId} (${manifest.createdAt}); writes after it were discarded.`,
    );
    if (inputs.openRevertPr) {
      const pr = await openRevertPullRequest({
        github,
        repo,
        logger,
        mergeSha: manifest.sha,
        productionBranch: config.branches.production,
        reason: inputs.reason,
      });
      report.next.push(pr);
    } else {
      report.next.push(
        `The code of ${manifest.sha.slice(0, 7)} is still on ${config.branches.production}: revert it (open-revert-pr: true) before the next promotion, or the same migration runs again.`,
      );
    }
  } else {
    lock.setPhase('done');
    report.next.push(
      `The restore did not complete; the lock stays flagged. Fix the cause and re-run this rollback: ${plan.rollbackCommand}`,
    );
  }
  writeOutputs(io, plan, report, deployment.id);
  await io.appendSummary(
    renderReport(`Rollback ${environment} to ${manifest.backupId}`, plan, report),
  );
  await deployment.status(
    ok ? 'success' : 'error',
    ok
      ? `rolled back to backup ${manifest.backupId}`
      : `rollback to ${manifest.backupId} failed; see the run`,
  );
  if (!ok) io.setFailed(`rollback to ${manifest.backupId} failed: ${report.rollbackFailure}`);
}
