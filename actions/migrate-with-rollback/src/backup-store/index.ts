import { ConfigurationError } from '@promote/core/errors';
import type { StoreConfig } from '@promote/core/config/sections/migrate';
import type { SecretMask } from '../connection-env.js';
import { localStore } from './local.js';
import { s3Store } from './s3.js';
import type { BackupStore } from './store.js';

export type { BackupStore, StoredObject } from './store.js';
export { MissingObjectError } from './store.js';

/**
 * Where this environment's backups live inside a store: `<prefix><env>/`, and for an app
 * `<prefix><env>/<app>/` (issue #20), so each app's retention lists only its own backups.
 */
export function storeKeys(
  config: StoreConfig,
  environment: string,
  backupFile: string,
  backupId: string,
  app?: string,
): { key: string; manifestKey: string; prefix: string } {
  if (config.kind === 'local') {
    // Today's layout, kept: <backup-dir>/<file> and <backup-dir>/<id>.manifest.json (an app's
    // backup ids carry its name, so apps sharing a backup-dir never overwrite each other's).
    return { key: backupFile, manifestKey: `${backupId}.manifest.json`, prefix: '' };
  }
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '-');
  const prefix = `${config.prefix}${safe(environment)}/${app ? `${safe(app)}/` : ''}`;
  const encrypted = config.encryption !== undefined && config.encryption !== 'none';
  return {
    key: `${prefix}${backupFile}${encrypted ? '.age' : ''}`,
    manifestKey: `${prefix}${backupId}.manifest.json`,
    prefix,
  };
}

export const encryptionOf = (config: StoreConfig) =>
  config.encryption === undefined || config.encryption === 'none' ? undefined : config.encryption;

/**
 * The configured store. Credentials are read from the environment variables the config names
 * and registered as secrets before anything can print them; a missing one is a config error
 * naming the variable and where it comes from.
 */
export function openStore(
  config: StoreConfig,
  backupDir: string,
  env: NodeJS.ProcessEnv,
  secrets: SecretMask,
): BackupStore {
  if (config.kind === 'local') return localStore(backupDir);
  const need = (key: 'access-key-id-env' | 'secret-access-key-env') => {
    const name = config[key];
    const value = env[name];
    if (!value)
      throw new ConfigurationError(
        `migrate.store.${key}: $${name} is empty; map the store's credential from a secret in the step's env (env: ${name}: \${{ secrets.${name} }}), or name the variable you use in migrate.store.${key}`,
      );
    secrets.register(value);
    return value;
  };
  const accessKeyId = need('access-key-id-env');
  const secretAccessKey = need('secret-access-key-env');
  const sessionToken = env[config['session-token-env']] || undefined;
  secrets.register(sessionToken);
  return s3Store({
    bucket: config.bucket!,
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config['force-path-style'],
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    partSizeBytes: config['part-size-mb'] * 1024 * 1024,
  });
}
