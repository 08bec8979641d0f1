import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrateConfig } from '@promote/core/config/sections/migrate';
import { ConfigurationError } from '@promote/core/errors';
import { loadConfig } from '@promote/core/config/load';
import { guardEvent } from '@promote/core/event-guard';
import { type RunContext } from '@promote/core/context';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { hasStatus } from '@promote/core/github/request-errors';
import type { Deps } from './deps.js';
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
import { findBackupRecord } from './backup-record.js';
import { MissingObjectError, openStore, storeKeys } from './backup-store/index.js';
import { fetchBackup } from './backup-transfer.js';
import { backupDirOf } from './store-setup.js';
import { ROLLBACK_EVENTS } from './event-policy.js';

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
 * Where a backup is found, GitHub first: the environment's deploy:migrate deployment whose payload
 * names the backup (by backup-id, or the one recorded for a release tag's commit) holds where it is
 * and what its bytes hash to, so a runner that never saw it can restore it. Then the manifest in
 * backup-dir (the local store), then the manifest stored beside a remote backup.
 */
async function findBackup(
  deps: Deps,
  inputs: Inputs,
  config: MigrateConfig,
  backupDir: string,
  environment: string,
  github: GitHubClient | undefined,
  repo: RepoRef,
  secrets: SecretMask,
): Promise<BackupManifest> {
  let backupId = inputs.backupId;
  let sha: string | undefined;
  if (backupId) {
    if (!isValidBackupId(backupId))
      throw new ConfigurationError(
        `backup-id "${backupId}" is not a backup id (letters, digits, . _ -)`,
      );
  } else {
    if (!github) throw new ConfigurationError('release lookup needs the token input');
    sha = await commitOfTag(github, repo, inputs.release!);
    backupId = (await findRecordedBackup({ github, repo, sha, environment }))?.backupId;
    if (!backupId) {
      const local = await findManifestBySha(backupDir, sha, environment);
      if (local) return local;
      throw new ConfigurationError(
        `release ${inputs.release} (${sha.slice(0, 7)}): no backup recorded for ${environment}; pass backup-id instead`,
      );
    }
  }
  if (github) {
    const recorded = await findBackupRecord({ github, repo, environment, backupId, sha });
    if (recorded) return recorded;
  }
  const local = await readManifest(join(backupDir, `${backupId}.manifest.json`));
  if (local) return local;
  if (config.store.kind !== 'local') {
    const { manifestKey } = storeKeys(config.store, environment, '', backupId);
    const store = openStore(config.store, backupDir, deps.env, secrets);
    const path = join(backupDir, `.fetch-${backupId}.manifest.json`);
    try {
      await store.get(manifestKey, path);
      const m = await readManifest(path);
      if (m) {
        deps.logger.warning(
          `Backup ${backupId} is not recorded in a deployment payload (a re-run posted on an earlier attempt's deployment); using the manifest stored beside it at ${store.location(manifestKey)}: its sums come from the store, not from GitHub.`,
        );
        return m;
      }
    } catch (error) {
      if (!(error instanceof MissingObjectError)) throw error;
    } finally {
      await rm(path, { force: true });
    }
  }
  throw new ConfigurationError(
    `backup ${backupId}: not recorded in any deploy:migrate deployment of ${environment}, and no manifest in ${backupDir}${config.store.kind !== 'local' ? ' or the store' : ''}; check the backup id (the migrate run's backup-id output) and environment`,
  );
}

/** Does restoring read the backup file? (d1 restores from the Time Travel bookmark alone.) */
function restoreReadsFile(plan: MigratePlan): boolean {
  return [plan.steps.restore, plan.steps['verify-restore']].some((step) =>
    step?.commands.some((c) => c.argv.some((a) => a.includes(plan.backupPath))),
  );
}

/** Put the recorded backup's plaintext at plan.backupPath (checked), or check the local file. */
async function materialize(
  deps: Deps,
  config: MigrateConfig,
  plan: MigratePlan,
  manifest: BackupManifest,
  backupDir: string,
  secrets: SecretMask,
): Promise<void> {
  const stored = manifest.stored;
  if (!stored || stored.store === 'local') {
    // The file must still be the one that was verified.
    const sha256 = await sha256File(manifest.location).catch(() => '');
    if (sha256 !== manifest.sha256) {
      throw new ConfigurationError(
        sha256
          ? `backup ${manifest.backupId} at ${manifest.location} changed since it was verified: recorded sha256 ${manifest.sha256}, file sha256 ${sha256}; refusing to restore it`
          : `backup ${manifest.backupId} at ${manifest.location} is missing; a local store needs the runner that took it (or a persistent migrate.backup-dir)`,
      );
    }
    plan.backupPath = manifest.location;
    return;
  }
  if (config.store.kind !== 's3')
    throw new ConfigurationError(
      `backup ${manifest.backupId} is in ${stored.location}: configure migrate.store (kind: s3, endpoint, credentials) in the config this rollback reads`,
    );
  const bucket = /^s3:\/\/([^/]+)\//.exec(stored.location)?.[1] ?? config.store.bucket;
  const store = openStore({ ...config.store, bucket }, backupDir, deps.env, secrets);
  const identityEnv =
    config.store.encryption && config.store.encryption !== 'none'
      ? config.store.encryption['identity-env']
      : 'AGE_SECRET_KEY';
  const identity = deps.env[identityEnv] || undefined;
  secrets.register(identity);
  deps.logger.info(`Downloading backup ${manifest.backupId} from ${stored.location}.`);
  await fetchBackup({ store, manifest, target: plan.backupPath, identity, identityEnv });
  deps.logger.info(
    `Backup ${manifest.backupId}: stored sha256 ${stored.sha256} and plaintext sha256 ${manifest.sha256} match the record.`,
  );
}

export async function runRollback(deps: Deps, ctx: RunContext, inputs: Inputs): Promise<void> {
  const { io, logger } = deps;
  const config = await loadConfig({
    source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
    logger,
  });
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
  );
  if (manifest.environment !== environment) {
    throw new ConfigurationError(
      `backup ${manifest.backupId} was taken in ${manifest.environment}, not ${environment}; pass environment: ${manifest.environment} or another backup`,
    );
  }
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
    rollbackWorkflow: inputs.rollbackWorkflow ?? config.promote['rollback-workflow'],
    repository: repo,
  });
  const readsFile = restoreReadsFile(plan);
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
  // Read-only until here; a backup that is missing or not what was verified changes nothing.
  if (readsFile) await materialize(deps, config.migrate, plan, manifest, backupDir, secrets);
  else
    logger.info(
      `Restoring ${manifest.backupId} needs no file${manifest.bookmark ? ` (Time Travel bookmark ${manifest.bookmark})` : ''}.`,
    );
  const scratch = manifest.stored?.store === 's3' && readsFile ? plan.backupPath : undefined;
  try {
    if (!github)
      throw new ConfigurationError('input "token" is required to take the migration lock');
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
        backupLocation: manifest.stored?.location ?? manifest.location,
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
      { tables: manifest.tableChecksums, digest: manifest.tableDigest },
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
  } finally {
    // The downloaded plaintext is scratch: it does not outlive the rollback on this runner.
    if (scratch) await rm(scratch, { force: true });
  }
}
