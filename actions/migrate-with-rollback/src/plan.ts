import { basename, isAbsolute, join, resolve } from 'node:path';
import { ConfigurationError } from '@promote/core/errors';
import { rollbackCommand } from '@promote/core/rollback-command';
import { formatDuration, parseDuration } from '@promote/core/time';
import type { MigrateConfig, MigrateStepName } from '@promote/core/config/sections/migrate';
import {
  PRESETS,
  type BackupFormat,
  type CommandTemplate,
  type RestoreCheck,
} from './presets/index.js';
import { expandArgv, substitute, type PlaceholderValues } from './placeholders.js';
import { encryptionOf, storeKeys } from './backup-store/index.js';

/** Where the verified backup is kept (what the rollback job reads back). */
export interface StorePlan {
  kind: 'local' | 's3';
  key: string;
  manifestKey: string;
  /** The environment's keys start with this (retention lists it). */
  prefix: string;
  location: string;
  encryption?: { recipients: string[]; identityEnv: string };
  keep: number;
}

/** One command as it will run: argv final except run-time placeholders ({bookmark}). */
export interface PlannedCommand {
  argv: string[];
  /** CHILD_VAR -> RUNNER_VAR copies (values are secrets, resolved at run time). */
  env: Record<string, string>;
  connection?: 'libpq' | 'database-url';
  errorMarkers: string[];
  capture?: { name: 'bookmark'; pattern: string };
  /** Set when this command applies one migration file (skipped if `list` says it is applied). */
  migrationName?: string;
}

export interface PlannedStep {
  name: MigrateStepName;
  commands: PlannedCommand[];
  timeoutMs: number;
}

export type MigrateMode = 'migrate' | 'rollback';

/** Everything the run will do, computed before any side effect; printed by dry-run and the summary. */
export interface MigratePlan {
  mode: MigrateMode;
  preset: string;
  environment: string;
  sha: string;
  backupId: string;
  backupDir: string;
  backupPath: string;
  manifestPath: string;
  workDir: string;
  backupFormat: BackupFormat;
  trailer?: string;
  minBackupBytes: number;
  restoreCheck: RestoreCheck;
  store: StorePlan;
  /** Env var NAME of the database URL when the preset connects (postgres, prisma). */
  databaseUrlEnv?: string;
  sqlitePath?: string;
  steps: Partial<Record<MigrateStepName, PlannedStep>>;
  lock: { ref: string; ttlMs: number; waitTimeoutMs: number; pollMs: number };
  /** What a human runs to put production back to this backup. */
  rollbackCommand: string;
}

export interface PlanFacts {
  config: MigrateConfig;
  environment: string;
  mode: MigrateMode;
  sha: string;
  now: Date;
  workspace: string;
  /** File names in the migrations dir (postgres/sqlite presets), unsorted. */
  migrationFiles: string[];
  /** Database name taken from the URL (not secret), for pg_restore -d. */
  pgDatabase?: string;
  /** Manual rollback: the backup to restore (id from input or a release's manifest). */
  rollbackBackupId?: string;
  rollbackWorkflow: string;
  /** owner/repo, for the exact `gh workflow run` recovery command. */
  repository?: { owner: string; repo: string };
}

const SAFE_MIGRATION = /^[A-Za-z0-9][A-Za-z0-9._-]*\.sql$/;

export function backupIdFor(environment: string, now: Date, sha: string): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const env = environment.replace(/[^A-Za-z0-9_-]/g, '-');
  return `${env}-${stamp}-${(sha || 'nosha').slice(0, 7)}`;
}

export function isValidBackupId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(id) && !id.includes('..');
}

function abs(workspace: string, path: string): string {
  return isAbsolute(path) ? path : resolve(workspace, path);
}

export function buildPlan(facts: PlanFacts): MigratePlan {
  const { config } = facts;
  const preset = PRESETS[config.preset];
  const missing = preset.requires.filter((r) => {
    if (r === 'site') return !config.site;
    if (r === 'database') return !config.database;
    if (r === 'sqlite-path') return !config['sqlite-path'];
    return false;
  });
  if (missing.length > 0) {
    throw new ConfigurationError(
      `promotion.yml: migrate.${missing[0]} is required by preset "${preset.name}"; add it under migrate:`,
    );
  }
  if (config.preset === 'command') {
    const need = (['backup', 'migrate', 'restore'] as const).filter((s) => !config.overrides[s]);
    if (need.length > 0) {
      throw new ConfigurationError(
        `promotion.yml: preset "command" needs migrate.overrides.${need.join(', migrate.overrides.')} (each with run: [argv...])`,
      );
    }
  }

  const backupId =
    facts.mode === 'rollback'
      ? (facts.rollbackBackupId ?? '')
      : backupIdFor(facts.environment, facts.now, facts.sha);
  if (!isValidBackupId(backupId)) {
    throw new ConfigurationError(
      `backup-id "${backupId}" is not a backup id (letters, digits, . _ -); copy it from the migrate run's summary or outputs`,
    );
  }
  const backupDir = abs(facts.workspace, config['backup-dir']);
  const values: PlaceholderValues = {
    site: config.site,
    database: config.database,
    pgDatabase: facts.pgDatabase,
    sqlitePath: config['sqlite-path'] ? abs(facts.workspace, config['sqlite-path']) : undefined,
    migrationsDir: abs(facts.workspace, config['migrations-dir']),
    backupDir,
    backupId,
    workDir: join(backupDir, `.work-${backupId}`),
    sha: facts.sha,
    environment: facts.environment,
  };
  const backupPath = join(backupDir, substitute(preset.backupFile, { backupId }, 'backup file'));
  values.backupPath = backupPath;

  const migrationFiles = [...facts.migrationFiles].sort();
  const steps: Partial<Record<MigrateStepName, PlannedStep>> = {};
  for (const name of Object.keys(config.timeouts) as MigrateStepName[]) {
    const override = config.overrides[name];
    const extraMarkers = config['error-markers'][name] ?? [];
    let templates: CommandTemplate[] | undefined = preset.steps[name];
    if (override) {
      templates = [{ argv: override.run, errorMarkers: override['error-markers'] ?? [] }];
    }
    if (!templates || templates.length === 0) continue;
    const commands: PlannedCommand[] = [];
    for (const t of templates) {
      const where = override ? `migrate.overrides.${name}.run` : `preset ${preset.name} ${name}`;
      const base: Omit<PlannedCommand, 'argv'> = {
        env: override?.env ?? {},
        // A user's command for a preset that connects gets the same PG* environment.
        connection: override
          ? preset.requires.includes('database-url')
            ? 'libpq'
            : undefined
          : t.connection,
        errorMarkers: [...(t.errorMarkers ?? []), ...extraMarkers],
        capture: t.capture,
      };
      if (t.perMigrationFile) {
        for (const file of migrationFiles) {
          if (!SAFE_MIGRATION.test(file)) {
            throw new ConfigurationError(
              `${config['migrations-dir']}/${file}: migration file names may use letters, digits, . _ - and end in .sql; rename it`,
            );
          }
          const argv = expandArgv(
            t.argv,
            { ...values, migrationFile: join(values.migrationsDir!, file), migrationName: file },
            { withFiles: config['with-files'] },
            where,
            ['bookmark'],
          );
          commands.push({ ...base, argv, migrationName: file });
        }
      } else {
        const argv = expandArgv(t.argv, values, { withFiles: config['with-files'] }, where, [
          'bookmark',
        ]);
        commands.push({ ...base, argv });
      }
    }
    steps[name] = {
      name,
      commands,
      timeoutMs: parseDuration(config.timeouts[name], `migrate.timeouts.${name}`),
    };
  }

  validateMarkers(steps);
  for (const [step, markers] of Object.entries(config['error-markers'])) {
    for (const m of markers ?? []) {
      try {
        new RegExp(m, 'm');
      } catch {
        throw new ConfigurationError(
          `promotion.yml: migrate.error-markers.${step}: "${m}" is not a valid regex`,
        );
      }
    }
  }
  const keys = storeKeys(config.store, facts.environment, basename(backupPath), backupId);
  const enc = encryptionOf(config.store);
  const store: StorePlan = {
    kind: config.store.kind,
    ...keys,
    location:
      config.store.kind === 'local' ? backupPath : `s3://${config.store.bucket}/${keys.key}`,
    encryption: enc ? { recipients: enc.recipients, identityEnv: enc['identity-env'] } : undefined,
    keep: config.store.retention.keep,
  };
  const lockRef =
    config.lock.ref ?? `refs/promote-locks/${facts.environment.replace(/[^A-Za-z0-9._-]/g, '-')}`;
  return {
    mode: facts.mode,
    preset: preset.name,
    environment: facts.environment,
    sha: facts.sha,
    backupId,
    backupDir,
    backupPath,
    manifestPath: join(backupDir, `${backupId}.manifest.json`),
    workDir: values.workDir!,
    backupFormat: config.overrides.verify ? 'opaque' : preset.backupFormat,
    trailer: preset.trailer,
    minBackupBytes: config['min-backup-bytes'],
    restoreCheck: config.overrides['verify-restore'] ? 'none' : preset.restoreCheck,
    store,
    databaseUrlEnv:
      preset.requires.includes('database-url') || usesUrl(steps)
        ? config['database-url-env']
        : undefined,
    sqlitePath: values.sqlitePath,
    steps,
    lock: {
      ref: lockRef,
      ttlMs: parseDuration(config.lock.ttl, 'migrate.lock.ttl'),
      waitTimeoutMs: parseDuration(config.lock['wait-timeout'], 'migrate.lock.wait-timeout'),
      pollMs: parseDuration(config.lock['poll-interval'], 'migrate.lock.poll-interval'),
    },
    rollbackCommand: rollbackCommand({
      owner: facts.repository?.owner ?? 'OWNER',
      repo: facts.repository?.repo ?? 'REPO',
      workflow: facts.rollbackWorkflow,
      backupId,
      fields: { environment: facts.environment },
      reason: `restore ${backupId}`,
    }),
  };
}

function usesUrl(steps: Partial<Record<MigrateStepName, PlannedStep>>): boolean {
  return Object.values(steps).some((s) => s?.commands.some((c) => c.connection));
}

function validateMarkers(steps: Partial<Record<MigrateStepName, PlannedStep>>): void {
  for (const step of Object.values(steps)) {
    for (const c of step?.commands ?? []) {
      for (const m of c.errorMarkers) {
        try {
          new RegExp(m, 'm');
        } catch {
          throw new ConfigurationError(
            `promotion.yml: migrate.error-markers.${step!.name}: "${m}" is not a valid regex`,
          );
        }
      }
    }
  }
}

/** Quote an argv element for display only (the plan in dry-run and the summary). */
export function displayArg(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

const ORDER: MigrateStepName[] = [
  'list',
  'backup',
  'verify',
  'migrate',
  'restart',
  'post-check',
  'restore',
  'verify-restore',
];

/** The plan as text: every argv exactly as it will run, env by NAME (values never shown). */
export function renderPlan(plan: MigratePlan, mask: (s: string) => string = (s) => s): string {
  const lines: string[] = [];
  lines.push(
    `mode: ${plan.mode}  preset: ${plan.preset}  environment: ${plan.environment}  sha: ${plan.sha || '(none)'}`,
  );
  lines.push(
    `lock: ${plan.lock.ref} (ttl ${formatDuration(plan.lock.ttlMs)}, wait up to ${formatDuration(plan.lock.waitTimeoutMs)})`,
  );
  lines.push(
    `backup: ${plan.backupId} -> ${plan.backupPath} (format ${plan.backupFormat}, at least ${plan.minBackupBytes} bytes; manifest ${plan.manifestPath})`,
  );
  if (plan.store.kind !== 'local')
    lines.push(
      `store: ${plan.store.location} (${plan.store.encryption ? `age-encrypted to ${plan.store.encryption.recipients.length} recipient(s) before upload` : 'UNENCRYPTED (encryption: none)'}; read back and compared; keep ${plan.store.keep})`,
    );
  if (plan.databaseUrlEnv)
    lines.push(`database URL: from $${plan.databaseUrlEnv} (passed as environment, masked)`);
  const sequence: Array<[string, MigrateStepName]> =
    plan.mode === 'rollback'
      ? [
          ['restore', 'restore'],
          ['restart', 'restart'],
          ['verify-restore', 'verify-restore'],
        ]
      : ORDER.filter((s) => s !== 'restore' && s !== 'verify-restore').map(
          (s) => [s, s] as [string, MigrateStepName],
        );
  for (const [label, name] of sequence) {
    const step = plan.steps[name];
    if (!step) {
      if (name === 'verify') lines.push(`${label}: built-in (${plan.backupFormat})`);
      continue;
    }
    if (step.commands.length === 0) {
      // No heading without commands under it (migrate with no new migration files).
      lines.push(`${label}: nothing to run${name === 'migrate' ? ' (no migration files)' : ''}`);
      continue;
    }
    lines.push(`${label} (timeout ${formatDuration(step.timeoutMs)}):`);
    for (const c of step.commands) {
      const env = [
        ...(c.connection === 'libpq'
          ? ['PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE from the URL']
          : []),
        ...(c.connection === 'database-url' ? ['DATABASE_URL'] : []),
        ...Object.entries(c.env).map(([k, v]) => `${k}=$${v}`),
      ];
      lines.push(
        `  $ ${c.argv.map((a) => mask(displayArg(a))).join(' ')}${env.length ? `   [env: ${env.join(', ')}]` : ''}`,
      );
    }
  }
  if (plan.mode === 'migrate') {
    lines.push('on failure of migrate/restart/post-check: restore -> restart -> verify-restore:');
    for (const name of ['restore', 'restart', 'verify-restore'] as const) {
      for (const c of plan.steps[name]?.commands ?? [])
        lines.push(`  $ ${c.argv.map((a) => mask(displayArg(a))).join(' ')}`);
    }
    if (plan.restoreCheck !== 'none')
      lines.push(`  + ${plan.restoreCheck} compared with the backup's`);
  }
  return lines.join('\n');
}
