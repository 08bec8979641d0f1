import { ConfigurationError } from '@promote/core/errors';
import type { ArgTemplate } from './presets/index.js';

/** Values a template may name. Substituted inside each argv element; never joined into a shell string. */
export type PlaceholderValues = Partial<Record<PlaceholderName, string>>;

export const PLACEHOLDERS = [
  'site',
  'database',
  'pgDatabase',
  'sqlitePath',
  'migrationsDir',
  'migrationFile',
  'migrationName',
  'backupDir',
  'backupId',
  'backupPath',
  'workDir',
  'bookmark',
  'sha',
  'environment',
] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

const PATTERN = /\{([A-Za-z]+)\}/g;

/**
 * Substitute placeholders in one argv element. Names in `deferred` stay as written (bound at run
 * time, e.g. {bookmark} captured from the backup step); an unknown name is a config error.
 */
export function substitute(
  template: string,
  values: PlaceholderValues,
  where: string,
  deferred: readonly string[] = [],
): string {
  return template.replace(PATTERN, (whole, name: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new ConfigurationError(
        `promotion.yml: ${where}: unknown placeholder ${whole}; use one of ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
      );
    }
    const value = values[name as PlaceholderName];
    if (value === undefined) {
      if (deferred.includes(name)) return whole;
      throw new ConfigurationError(
        `promotion.yml: ${where}: ${whole} has no value here; set the option it comes from (e.g. migrate.site for {site}) or remove it`,
      );
    }
    return value;
  });
}

export function expandArgv(
  argv: readonly ArgTemplate[],
  values: PlaceholderValues,
  options: { withFiles: boolean },
  where: string,
  deferred: readonly string[] = [],
): string[] {
  const out: string[] = [];
  for (const element of argv) {
    if (typeof element === 'string') out.push(substitute(element, values, where, deferred));
    else if (element.when === 'withFiles' && options.withFiles) out.push(element.arg);
  }
  return out;
}

/** Bind run-time placeholders ({bookmark}) left in a planned argv. */
export function bindRuntime(
  argv: readonly string[],
  values: PlaceholderValues,
  where: string,
): string[] {
  return argv.map((a) => substitute(a, values, where));
}
