import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '@promote/core/errors';
import type { MigrateConfig } from '@promote/core/config/sections/migrate';
import { openStore, type BackupStore } from './backup-store/index.js';
import { invalidRecipient } from './backup-store/age.js';
import { describeStoreError } from './backup-transfer.js';
import { S3Error } from './backup-store/s3-client.js';
import type { SecretMask } from './connection-env.js';

export const backupDirOf = (config: MigrateConfig, workspace: string) =>
  isAbsolute(config['backup-dir'])
    ? config['backup-dir']
    : resolve(workspace, config['backup-dir']);

/** Why a store could not be used, in the words of the key that fixes it. */
function explainProbe(config: MigrateConfig['store'], error: unknown): string {
  const s = config;
  const where = `bucket "${s.bucket}" at ${s.endpoint ?? `AWS S3 (${s.region})`}`;
  const status = error instanceof S3Error ? error.status : undefined;
  const code = String((error as { code?: string; name?: string })?.code ?? (error as Error)?.name);
  const why = error instanceof S3Error ? error.detail : describeStoreError(error);
  if (status === 403 || status === 401)
    return `migrate.store: ${where} refused the credentials (${why}): check the secrets mapped into $${s['access-key-id-env']} and $${s['secret-access-key-env']} (migrate.store.access-key-id-env / secret-access-key-env) and their permissions on the bucket`;
  if (status === 404 || /NoSuchBucket|NotFound/.test(code))
    return `migrate.store.bucket: ${where} does not exist (${why}): create it or fix migrate.store.bucket`;
  if (status === 301 || /PermanentRedirect/.test(code))
    return `migrate.store.region: ${where} is in another region (${why}): set migrate.store.region to the bucket's region`;
  return `migrate.store.endpoint: could not reach ${where} (${why}): check migrate.store.endpoint (and force-path-style for MinIO-like stores) and that the runner can reach it`;
}

/**
 * The configured store, checked before the lock is taken or anything changes: credentials
 * present (masked), recipients valid age public keys, the bucket reachable with these
 * credentials. Every failure names the key and the fix.
 */
export async function prepareStore(
  config: MigrateConfig,
  workspace: string,
  env: NodeJS.ProcessEnv,
  secrets: SecretMask,
  options: { probe: boolean },
): Promise<BackupStore> {
  const store = openStore(config.store, backupDirOf(config, workspace), env, secrets);
  const enc = config.store.encryption;
  if (enc && enc !== 'none') {
    const bad = await invalidRecipient(enc.recipients);
    if (bad)
      throw new ConfigurationError(
        `migrate.store.encryption.${bad}: not an age public key; paste the "public key: age1..." line that age-keygen printed`,
      );
  }
  if (options.probe && config.store.kind !== 'local') {
    try {
      await store.probe();
    } catch (error) {
      throw new ConfigurationError(secrets.mask(explainProbe(config.store, error)));
    }
  }
  return store;
}
