import { basename, isAbsolute, join, resolve } from 'node:path';
import { ConfigurationError } from '@promote/core/errors';
import { rollbackCommand } from '@promote/core/rollback-command';
import { formatDuration, parseDuration } from '@promote/core/time';
import { MIGRATE_STEPS, type MigrateStepName } from '@promote/core/config/keywords';
import type { MigrateConfig } from '@promote/core/config/sections/migrate';
import {
  PRESETS,
  type BackupFormat,
  type CommandTemplate,
  type Preset,
  type RestoreCheck,
} from './presets/index.js';
import { expandArgv, substitute, type PlaceholderValues } from './placeholders.js';
import { encryptionOf, storeKeys } from './backup-store/index.js';
import type { TransactionMarks } from './own-transaction.js';
import { CHECKSUM_KIND, restoredChecksumsScript, type ChecksumKind } from './table-checksums.js';

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
  /** The file the command's stdout is written to (CommandTemplate.stdoutTo, bound). */
  stdoutTo?: string;
  /** pg_dump: `--snapshot=<id>` added when the step context holds one. */
  takesSnapshot?: boolean;
  /** The script on the command's stdin (CommandTemplate.stdin, `from` bound; piped-stdin.ts). */
  stdin?: { from: string[]; before: string[]; after: string[]; ownTransaction?: TransactionMarks };
  /** The command prints the restored tables' checksums (restoredChecksumsScript) before COMMIT. */
  printsChecksums?: boolean;
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
  /** The app of promotion.yml's apps this run works on; undefined: the repository as one app. */
  app?: string;
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
  /** The app (its backups, store prefix and rollback command are its own). */
  app?: string;
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
  /**
   * Rollback: how the backup's table checksums were computed (checksumKindOf its record), so the
   * restore reads the restored tables the same way; a migration records the current kind.
   */
  checksumKind?: ChecksumKind;
}

const SAFE_MIGRATION = /^[A-Za-z0-9][A-Za-z0-9._-]*\.sql$/;

/**
 * `<env>-<yyyymmddThhmmssZ>-<sha7>`, or `<env>--<app>-<stamp>-<sha7>` for an app (issue #20): each
 * app's backups have their own names, so one app's retention and rollback never take another's
 * (the `--` as in the app's lock ref, refs/promote-locks/<env>--<app>).
 */
export function backupIdFor(environment: string, now: Date, sha: string, app?: string): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${backupNamePrefix(environment, app)}${stamp}-${(sha || 'nosha').slice(0, 7)}`;
}

/** What every backup id of this environment (and app) starts with, up to its timestamp. */
export function backupNamePrefix(environment: string, app?: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '-');
  return app ? `${safe(environment)}--${safe(app)}-` : `${safe(environment)}-`;
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
  checkPresetOptions(config, preset);
  const backupId = planBackupId(facts);
  const values = placeholderValues(facts, preset, backupId);
  const { backupDir, backupPath } = values;
  const steps = planSteps(
    config,
    preset,
    values,
    facts.migrationFiles,
    facts.checksumKind ?? CHECKSUM_KIND,
  );
  validateMarkers(steps);
  validateConfiguredMarkers(config);
  const store = planStore(config, facts.environment, backupPath, backupId, facts.app);
  return {
    mode: facts.mode,
    preset: preset.name,
    environment: facts.environment,
    ...(facts.app ? { app: facts.app } : {}),
    sha: facts.sha,
    backupId,
    backupDir,
    backupPath,
    manifestPath: join(backupDir, `${backupId}.manifest.json`),
    workDir: values.workDir,
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
    lock: planLock(config, facts.environment),
    rollbackCommand: rollbackCommand({
      owner: facts.repository?.owner ?? 'OWNER',
      repo: facts.repository?.repo ?? 'REPO',
      workflow: facts.rollbackWorkflow,
      backupId,
      fields: { environment: facts.environment, ...(facts.app ? { app: facts.app } : {}) },
      reason: `restore ${backupId}`,
    }),
  };
}

/** The options the preset needs (migrate.site, ...), and the command preset's own commands. */
function checkPresetOptions(config: MigrateConfig, preset: Preset): void {
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
}

/** A new id for a migration; the given one (checked) for a rollback. */
function planBackupId(facts: PlanFacts): string {
  const backupId =
    facts.mode === 'rollback'
      ? (facts.rollbackBackupId ?? '')
      : backupIdFor(facts.environment, facts.now, facts.sha, facts.app);
  if (!isValidBackupId(backupId)) {
    throw new ConfigurationError(
      `backup-id "${backupId}" is not a backup id (letters, digits, . _ -); copy it from the migrate run's summary or outputs`,
    );
  }
  return backupId;
}

type PlanValues = PlaceholderValues & {
  migrationsDir: string;
  backupDir: string;
  backupPath: string;
  workDir: string;
};

/** What the command templates' placeholders stand for, paths made absolute. */
function placeholderValues(facts: PlanFacts, preset: Preset, backupId: string): PlanValues {
  const { config } = facts;
  const backupDir = abs(facts.workspace, config['backup-dir']);
  const values = {
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
  return { ...values, backupPath };
}

/** Every step with commands, in the config's order (MIGRATE_STEPS). */
function planSteps(
  config: MigrateConfig,
  preset: Preset,
  values: PlanValues,
  migrationFiles: string[],
  checksumKind: ChecksumKind,
): Partial<Record<MigrateStepName, PlannedStep>> {
  const sorted = [...migrationFiles].sort();
  const steps: Partial<Record<MigrateStepName, PlannedStep>> = {};
  for (const name of MIGRATE_STEPS) {
    const commands = planCommands(name, config, preset, values, sorted, checksumKind);
    if (commands)
      steps[name] = {
        name,
        commands,
        timeoutMs: parseDuration(config.timeouts[name], `migrate.timeouts.${name}`),
      };
  }
  return steps;
}

/** One step's commands: the user's override, else the preset's; undefined when neither has any. */
function planCommands(
  name: MigrateStepName,
  config: MigrateConfig,
  preset: Preset,
  values: PlanValues,
  migrationFiles: string[],
  checksumKind: ChecksumKind,
): PlannedCommand[] | undefined {
  const override = config.overrides[name];
  const extraMarkers = config['error-markers'][name] ?? [];
  let templates: CommandTemplate[] | undefined = preset.steps[name];
  if (override) {
    templates = [{ argv: override.run, errorMarkers: override['error-markers'] ?? [] }];
  }
  if (!templates || templates.length === 0) return undefined;
  const where = override ? `migrate.overrides.${name}.run` : `preset ${preset.name} ${name}`;
  const commands: PlannedCommand[] = [];
  for (const t of templates) {
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
      ...(t.stdoutTo ? { stdoutTo: substitute(t.stdoutTo, values, where) } : {}),
      ...(t.takesSnapshot ? { takesSnapshot: true } : {}),
      ...(t.stdin
        ? pipedStdin(
            t,
            config,
            values,
            where,
            name === 'restore' &&
              !config.overrides['verify-restore'] &&
              preset.restoreCheck === 'pg-table-checksums'
              ? checksumKind
              : undefined,
          )
        : {}),
    };
    commands.push(...expandTemplate(t, base, config, values, where, migrationFiles));
  }
  return commands;
}

/**
 * The script a command reads on stdin, its producer's argv bound; the restored tables' checksums
 * go before `after` (the COMMIT) when the restore is checked by them.
 */
function pipedStdin(
  t: CommandTemplate,
  config: MigrateConfig,
  values: PlanValues,
  where: string,
  checksumKind: ChecksumKind | undefined,
): Pick<PlannedCommand, 'stdin' | 'printsChecksums'> {
  const { from, before, after, ownTransaction } = t.stdin!;
  const checksums = checksumKind !== undefined && t.restoredChecksums === true;
  return {
    stdin: {
      from: expandArgv(from, values, { withFiles: config['with-files'] }, where),
      before,
      after: [...(checksums ? restoredChecksumsScript(checksumKind) : []), ...after],
      ...(ownTransaction ? { ownTransaction } : {}),
    },
    ...(checksums ? { printsChecksums: true } : {}),
  };
}

/** One template's argv: once, or once per migration file (names checked: they reach argv). */
function expandTemplate(
  t: CommandTemplate,
  base: Omit<PlannedCommand, 'argv'>,
  config: MigrateConfig,
  values: PlanValues,
  where: string,
  migrationFiles: string[],
): PlannedCommand[] {
  const options = { withFiles: config['with-files'] };
  if (!t.perMigrationFile) {
    return [{ ...base, argv: expandArgv(t.argv, values, options, where, ['bookmark']) }];
  }
  return migrationFiles.map((file) => {
    if (!SAFE_MIGRATION.test(file)) {
      throw new ConfigurationError(
        `${config['migrations-dir']}/${file}: migration file names may use letters, digits, . _ - and end in .sql; rename it`,
      );
    }
    const argv = expandArgv(
      t.argv,
      { ...values, migrationFile: join(values.migrationsDir, file), migrationName: file },
      options,
      where,
      ['bookmark'],
    );
    return { ...base, argv, migrationName: file };
  });
}

/** Where the verified backup is kept, and how it is sealed. */
function planStore(
  config: MigrateConfig,
  environment: string,
  backupPath: string,
  backupId: string,
  app: string | undefined,
): StorePlan {
  const keys = storeKeys(config.store, environment, basename(backupPath), backupId, app);
  const enc = encryptionOf(config.store);
  return {
    kind: config.store.kind,
    ...keys,
    location:
      config.store.kind === 'local' ? backupPath : `s3://${config.store.bucket}/${keys.key}`,
    encryption: enc ? { recipients: enc.recipients, identityEnv: enc['identity-env'] } : undefined,
    keep: config.store.retention.keep,
  };
}

function planLock(config: MigrateConfig, environment: string): MigratePlan['lock'] {
  const lockRef =
    config.lock.ref ?? `refs/promote-locks/${environment.replace(/[^A-Za-z0-9._-]/g, '-')}`;
  return {
    ref: lockRef,
    ttlMs: parseDuration(config.lock.ttl, 'migrate.lock.ttl'),
    waitTimeoutMs: parseDuration(config.lock['wait-timeout'], 'migrate.lock.wait-timeout'),
    pollMs: parseDuration(config.lock['poll-interval'], 'migrate.lock.poll-interval'),
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

/** The configured extra markers, steps without commands included. */
function validateConfiguredMarkers(config: MigrateConfig): void {
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
}

/** Quote an argv element for display only (the plan in dry-run and the summary). */
export function displayArg(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The order a migrate run takes its steps. MIGRATE_STEPS is the config's order (the keys of
 * migrate.overrides, timeouts and error-markers as the schema and docs/config.md list them): the
 * steps every preset has, then `list`, which only presets that track applied migrations have. A
 * run takes `list` first (orchestrateMigration reads which migration files are applied before it
 * backs up), so the plan prints it first; the rest keeps the config's order.
 */
const RUN_ORDER: readonly MigrateStepName[] = [
  'list',
  ...MIGRATE_STEPS.filter((step) => step !== 'list'),
];

/** The way back, in the order a restore runs it (restoreAndVerify). */
const RESTORE_ORDER = ['restore', 'restart', 'verify-restore'] as const;

/** The plan as text: every argv exactly as it will run, env by NAME (values never shown). */
export function renderPlan(plan: MigratePlan, mask: (s: string) => string = (s) => s): string {
  const sequence: readonly MigrateStepName[] =
    plan.mode === 'rollback'
      ? RESTORE_ORDER
      : RUN_ORDER.filter((s) => s !== 'restore' && s !== 'verify-restore');
  return [
    ...headerLines(plan),
    ...sequence.flatMap((name) => stepLines(plan, name, mask)),
    ...(plan.mode === 'migrate' ? restoreLines(plan, mask) : []),
  ].join('\n');
}

function headerLines(plan: MigratePlan): string[] {
  const lines = [
    `mode: ${plan.mode}  preset: ${plan.preset}  environment: ${plan.environment}${plan.app ? `  app: ${plan.app}` : ''}  sha: ${plan.sha || '(none)'}`,
    `lock: ${plan.lock.ref} (ttl ${formatDuration(plan.lock.ttlMs)}, wait up to ${formatDuration(plan.lock.waitTimeoutMs)})`,
    `backup: ${plan.backupId} -> ${plan.backupPath} (format ${plan.backupFormat}, at least ${plan.minBackupBytes} bytes; manifest ${plan.manifestPath})`,
  ];
  if (plan.store.kind !== 'local')
    lines.push(
      `store: ${plan.store.location} (${plan.store.encryption ? `age-encrypted to ${plan.store.encryption.recipients.length} recipient(s) before upload` : 'UNENCRYPTED (encryption: none)'}; read back and compared; keep ${plan.store.keep})`,
    );
  if (plan.databaseUrlEnv)
    lines.push(`database URL: from $${plan.databaseUrlEnv} (passed as environment, masked)`);
  return lines;
}

/** A step's heading and its commands with the environment they get (by NAME). */
function stepLines(
  plan: MigratePlan,
  name: MigrateStepName,
  mask: (s: string) => string,
): string[] {
  const step = plan.steps[name];
  if (!step) return name === 'verify' ? [`${name}: built-in (${plan.backupFormat})`] : [];
  if (step.commands.length === 0) {
    // No heading without commands under it (migrate with no new migration files).
    return [`${name}: nothing to run${name === 'migrate' ? ' (no migration files)' : ''}`];
  }
  const lines = [`${name} (timeout ${formatDuration(step.timeoutMs)}):`];
  for (const c of step.commands) {
    const env = [
      ...(c.connection === 'libpq'
        ? ['PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE from the URL']
        : []),
      ...(c.connection === 'database-url' ? ['DATABASE_URL'] : []),
      ...Object.entries(c.env).map(([k, v]) => `${k}=$${v}`),
    ];
    lines.push(`  $ ${commandLine(c, mask)}${env.length ? `   [env: ${env.join(', ')}]` : ''}`);
  }
  return lines;
}

/**
 * A command as a shell would read it: `from | argv` for a piped script (what psql is sent around
 * it in parentheses), `argv > file` for a stdoutTo.
 */
export function commandLine(c: PlannedCommand, mask: (s: string) => string = (s) => s): string {
  const shown = (argv: string[]) => argv.map((a) => mask(displayArg(a))).join(' ');
  const to = c.stdoutTo ? ` > ${mask(displayArg(c.stdoutTo))}` : '';
  if (!c.stdin) return `${shown(c.argv)}${to}`;
  const { from, before, after, ownTransaction } = c.stdin;
  const own = ownTransaction
    ? ` without its ${ownTransaction.begin} and ${ownTransaction.commit}`
    : '';
  const script = [
    ...before,
    `<stdout of ${from[0]}${own}>`,
    ...(c.printsChecksums ? ['<table checksums>'] : []),
    `${after[after.length - 1] ?? ''} only once ${from[0]} exited 0`,
  ];
  return `${shown(from)} | ${shown(c.argv)}${to} (${script.join(' ')})`;
}

/** What a failed migration runs to put the backup back. */
function restoreLines(plan: MigratePlan, mask: (s: string) => string): string[] {
  const lines = ['on failure of migrate/restart/post-check: restore -> restart -> verify-restore:'];
  for (const name of RESTORE_ORDER) {
    for (const c of plan.steps[name]?.commands ?? []) lines.push(`  $ ${commandLine(c, mask)}`);
  }
  if (plan.restoreCheck !== 'none')
    lines.push(`  + ${plan.restoreCheck} compared with the backup's`);
  return lines;
}
