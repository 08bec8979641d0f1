import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promotionConfigSchema } from '../../../packages/core/src/config/schema.js';
import type { MigrateConfig } from '../../../packages/core/src/config/sections/migrate.js';
import { createExec } from '../../../packages/core/src/exec.js';
import { readMigrationFacts } from '../../../packages/core/src/gates/migrations/collect-migrations.js';
import { memoryLogger } from '../../../packages/core/src/logger.js';
import { startPostgres, type PostgresCluster } from '../../support/postgres.js';
import {
  runOrchestration,
  sqliteQuery,
  tempWorkspace,
} from '../../actions/migrate-with-rollback/world.js';
import { file } from './facts-builder.js';

/**
 * "What is really pending": with production reachable, preflight lists every migration the
 * applied-migrations table lacks, in order, and migrate-with-rollback then applies exactly
 * those, in that order, on the same database.
 */

const SQUAWK = join(process.cwd(), 'node_modules/.bin/squawk');
const exec = createExec({ logger: memoryLogger() });

const FIRST = { '001_notes.sql': 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n' };
const LATER = {
  // On main since an earlier promotion whose migrate never ran: not added by this PR.
  '002_tags.sql': 'CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT);\n',
  // Added by this promotion.
  '010_author.sql': 'ALTER TABLE notes ADD COLUMN author TEXT;\n',
};

function writeMigrations(dir: string, files: Record<string, string>): void {
  mkdirSync(join(dir, 'migrations'), { recursive: true });
  for (const [name, sql] of Object.entries(files))
    writeFileSync(join(dir, 'migrations', name), sql);
}

async function preflightPending(workspace: string, migrate: Record<string, unknown>, env = {}) {
  const config = promotionConfigSchema().parse({
    migrate,
    preflight: { migrations: { squawk: [SQUAWK] } },
  });
  return readMigrationFacts(
    { exec, env, workspace, readBase: async () => null },
    config.migrate as MigrateConfig,
    config.preflight.migrations!,
    [file('migrations/010_author.sql', undefined)],
  );
}

describe('the pending list is what migrate-with-rollback applies', () => {
  let pg: PostgresCluster;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
  });

  test('PostgreSQL: read from production, the list names a migration an earlier promotion left pending', async () => {
    pg.createDatabase('app');
    const url = pg.url('app');
    const workspace = tempWorkspace();
    const migrate = { preset: 'postgres', 'database-url-env': 'PROD_DB_URL' };
    writeMigrations(workspace, FIRST);
    expect(
      (
        await runOrchestration({
          config: migrate,
          workspace,
          env: { PROD_DB_URL: url },
          pgDatabase: 'app',
        }).promise
      ).state,
    ).toBe('migrated');
    writeMigrations(workspace, LATER);

    const withoutProduction = await preflightPending(workspace, migrate);
    expect(withoutProduction.source).toBe('added-files');
    expect(withoutProduction.pending).toEqual(['migrations/010_author.sql']);

    const listed = await preflightPending(workspace, migrate, { PROD_DB_URL: url });
    expect(listed.source).toBe('production');
    expect(listed.pending).toEqual(['migrations/002_tags.sql', 'migrations/010_author.sql']);

    const report = await runOrchestration({
      config: migrate,
      workspace,
      env: { PROD_DB_URL: url },
      pgDatabase: 'app',
    }).promise;
    expect(report.state).toBe('migrated');
    const applied = pg
      .sql(
        "SELECT filename FROM promote_schema_migrations WHERE filename <> '001_notes.sql' ORDER BY applied_at",
        'app',
      )
      .trim()
      .split('\n');
    expect(applied.map((f) => `migrations/${f}`)).toEqual(listed.pending);
    // Nothing is pending afterwards.
    expect((await preflightPending(workspace, migrate, { PROD_DB_URL: url })).pending).toEqual([]);
  }, 60_000);

  test('SQLite: read from the database file, the same list and order as the migrate that follows', async () => {
    const workspace = tempWorkspace();
    const db = join(workspace, 'app.db');
    execFileSync('sqlite3', [db, 'VACUUM']);
    const migrate = { preset: 'sqlite', 'sqlite-path': 'app.db' };
    writeMigrations(workspace, FIRST);
    expect((await runOrchestration({ config: migrate, workspace }).promise).state).toBe('migrated');
    writeMigrations(workspace, LATER);

    const listed = await preflightPending(workspace, migrate);
    expect(listed.source).toBe('production');
    expect(listed.pending).toEqual(['migrations/002_tags.sql', 'migrations/010_author.sql']);
    expect(listed.findings).toEqual([]);

    expect((await runOrchestration({ config: migrate, workspace }).promise).state).toBe('migrated');
    const applied = sqliteQuery(
      db,
      "SELECT filename FROM promote_schema_migrations WHERE filename <> '001_notes.sql' ORDER BY rowid",
    ).split('\n');
    expect(applied.map((f) => `migrations/${f}`)).toEqual(listed.pending);
  }, 60_000);
});
