import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryLogger, systemClock } from '@promote/core';
import { migrateSection } from '@promote/core/config/sections/migrate';
import { buildPlan, type MigrateMode } from '../../../actions/migrate-with-rollback/src/plan.js';
import {
  orchestrateMigration,
  type OrchestrateHooks,
} from '../../../actions/migrate-with-rollback/src/orchestrate.js';
import { runCommand } from '../../../actions/migrate-with-rollback/src/run-command.js';
import { SecretMask } from '../../../actions/migrate-with-rollback/src/connection-env.js';
import { readdirSync } from 'node:fs';

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/migrate');

export function tempWorkspace(): string {
  return mkdtempSync(join(tmpdir(), 'promote-migrate-'));
}

/** A workspace with a seeded SQLite database and the given migrations fixture. */
export function sqliteWorkspace(migrations: string): { dir: string; db: string } {
  const dir = tempWorkspace();
  const db = join(dir, 'app.db');
  execFileSync('sqlite3', ['-bail', db, readFileSync(join(FIXTURES, 'sqlite-seed.sql'), 'utf8')]);
  cpSync(join(FIXTURES, migrations), join(dir, 'migrations'), { recursive: true });
  return { dir, db };
}

export function withMigrations(migrations: string): string {
  const dir = tempWorkspace();
  cpSync(join(FIXTURES, migrations), join(dir, 'migrations'), { recursive: true });
  return dir;
}

/** Independent of the action's checksum code: every row, in key order, hashed by sqlite3. */
export function sqliteFingerprint(db: string, tables = ['customers', 'orders']): string {
  return tables
    .map((t) =>
      execFileSync('sqlite3', ['-readonly', db, `.sha3sum --schema ${t}`], {
        encoding: 'utf8',
      }).trim(),
    )
    .join(' ');
}

export function sqliteQuery(db: string, sql: string): string {
  return execFileSync('sqlite3', ['-readonly', db, sql], { encoding: 'utf8' }).trim();
}

export function runOrchestration(options: {
  config: Record<string, unknown>;
  workspace: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  hooks?: OrchestrateHooks;
  pgDatabase?: string;
  mode?: MigrateMode;
}) {
  const config = migrateSection().parse(options.config);
  const migrationsDir = join(options.workspace, config['migrations-dir']);
  let files: string[] = [];
  try {
    files = readdirSync(migrationsDir);
  } catch {
    files = [];
  }
  const plan = buildPlan({
    config,
    environment: 'production',
    mode: options.mode ?? 'migrate',
    sha: 'abcdef1234567890',
    now: new Date(),
    workspace: options.workspace,
    migrationFiles: files,
    pgDatabase: options.pgDatabase,
    rollbackWorkflow: 'rollback.yml',
  });
  const logger = memoryLogger();
  const secrets = new SecretMask((v) => logger.setSecret(v));
  const env = { ...process.env, ...options.env };
  if (plan.databaseUrlEnv) secrets.register(env[plan.databaseUrlEnv]);
  const controller = new AbortController();
  const promise = orchestrateMigration(plan, {
    run: runCommand,
    logger,
    secrets,
    env,
    clock: systemClock,
    signal: options.signal ?? controller.signal,
    hooks: options.hooks,
  });
  return { plan, logger, promise };
}
