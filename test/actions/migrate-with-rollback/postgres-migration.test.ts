import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { startPostgres, type PostgresCluster } from '../../support/postgres.js';
import { memoryLogger, systemClock } from '@promote/core';
import { migrateSection } from '@promote/core/config/sections/migrate';
import { buildPlan } from '../../../actions/migrate-with-rollback/src/plan.js';
import {
  restoreAndVerify,
  type RunReport,
} from '../../../actions/migrate-with-rollback/src/orchestrate.js';
import { runCommand } from '../../../actions/migrate-with-rollback/src/run-command.js';
import { SecretMask } from '../../../actions/migrate-with-rollback/src/connection-env.js';
import { checksumKindOf } from '../../../actions/migrate-with-rollback/src/table-checksums.js';
import { FIXTURES, runOrchestration, withMigrations } from './world.js';

let pg: PostgresCluster;
let n = 0;

beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(async () => {
  await pg?.stop();
});

/** A fresh seeded database per test. */
function seededDatabase(): string {
  const name = `app${++n}`;
  pg.createDatabase(name);
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(FIXTURES, 'pg-seed.sql')], {
    env: pg.env(name),
  });
  return name;
}

/** Independent of the action's own checksums: every row of every table, in key order. */
function fingerprint(db: string): string {
  return pg
    .sql(
      `SELECT string_agg(t || '=' || h, ' ' ORDER BY t) FROM (
       SELECT 'customers' t, md5(string_agg(c::text, ',' ORDER BY id)) h FROM customers c
       UNION ALL SELECT 'orders', md5(string_agg(o::text, ',' ORDER BY id)) FROM orders o
       UNION ALL SELECT 'tables', string_agg(table_name || ':' || column_name, ',' ORDER BY table_name, column_name)
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'promote_schema_migrations') x`,
      db,
    )
    .trim();
}

const pgConfig = (extra: Record<string, unknown> = {}) => ({
  preset: 'postgres',
  'database-url-env': 'PROD_DB_URL',
  ...extra,
});

describe('postgres preset on a real PostgreSQL 15', () => {
  test('a good migration keeps every row; the URL never reaches argv or the log', async () => {
    const db = seededDatabase();
    const dir = withMigrations('pg-good');
    const url = pg.url(db).replace('postgres@', 'postgres:s3cret-pw@');
    const { plan, logger, promise } = runOrchestration({
      config: pgConfig(),
      workspace: dir,
      env: { PROD_DB_URL: url },
      pgDatabase: db,
    });
    const report = await promise;
    expect(report.failure).toBeUndefined();
    expect(report.state).toBe('migrated');
    expect(pg.sql('SELECT count(*) FROM customers', db).trim()).toBe('500');
    expect(pg.sql('SELECT count(*) FROM orders', db).trim()).toBe('5000');
    expect(pg.sql("SELECT count(*) FROM orders WHERE status = 'paid'", db).trim()).toBe('4000');
    expect(pg.sql('SELECT filename FROM promote_schema_migrations ORDER BY 1', db).trim()).toBe(
      '001_add_status.sql\n002_backfill.sql',
    );
    const manifest = JSON.parse(readFileSync(plan.manifestPath, 'utf8'));
    expect(manifest.format).toBe('pg-custom');
    expect(Object.keys(manifest.tableChecksums)).toEqual(
      expect.arrayContaining(['public.customers', 'public.orders']),
    );
    const everything = JSON.stringify(plan) + logger.lines.join('\n') + JSON.stringify(report);
    expect(everything).not.toContain('s3cret-pw');
    expect(everything).not.toContain(url);
  });

  test('a migration that fails half-way (schema applied, data failed) is restored with table checksums equal to before', async () => {
    const db = seededDatabase();
    const before = fingerprint(db);
    const dir = withMigrations('pg-half');
    const { promise } = runOrchestration({
      config: pgConfig(),
      workspace: dir,
      env: { PROD_DB_URL: pg.url(db) },
      pgDatabase: db,
    });
    const report = await promise;
    expect(report.state).toBe('rolled-back');
    expect(report.failure).toMatch(/migrate failed \(exit 3\).*002_backfill\.sql/);
    expect(report.steps.map((s) => `${s.name}:${s.ok}`)).toEqual([
      'list:true',
      'backup:true',
      'verify:true',
      'migrate:false',
      'restore:true',
      'verify-restore:true',
    ]);
    // The column and the table 001 created are gone; every row is as before.
    expect(
      pg
        .sql(
          "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'status'",
          db,
        )
        .trim(),
    ).toBe('0');
    expect(pg.sql("SELECT to_regclass('public.audit_log') IS NULL", db).trim()).toBe('t');
    expect(fingerprint(db)).toBe(before);
    // After the rollback the next run starts clean: nothing is recorded as applied.
    expect(pg.sql('SELECT count(*) FROM promote_schema_migrations', db).trim()).toBe('0');
  });

  test('a backup cut after it was verified fails the restore and the restore changes nothing (no COMMIT without the whole archive)', async () => {
    const db = seededDatabase();
    const dir = withMigrations('pg-half');
    let beforeRestore = '';
    const { plan, promise } = runOrchestration({
      config: pgConfig(),
      workspace: dir,
      env: { PROD_DB_URL: pg.url(db) },
      pgDatabase: db,
      hooks: {
        // The verified file loses its last third (inside the orders data) before the migration.
        backupVerified: async (manifest) => {
          truncateSync(manifest.location, Math.floor(statSync(manifest.location).size * 0.66));
        },
        restoreStarting: async () => {
          beforeRestore = fingerprint(db);
        },
      },
    });
    const report = await promise;
    expect(report.state).toBe('rollback-failed');
    expect(report.rollbackFailure).toMatch(
      /^restore failed \(pg_restore exit 1; the script was not committed\)/,
    );
    expect(report.steps.map((s) => `${s.name}:${s.ok}`).slice(-2)).toEqual([
      'migrate:false',
      'restore:false',
    ]);
    // The schema was dropped, tables recreated and rows copied inside the transaction, which
    // was never committed: the database is as the failed migration left it (001 applied).
    expect(fingerprint(db)).toBe(beforeRestore);
    expect(pg.sql("SELECT to_regclass('public.audit_log') IS NOT NULL", db).trim()).toBe('t');
    expect(pg.sql('SELECT count(*) FROM orders', db).trim()).toBe('5000');
    expect(report.next.join('\n')).toContain(plan.rollbackCommand);
  });

  /**
   * A failing migration whose restore runs a pg_restore stand-in (`script`, sh, with `$REAL` the
   * real pg_restore) first on PATH; the fingerprint is taken as the restore starts.
   */
  async function rollBackThrough(db: string, script: string) {
    const dir = withMigrations('pg-half');
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const real = execFileSync('sh', ['-c', 'command -v pg_restore'], { encoding: 'utf8' }).trim();
    writeFileSync(join(bin, 'pg_restore'), `#!/bin/sh\nREAL=${real}\n${script}\n`, {
      mode: 0o755,
    });
    let beforeRestore = '';
    const { promise } = runOrchestration({
      config: pgConfig(),
      workspace: dir,
      env: { PROD_DB_URL: pg.url(db), PATH: `${bin}:${process.env.PATH}` },
      pgDatabase: db,
      hooks: {
        restoreStarting: async () => {
          beforeRestore = fingerprint(db);
        },
      },
    });
    return { report: await promise, beforeRestore };
  }
  // Only the restore's `pg_restore -f -` fails, after its last byte: psql has every statement
  // and only the missing COMMIT keeps them out.
  const lateFailure =
    'case " $* " in *" -f - "*) "$REAL" "$@"; echo "pg_restore: error: late failure" >&2; exit 1;; esac\nexec "$REAL" "$@"';

  // Large objects (lo_create) live outside every schema. Without --single-transaction,
  // pg_restore's script wraps their data in a BEGIN/COMMIT of its own, whose COMMIT would commit
  // the restore's transaction half-way (the schema drop, the tables so far).
  const withLargeObject = (db: string) =>
    pg.sql(
      `CREATE TABLE attachments (id integer PRIMARY KEY, content oid NOT NULL);
       INSERT INTO attachments VALUES (1, lo_from_bytea(0, convert_to('invoice 2026-11', 'UTF8')));`,
      db,
    );
  const largeObjectText = (db: string) =>
    pg.sql("SELECT convert_from(lo_get(content), 'UTF8') FROM attachments WHERE id = 1", db).trim();

  test('a database with large objects is restored whole, the large object with it', async () => {
    const db = seededDatabase();
    withLargeObject(db);
    const before = fingerprint(db);
    const { logger, promise } = runOrchestration({
      config: pgConfig(),
      workspace: withMigrations('pg-half'),
      env: { PROD_DB_URL: pg.url(db) },
      pgDatabase: db,
    });
    const report = await promise;
    expect(report.rollbackFailure).toBeUndefined();
    expect(report.state).toBe('rolled-back');
    expect(fingerprint(db)).toBe(before);
    expect(largeObjectText(db)).toBe('invoice 2026-11');
    expect(pg.sql("SELECT to_regclass('public.audit_log') IS NULL", db).trim()).toBe('t');
    // One transaction from the first statement to the last: psql never saw a second BEGIN or a
    // COMMIT outside it.
    expect(logger.lines.join('\n')).toContain('$ psql');
    expect(logger.lines.join('\n')).not.toMatch(/already a transaction|no transaction in progress/);
  });

  test.each([
    ['', false],
    [' (a database with large objects)', true],
  ])(
    'pg_restore that writes the whole script but exits non-zero%s: no COMMIT, the restore changes nothing',
    async (_, largeObject) => {
      const db = seededDatabase();
      if (largeObject) withLargeObject(db);
      const { report, beforeRestore } = await rollBackThrough(db, lateFailure);
      expect(report.state).toBe('rollback-failed');
      expect(report.rollbackFailure).toMatch(
        /^restore failed \(pg_restore exit 1; the script was not committed\)/,
      );
      // As the failed migration left it: 001's table is still there, nothing was dropped.
      expect(fingerprint(db)).toBe(beforeRestore);
      expect(pg.sql("SELECT to_regclass('public.audit_log') IS NOT NULL", db).trim()).toBe('t');
      if (largeObject) expect(largeObjectText(db)).toBe('invoice 2026-11');
    },
  );

  test('a pg_restore whose script is not in one transaction of its own is refused, and the restore changes nothing', async () => {
    const db = seededDatabase();
    // A pg_restore that drops --single-transaction: its script would commit large objects on
    // its own, so it is not replayed inside the restore's transaction at all.
    const { report, beforeRestore } = await rollBackThrough(
      db,
      'for a; do shift; [ "$a" = --single-transaction ] || set -- "$@" "$a"; done\nexec "$REAL" "$@"',
    );
    expect(report.state).toBe('rollback-failed');
    expect(report.rollbackFailure).toMatch(
      /^restore failed \(pg_restore exited 0 but its script did not open with "BEGIN;" \(its first statement is "SET statement_timeout = 0;"\); the script was not committed\)/,
    );
    expect(fingerprint(db)).toBe(beforeRestore);
    expect(pg.sql("SELECT to_regclass('public.audit_log') IS NOT NULL", db).trim()).toBe('t');
  });

  test('tables with enums, json, arrays and OID-valued columns (which a restore recreates with new OIDs) verify after a restore', async () => {
    const db = seededDatabase();
    pg.sql(
      `CREATE TYPE mood AS ENUM ('calm', 'tense');
       CREATE TABLE extras (id integer PRIMARY KEY, feeling mood NOT NULL, doc json, tags text[], ref regclass, price money);
       INSERT INTO extras SELECT g, CASE WHEN g % 2 = 0 THEN 'calm' ELSE 'tense' END::mood, json_build_object('g', g), ARRAY['a' || g, 'b'], 'public.orders', g FROM generate_series(1, 300) g;`,
      db,
    );
    const before = fingerprint(db);
    const extras = pg.sql("SELECT md5(string_agg(e::text, ',' ORDER BY id)) FROM extras e", db);
    const { plan, promise } = runOrchestration({
      config: pgConfig(),
      workspace: withMigrations('pg-half'),
      env: { PROD_DB_URL: pg.url(db) },
      pgDatabase: db,
    });
    const report = await promise;
    expect(report.rollbackFailure).toBeUndefined();
    expect(report.state).toBe('rolled-back');
    expect(fingerprint(db)).toBe(before);
    expect(pg.sql("SELECT md5(string_agg(e::text, ',' ORDER BY id)) FROM extras e", db)).toBe(
      extras,
    );
    const recorded = JSON.parse(readFileSync(plan.manifestPath, 'utf8')).tableChecksums;
    expect(recorded['public.extras']).toMatch(/^300:h64:-?\d+$/);
  });

  test('restored tables whose checksums differ from the recorded ones are reported, naming the table', async () => {
    const db = seededDatabase();
    const dir = withMigrations('pg-half');
    let recorded = '';
    const { promise } = runOrchestration({
      config: pgConfig(),
      workspace: dir,
      env: { PROD_DB_URL: pg.url(db) },
      pgDatabase: db,
      hooks: {
        // The record says orders had one row more than the backup holds.
        backupVerified: async (manifest) => {
          recorded = manifest.tableChecksums!['public.orders']!;
          manifest.tableChecksums!['public.orders'] = recorded.replace(/^5000:/, '5001:');
        },
      },
    });
    const report = await promise;
    expect(report.state).toBe('rollback-failed');
    expect(report.steps.map((s) => `${s.name}:${s.ok}`).slice(-2)).toEqual([
      'restore:true',
      'verify-restore:false',
    ]);
    expect(recorded).toMatch(/^5000:h64:-?\d+$/);
    expect(report.rollbackFailure).toBe(
      `restored tables differ from the backup: public.orders: ${recorded.replace(/^5000:/, '5001:')} before, ${recorded} after`,
    );
  });

  test('a backup an earlier version recorded (md5 sums) is restored and checked with md5 sums', async () => {
    const db = seededDatabase();
    const workspace = withMigrations('pg-good');
    // What earlier versions recorded for each table: the md5 sums, as numeric.
    const recorded = Object.fromEntries(
      pg
        .sql(
          `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'`,
          db,
        )
        .trim()
        .split('\n')
        .map((t) => [
          t,
          pg
            .sql(
              `SELECT count(*) || ':' || coalesce(sum(('x' || substr(md5(r::text), 1, 15))::bit(60)::bigint::numeric), 0) FROM ${t} r`,
              db,
            )
            .trim(),
        ]),
    );
    const before = fingerprint(db);
    const plan = buildPlan({
      config: migrateSection().parse(pgConfig()),
      environment: 'production',
      mode: 'rollback',
      sha: 'abcdef1234567890',
      now: new Date(),
      workspace,
      migrationFiles: [],
      pgDatabase: db,
      rollbackBackupId: 'production-legacy',
      rollbackWorkflow: 'rollback.yml',
      checksumKind: checksumKindOf({ tables: recorded }),
    });
    mkdirSync(plan.backupDir, { recursive: true });
    execFileSync('pg_dump', ['-Fc', '--no-owner', '-f', plan.backupPath], { env: pg.env(db) });
    pg.sql('DELETE FROM orders WHERE id > 100', db);
    const report: RunReport = { state: 'rolled-back', steps: [], cancelled: false, next: [] };
    const logger = memoryLogger();
    const ok = await restoreAndVerify(
      plan,
      {
        run: runCommand,
        logger,
        secrets: new SecretMask(),
        env: { ...process.env, PROD_DB_URL: pg.url(db) },
        clock: systemClock,
        signal: new AbortController().signal,
      },
      report,
      {},
      { tables: recorded },
    );
    expect(report.rollbackFailure).toBeUndefined();
    expect(ok).toBe(true);
    expect(report.steps.find((s) => s.name === 'verify-restore')?.commands[0]?.argv).toBe(
      `table checksums equal to the backup's (${Object.keys(recorded).length} tables)`,
    );
    expect(fingerprint(db)).toBe(before);
  });

  test('after a rollback, a fixed migration deploys on the next run', async () => {
    const db = seededDatabase();
    const dir = withMigrations('pg-half');
    expect(
      (
        await runOrchestration({
          config: pgConfig(),
          workspace: dir,
          env: { PROD_DB_URL: pg.url(db) },
          pgDatabase: db,
        }).promise
      ).state,
    ).toBe('rolled-back');
    writeFileSync(
      join(dir, 'migrations', '002_backfill.sql'),
      "UPDATE orders SET status = 'archived' WHERE id <= 2500;\n",
    );
    const next = await runOrchestration({
      config: pgConfig(),
      workspace: dir,
      env: { PROD_DB_URL: pg.url(db) },
      pgDatabase: db,
    }).promise;
    expect(next.state).toBe('migrated');
    expect(pg.sql("SELECT count(*) FROM orders WHERE status = 'archived'", db).trim()).toBe('2500');
  });

  test('a truncated dump is rejected before migrating (pg_restore --list alone would accept it)', async () => {
    const db = seededDatabase();
    const before = fingerprint(db);
    const dir = withMigrations('pg-good');
    const script = join(dir, 'dump-then-cut.sh');
    writeFileSync(script, '#!/bin/sh\npg_dump -Fc -f "$1" && truncate -s 30000 "$1"\n', {
      mode: 0o755,
    });
    const { plan, promise } = runOrchestration({
      config: pgConfig({ overrides: { backup: { run: [script, '{backupPath}'], env: {} } } }),
      workspace: dir,
      env: { PROD_DB_URL: pg.url(db) },
      pgDatabase: db,
    });
    const report = await promise;
    expect(report.state).toBe('not-migrated');
    expect(report.failure).toMatch(/backup rejected: reading the whole archive failed/);
    expect(existsSync(plan.manifestPath)).toBe(false);
    expect(fingerprint(db)).toBe(before);
  });

  test('a 20-byte "backup" is rejected by size', async () => {
    const db = seededDatabase();
    const dir = withMigrations('pg-good');
    const { promise } = runOrchestration({
      config: pgConfig({
        overrides: {
          backup: { run: ['sh', '-c', 'printf "PGDMP-not-a-backup.." > "$0"', '{backupPath}'] },
        },
      }),
      workspace: dir,
      env: { PROD_DB_URL: pg.url(db) },
      pgDatabase: db,
    });
    const report = await promise;
    expect(report.state).toBe('not-migrated');
    expect(report.failure).toMatch(/backup is 20 bytes, below min-backup-bytes \(1024\)/);
    expect(pg.sql('SELECT count(*) FROM promote_schema_migrations', db).trim()).toBe('0');
  });
});
