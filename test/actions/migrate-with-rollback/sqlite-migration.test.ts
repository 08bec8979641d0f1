import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOrchestration, sqliteFingerprint, sqliteQuery, sqliteWorkspace } from './world.js';

const sqliteConfig = (extra: Record<string, unknown> = {}) => ({
  preset: 'sqlite',
  'sqlite-path': 'app.db',
  'min-backup-bytes': 4096,
  ...extra,
});

describe('sqlite preset on a real SQLite database', () => {
  test('a good migration keeps every row and records a verified backup', async () => {
    const { dir, db } = sqliteWorkspace('sqlite-good');
    const before = sqliteQuery(db, 'SELECT count(*) FROM customers; SELECT count(*) FROM orders;');
    const { plan, promise } = runOrchestration({ config: sqliteConfig(), workspace: dir });
    const report = await promise;
    expect(report.failure).toBeUndefined();
    expect(report.state).toBe('migrated');
    expect(sqliteQuery(db, 'SELECT count(*) FROM customers; SELECT count(*) FROM orders;')).toBe(
      before,
    );
    expect(sqliteQuery(db, "SELECT count(*) FROM orders WHERE status = 'paid'")).toBe(
      String(2000 - 1000),
    );
    expect(sqliteQuery(db, 'SELECT filename FROM promote_schema_migrations ORDER BY 1')).toBe(
      '001_add_status.sql\n002_index_email.sql',
    );
    const manifest = JSON.parse(readFileSync(plan.manifestPath, 'utf8'));
    expect(manifest).toMatchObject({
      backupId: plan.backupId,
      location: plan.backupPath,
      format: 'sqlite',
    });
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(plan.backupPath)).toBe(true);
  });

  test('a re-run after success applies nothing twice', async () => {
    const { dir, db } = sqliteWorkspace('sqlite-good');
    await runOrchestration({ config: sqliteConfig(), workspace: dir }).promise;
    const after = sqliteFingerprint(db);
    const again = await runOrchestration({ config: sqliteConfig(), workspace: dir }).promise;
    expect(again.state).toBe('migrated');
    expect(
      again.steps
        .find((s) => s.name === 'migrate')
        ?.commands.every((c) => c.skipped === 'already applied'),
    ).toBe(true);
    expect(sqliteFingerprint(db)).toBe(after);
  });

  test('a migration that fails half-way is restored with every table as before', async () => {
    const { dir, db } = sqliteWorkspace('sqlite-half');
    const before = sqliteFingerprint(db);
    const { promise } = runOrchestration({ config: sqliteConfig(), workspace: dir });
    const report = await promise;
    expect(report.state).toBe('rolled-back');
    expect(report.failure).toMatch(/migrate failed/);
    // 001 (the schema change) had committed before 002 failed: the restore took it back out.
    expect(
      sqliteQuery(db, "SELECT count(*) FROM pragma_table_info('orders') WHERE name = 'status'"),
    ).toBe('0');
    expect(sqliteFingerprint(db)).toBe(before);
    expect(sqliteQuery(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")).toBe(
      'customers\norders\npromote_schema_migrations',
    );
    expect(report.steps.find((s) => s.name === 'verify-restore')?.ok).toBe(true);
  });

  test('a truncated backup is rejected before migrating and production is untouched', async () => {
    const { dir, db } = sqliteWorkspace('sqlite-good');
    const before = sqliteFingerprint(db);
    // A backup command that "succeeds" but leaves half a file (the pipe-hid-the-error story).
    const script = join(dir, 'half-backup.sh');
    writeFileSync(script, '#!/bin/sh\nsqlite3 "$1" ".backup \'$2\'" && truncate -s 8192 "$2"\n', {
      mode: 0o755,
    });
    const { plan, promise } = runOrchestration({
      config: sqliteConfig({
        overrides: { backup: { run: [script, '{sqlitePath}', '{backupPath}'] } },
      }),
      workspace: dir,
    });
    const report = await promise;
    expect(report.state).toBe('not-migrated');
    expect(report.failure).toMatch(/backup rejected: PRAGMA integrity_check/);
    expect(report.steps.map((s) => s.name)).not.toContain('migrate');
    expect(
      sqliteQuery(db, "SELECT count(*) FROM pragma_table_info('orders') WHERE name = 'status'"),
    ).toBe('0');
    expect(existsSync(plan.manifestPath)).toBe(false);
    expect(sqliteFingerprint(db)).toBe(before);
  });

  test('an empty backup is rejected by size before migrating', async () => {
    const { dir, db } = sqliteWorkspace('sqlite-good');
    const before = sqliteFingerprint(db);
    const { promise } = runOrchestration({
      config: sqliteConfig({ overrides: { backup: { run: ['touch', '{backupPath}'] } } }),
      workspace: dir,
    });
    const report = await promise;
    expect(report.state).toBe('not-migrated');
    expect(report.failure).toMatch(/backup is 0 bytes, below min-backup-bytes \(4096\)/);
    expect(sqliteQuery(db, 'SELECT count(*) FROM promote_schema_migrations')).toBe('0');
    expect(sqliteFingerprint(db)).toBe(before);
  });
});
