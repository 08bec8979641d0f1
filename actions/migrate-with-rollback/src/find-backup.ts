import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrateConfig } from '@promote/core/config/sections/migrate';
import { ConfigurationError } from '@promote/core/errors';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { hasStatus } from '@promote/core/github/request-errors';
import type { Deps } from './deps.js';
import type { Inputs } from './inputs.js';
import { isValidBackupId } from './plan.js';
import type { SecretMask } from './connection-env.js';
import { findRecordedBackup } from './deployments.js';
import { findManifestBySha, readManifest, type BackupManifest } from './manifest.js';
import { findBackupRecord } from './backup-record.js';
import { MissingObjectError, openStore, storeKeys } from './backup-store/index.js';

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
export async function findBackup(
  deps: Deps,
  inputs: Inputs,
  config: MigrateConfig,
  backupDir: string,
  environment: string,
  github: GitHubClient | undefined,
  repo: RepoRef,
  secrets: SecretMask,
  app?: string,
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
    backupId = (await findRecordedBackup({ github, repo, sha, environment, app }))?.backupId;
    if (!backupId) {
      const local = await findManifestBySha(backupDir, sha, environment, app);
      if (local) return local;
      throw new ConfigurationError(
        `release ${inputs.release} (${sha.slice(0, 7)}): no backup recorded for ${environment}${app ? ` (app ${app})` : ''}; pass backup-id instead`,
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
    const { manifestKey } = storeKeys(config.store, environment, '', backupId, app);
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
