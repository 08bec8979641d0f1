import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { MigrateConfig } from '../../config/sections/migrate.js';
import type { MigrationsGateConfig } from '../../config/sections/preflight.js';
import type { Exec } from '../../exec.js';
import { libpqEnv } from '../../postgres-url.js';
import type { MigrationEngine, PendingSource } from './types.js';

/** Where a preset keeps its migrations and in which dialect they are written. */
export interface MigrationLayout {
  engine: MigrationEngine;
  /** Directory relative to the repository root. */
  dir: string;
  /** files: <dir>/*.sql; prisma: <dir>/<name>/migration.sql. Both run in name order. */
  shape: 'files' | 'prisma';
}

export function migrationLayout(
  migrate: Pick<MigrateConfig, 'preset' | 'migrations-dir'>,
  gate: Pick<MigrationsGateConfig, 'engine' | 'dir'>,
): MigrationLayout {
  const dir = gate.dir ?? migrate['migrations-dir'];
  switch (migrate.preset) {
    case 'postgres':
      return { engine: gate.engine ?? 'postgres', dir, shape: 'files' };
    case 'sqlite':
    case 'd1': // wrangler's migrations_dir, "migrations" by default like migrate.migrations-dir
      return { engine: gate.engine ?? 'sqlite', dir, shape: 'files' };
    case 'prisma':
      return {
        engine: gate.engine ?? 'postgres',
        dir: gate.dir ?? 'prisma/migrations',
        shape: 'prisma',
      };
    case 'frappe':
      throw new Error(
        'the frappe preset (patches.txt, doctype JSON) is not judged yet; remove preflight.migrations or set enabled: false',
      );
    case 'command':
      if (!gate.engine)
        throw new Error(
          'the command preset needs preflight.migrations.engine (postgres or sqlite) and dir',
        );
      return { engine: gate.engine, dir, shape: 'files' };
  }
}

/** A migration file: its repository path and its path on disk. */
export interface MigrationFile {
  file: string;
  path: string;
  /** The name the applied-migrations table records (the file name; prisma: the folder). */
  name: string;
}

/**
 * Every migration in the checkout, in the order migrate-with-rollback applies them: names
 * sorted as JavaScript sorts strings (its plan does `[...files].sort()`).
 */
export async function listMigrations(
  layout: MigrationLayout,
  workspace: string,
): Promise<MigrationFile[]> {
  const abs = isAbsolute(layout.dir) ? layout.dir : resolve(workspace, layout.dir);
  let entries: string[];
  try {
    entries = (await readdir(abs)).sort();
  } catch {
    return [];
  }
  const rel = (p: string) => relative(workspace, p).split('\\').join('/');
  if (layout.shape === 'files')
    return entries
      .filter((e) => e.endsWith('.sql'))
      .map((name) => ({ name, path: join(abs, name), file: rel(join(abs, name)) }));
  return entries
    .filter((e) => existsSync(join(abs, e, 'migration.sql')))
    .map((name) => {
      const path = join(abs, name, 'migration.sql');
      return { name, path, file: rel(path) };
    });
}

export interface PendingList {
  pending: MigrationFile[];
  source: PendingSource;
  detail: string;
}

/** What production has applied, when the preset keeps a table the PR job can read; else undefined. */
export async function readAppliedInProduction(
  migrate: MigrateConfig,
  deps: { exec: Exec; env: NodeJS.ProcessEnv; workspace: string; timeoutMs: number },
): Promise<{ applied: Set<string>; detail: string } | undefined> {
  if (migrate.preset === 'postgres') {
    const url = deps.env[migrate['database-url-env']];
    if (!url) return undefined;
    // Read-only: the table migrate-with-rollback's postgres preset keeps (never created here).
    const run = (sql: string) =>
      deps.exec(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], {
        env: libpqEnv(url, migrate['database-url-env']),
        secrets: [url],
        timeoutMs: deps.timeoutMs,
        silent: true,
      });
    const exists = await run("SELECT to_regclass('promote_schema_migrations') IS NOT NULL");
    const names =
      exists.stdout.trim() === 't'
        ? (await run('SELECT filename FROM promote_schema_migrations')).stdout
        : '';
    return {
      applied: new Set(names.split('\n').filter(Boolean)),
      detail: `production's promote_schema_migrations table (via $${migrate['database-url-env']})`,
    };
  }
  if (migrate.preset === 'sqlite' && migrate['sqlite-path']) {
    const path = isAbsolute(migrate['sqlite-path'])
      ? migrate['sqlite-path']
      : resolve(deps.workspace, migrate['sqlite-path']);
    if (!existsSync(path)) return undefined;
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      const has = db
        .prepare(
          "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'promote_schema_migrations'",
        )
        .get();
      const rows = has
        ? (db.prepare('SELECT filename FROM promote_schema_migrations').all() as {
            filename: string;
          }[])
        : [];
      return {
        applied: new Set(rows.map((r) => r.filename)),
        detail: `the promote_schema_migrations table of ${migrate['sqlite-path']}`,
      };
    } finally {
      db.close();
    }
  }
  return undefined;
}

/**
 * The migrations that will run on merge, in order: every migration production has not applied
 * when production can be asked; otherwise the migration files the promotion adds, and the
 * detail says that is all it knows.
 */
export function pendingMigrations(
  all: readonly MigrationFile[],
  applied: { applied: Set<string>; detail: string } | undefined,
  addedFiles: readonly string[],
): PendingList {
  if (applied)
    return {
      pending: all.filter((m) => !applied.applied.has(m.name)),
      source: 'production',
      detail: `read from ${applied.detail}`,
    };
  const added = new Set(addedFiles);
  return {
    pending: all.filter((m) => added.has(m.file)),
    source: 'added-files',
    detail:
      'the migration files this promotion adds; production was not asked (no database credentials in this job), so migrations pending from earlier promotions are not listed',
  };
}
