import { readdir } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '@promote/core/errors';
import { type Logger } from '@promote/core/logger';
import type { MigrateActionConfig } from './config.js';
import { PRESETS } from './presets/index.js';
import { databaseNameOf, SecretMask } from './connection-env.js';

/** *.sql file names in the migrations dir (only presets that apply files read it). */
export async function listMigrationFiles(
  config: MigrateActionConfig,
  workspace: string,
  logger: Logger,
): Promise<string[]> {
  const preset = PRESETS[config.migrate.preset];
  const needs = Object.values(preset.steps).some((ts) => ts?.some((t) => t.perMigrationFile));
  if (!needs || config.migrate.overrides.migrate) return [];
  const dir = isAbsolute(config.migrate['migrations-dir'])
    ? config.migrate['migrations-dir']
    : resolve(workspace, config.migrate['migrations-dir']);
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.sql'));
  } catch {
    logger.warning(
      `No migrations directory at ${dir}: nothing to apply (set migrate.migrations-dir).`,
    );
    return [];
  }
}

/**
 * The database URL comes from the environment variable the config names (a secret mapped in
 * the workflow), is masked in every derived form, and only its database name enters the plan.
 */
export function readDatabaseUrl(
  config: MigrateActionConfig,
  env: NodeJS.ProcessEnv,
  secrets: SecretMask,
): { pgDatabase?: string } {
  const preset = PRESETS[config.migrate.preset];
  if (!preset.requires.includes('database-url')) return {};
  const name = config.migrate['database-url-env'];
  const url = env[name];
  if (!url) {
    throw new ConfigurationError(
      `preset "${preset.name}" needs the database URL in $${name}: map it from a secret in the step's env (env: ${name}: \${{ secrets.DATABASE_URL }}), or set migrate.database-url-env to the variable you use`,
    );
  }
  secrets.register(url);
  return { pgDatabase: databaseNameOf(url) };
}
