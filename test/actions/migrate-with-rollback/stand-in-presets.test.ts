import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runOrchestration, tempWorkspace, FIXTURES } from './world.js';

// frappe (bench) and d1 (wrangler) cannot run here: they are proven against stand-in executables
// with the real tools' argv, exit codes, output and files (test/support/fake-tools).
const FAKE_TOOLS = resolve(FIXTURES, '../../support/fake-tools');
const PATH = `${FAKE_TOOLS}:${process.env.PATH}`;

const seedSql =
  Array.from(
    { length: 60 },
    (_, i) => `INSERT INTO \`tabSales Invoice\` VALUES ('SINV-${i}', ${i * 100});`,
  ).join('\n') + '\n';

function frappeWorld() {
  const home = mkdtempSync(join(tmpdir(), 'fake-bench-'));
  writeFileSync(join(home, 'erp.example.com.sql'), seedSql);
  return {
    home,
    db: join(home, 'erp.example.com.sql'),
    restarts: () =>
      existsSync(join(home, 'restarts.log'))
        ? readFileSync(join(home, 'restarts.log'), 'utf8').trim().split('\n').length
        : 0,
  };
}

const frappeConfig = { preset: 'frappe', site: 'erp.example.com', 'min-backup-bytes': 64 };

describe('frappe preset (bench stand-in)', () => {
  test('backup is verified (gzip + mysqldump trailer), migrate and restart run', async () => {
    const w = frappeWorld();
    const { promise, plan } = runOrchestration({
      config: frappeConfig,
      workspace: tempWorkspace(),
      env: { PATH, FAKE_BENCH_HOME: w.home },
    });
    const report = await promise;
    expect(report.state).toBe('migrated');
    expect(plan.steps.backup?.commands[0]?.argv.slice(0, 5)).toEqual([
      'bench',
      '--site',
      'erp.example.com',
      'backup',
      '--backup-path-db',
    ]);
    expect(report.steps.find((s) => s.name === 'verify')?.commands.map((c) => c.argv)).toEqual(
      expect.arrayContaining(['gzip stream complete', 'completion trailer present']),
    );
    expect(readFileSync(w.db, 'utf8')).toContain("SET `custom_region` = 'EU'");
    expect(w.restarts()).toBe(1);
  });

  test('bench migrate printing a Traceback but exiting 0 is a failure, and the site is restored and restarted', async () => {
    const w = frappeWorld();
    const { promise } = runOrchestration({
      config: frappeConfig,
      workspace: tempWorkspace(),
      env: { PATH, FAKE_BENCH_HOME: w.home, FAKE_BENCH_MIGRATE: 'traceback-exit0' },
    });
    const report = await promise;
    expect(report.state).toBe('rolled-back');
    expect(report.failure).toMatch(
      /migrate exited 0 but printed an error \("Traceback \(most recent call last\):"\)/,
    );
    expect(readFileSync(w.db, 'utf8')).toBe(seedSql);
    expect(w.restarts()).toBe(1); // migrate failed before restart; the restart after restore ran
  });

  test('a dump without the completion trailer (cut short) is rejected before migrating', async () => {
    const w = frappeWorld();
    const { promise } = runOrchestration({
      config: frappeConfig,
      workspace: tempWorkspace(),
      env: { PATH, FAKE_BENCH_HOME: w.home, FAKE_BENCH_BACKUP: 'no-trailer' },
    });
    const report = await promise;
    expect(report.state).toBe('not-migrated');
    expect(report.failure).toMatch(/no completion trailer/);
    expect(readFileSync(w.db, 'utf8')).toBe(seedSql);
  });

  test('an empty backup file is rejected by size', async () => {
    const w = frappeWorld();
    const { promise } = runOrchestration({
      config: frappeConfig,
      workspace: tempWorkspace(),
      env: { PATH, FAKE_BENCH_HOME: w.home, FAKE_BENCH_BACKUP: 'empty' },
    });
    const report = await promise;
    expect(report.state).toBe('not-migrated');
    expect(report.failure).toMatch(/backup is 0 bytes/);
  });
});

function d1World() {
  const home = mkdtempSync(join(tmpdir(), 'fake-wrangler-'));
  const seed =
    'CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER);\n' +
    Array.from({ length: 40 }, (_, i) => `INSERT INTO orders VALUES (${i}, ${i * 3});`).join('\n') +
    '\n';
  writeFileSync(join(home, 'shop-db.sql'), seed);
  return { home, db: join(home, 'shop-db.sql'), seed };
}

const d1Config = { preset: 'd1', database: 'shop-db', 'min-backup-bytes': 64 };

describe('d1 preset (wrangler stand-in)', () => {
  test('export + Time Travel bookmark, then migrations apply --remote', async () => {
    const w = d1World();
    const { promise, plan } = runOrchestration({
      config: d1Config,
      workspace: tempWorkspace(),
      env: { PATH, FAKE_WRANGLER_HOME: w.home },
    });
    const report = await promise;
    expect(report.state).toBe('migrated');
    expect(report.manifest?.bookmark).toMatch(/^00000085-[0-9a-f]{8}-00004c6d$/);
    expect(JSON.parse(readFileSync(plan.manifestPath, 'utf8')).bookmark).toBe(
      report.manifest?.bookmark,
    );
    expect(readFileSync(w.db, 'utf8')).toContain("SET region = 'eu'");
  });

  test('wrangler exiting 0 with "✘ [ERROR]" is caught and D1 is restored to the bookmark', async () => {
    const w = d1World();
    const { promise, plan } = runOrchestration({
      config: d1Config,
      workspace: tempWorkspace(),
      env: { PATH, FAKE_WRANGLER_HOME: w.home, FAKE_WRANGLER_MIGRATE: 'error-exit0' },
    });
    const report = await promise;
    expect(report.state).toBe('rolled-back');
    expect(report.failure).toMatch(
      /migrate exited 0 but printed an error \("✘ \[ERROR\] Migration 0002_backfill\.sql failed/,
    );
    expect(readFileSync(w.db, 'utf8')).toBe(w.seed);
    const restore = report.steps.find((s) => s.name === 'restore');
    expect(restore?.commands[0]?.argv).toBe(
      `wrangler d1 time-travel restore shop-db --bookmark ${report.manifest?.bookmark} --json`,
    );
    expect(plan.steps.restore?.commands[0]?.argv).toContain('{bookmark}'); // bound at run time
  });
});
