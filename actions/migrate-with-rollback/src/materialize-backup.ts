import type { MigrateConfig } from '@promote/core/config/sections/migrate';
import { ConfigurationError } from '@promote/core/errors';
import type { Deps } from './deps.js';
import type { MigratePlan } from './plan.js';
import type { SecretMask } from './connection-env.js';
import type { BackupManifest } from './manifest.js';
import { sha256File } from './verify-backup.js';
import { openStore } from './backup-store/index.js';
import { fetchBackup } from './backup-transfer.js';

/** Does restoring read the backup file? (d1 restores from the Time Travel bookmark alone.) */
export function restoreReadsFile(plan: MigratePlan): boolean {
  return [plan.steps.restore, plan.steps['verify-restore']].some((step) =>
    step?.commands.some((c) =>
      [...c.argv, ...(c.stdin?.from ?? [])].some((a) => a.includes(plan.backupPath)),
    ),
  );
}

/** Put the recorded backup's plaintext at plan.backupPath (checked), or check the local file. */
export async function materialize(
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
