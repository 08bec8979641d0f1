// Concurrency, migrate-with-rollback on a real SQLite production: two merges at once serialise
// on the lock (each migration applied once, windows never overlap); one merge delivered twice at
// once deploys once; a lock left by a run killed with no post step (a lost runner) expires and is
// reported, and never hides a production change that may be half-done.
// (tag-release under concurrency: concurrency-release.test.ts.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteFingerprint, sqliteQuery } from '../actions/migrate-with-rollback/world.js';
import { examplePayload } from '../support/payloads.js';
import { killTree, waitForExit } from '../support/processes.js';
import { waitUntil } from '../support/wait.js';
import { migrateWorld } from './worlds.js';
import { record } from './recorder.js';

const LOCK = 'refs/promote-locks/production';
/** A migration that keeps SQLite busy (no sleep() in SQLite): ~0.4 s per million rows here. */
const busySql = (rows: number) =>
  `CREATE TABLE busy AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${rows}) SELECT count(*) AS n FROM c;\n`;
const SLOW_SQL = busySql(1_500_000);

const migrateDeployments = (
  w: Awaited<ReturnType<typeof migrateWorld>>,
  sha = w.sha,
): Array<{ id: number }> =>
  w.emu.state.deployments.filter(
    (d) =>
      (d as { sha?: string }).sha === sha && (d as { task?: string }).task === 'deploy:migrate',
  ) as Array<{ id: number }>;

describe('migrate-with-rollback under concurrency', () => {
  test('two merges at once: serialised on the lock, each migration applied once, one deployment per merge', async () => {
    const first = await migrateWorld({ extraMigrations: { '003_busy.sql': SLOW_SQL } });
    const second = await migrateWorld({
      emu: first.emu,
      db: first.db,
      extraMigrations: {
        '003_busy.sql': SLOW_SQL,
        '004_refunds.sql': 'ALTER TABLE orders ADD COLUMN refunded INTEGER NOT NULL DEFAULT 0;\n',
      },
    });
    try {
      const a = first.run();
      await a.waitForLog(`Lock ${LOCK} acquired`);
      const b = second.run();
      const [ra, rb] = await Promise.all([a, b]);

      expect([ra.exitCode, rb.exitCode]).toEqual([0, 0]);
      expect([ra.outputs.status, rb.outputs.status]).toEqual(['migrated', 'migrated']);
      // The second waited for the first, by name, before it touched anything.
      expect(rb.log).toMatch(/Lock refs\/promote-locks\/production is held by .*; waiting/);
      const order = first.emu.requests.map((r) => `${r.method} ${r.operationId}`);
      const firstRelease = order.indexOf('DELETE git/delete-ref');
      const secondDeployment = first.emu.requests.findIndex(
        (r) =>
          r.operationId === 'repos/create-deployment' &&
          JSON.stringify(r.body ?? {}).includes(second.sha),
      );
      expect(firstRelease).toBeGreaterThan(-1);
      expect(secondDeployment).toBeGreaterThan(firstRelease);
      // Each file once: 001, 002, 003 by the first merge; only 004 by the second.
      expect(
        sqliteQuery(first.db, 'SELECT filename FROM promote_schema_migrations ORDER BY 1'),
      ).toBe('001_add_status.sql\n002_index_email.sql\n003_busy.sql\n004_refunds.sql');
      expect(sqliteQuery(first.db, 'SELECT count(*) FROM orders WHERE refunded = 0')).toBe('2000');
      expect(migrateDeployments(first)).toHaveLength(1);
      expect(migrateDeployments(second)).toHaveLength(1);
      expect(await first.lockRef()).toBeUndefined();
      record('concurrency', 'migrate: two merges at once', 'passed');
    } finally {
      await second.close();
      await first.close();
    }
  }, 90_000);

  test('one merge delivered twice at once: one deploy, the other run says it is already deployed', async () => {
    const w = await migrateWorld({ extraMigrations: { '003_busy.sql': SLOW_SQL } });
    try {
      const a = w.run();
      await a.waitForLog(`Lock ${LOCK} acquired`);
      const b = w.run();
      const [ra, rb] = await Promise.all([a, b]);
      expect([ra.exitCode, rb.exitCode]).toEqual([0, 0]);
      expect([ra.outputs.status, rb.outputs.status]).toEqual(['migrated', 'skipped']);
      expect(rb.outputs['skip-reason']).toBe('already-deployed');
      expect(rb.log).toMatch(/already deployed to production \(deployment #\d+, success/);
      expect(rb.summary).toMatch(/skipped.*already deployed/);
      expect(migrateDeployments(w)).toHaveLength(1);
      expect(sqliteQuery(w.db, 'SELECT count(*) FROM promote_schema_migrations')).toBe('3');
      expect(await w.check()).toEqual([]);
      record('concurrency', 'migrate: one merge delivered twice at once', 'passed');
    } finally {
      await w.close();
    }
  }, 90_000);

  test('a lock left by a run killed before changing production expires, is taken over and reported', async () => {
    const w = await migrateWorld({
      lock: '{ poll-interval: 200, wait-timeout: 60000, ttl: 2000 }',
    });
    try {
      // Held but production untouched: killed while the backup is being taken.
      w.emu.faults.inject({
        operationId: 'repos/create-deployment-status',
        kind: 'slow',
        delayMs: 30_000,
        times: 1,
      });
      const dead = w.run();
      await dead.waitForLog(`Lock ${LOCK} acquired`);
      dead.kill('SIGKILL'); // a lost runner: no post step
      await dead;
      w.emu.faults.clear();
      expect(await w.lockRef()).toBeDefined();

      const next = await w.run();
      expect(next.exitCode).toBe(0);
      expect(next.log).toMatch(/took over a stale lock of .*\/actions\/runs\/\d+ \(expired /);
      expect(next.summary).toMatch(/took over a stale lock/);
      expect(await w.check()).toEqual([]);
      record('concurrency', 'migrate: lock of a run killed before changing production', 'passed');
    } finally {
      await w.close();
    }
  }, 90_000);

  test('a lock left by a run killed while changing production is not taken over: the next run names the recovery, which restores and frees it', async () => {
    const w = await migrateWorld({
      lock: '{ poll-interval: 200, wait-timeout: 60000, ttl: 2000 }',
      extraMigrations: { '000_busy.sql': busySql(25_000_000) },
    });
    try {
      const dead = w.run();
      await dead.waitForLog(/^::group::migrate$/m); // the plan printed earlier names the file too
      // Mid-migration, and no post step ever runs. A lost runner takes its child processes with
      // it (sqlite3 runs in its own process group): exactly the tree this run started dies.
      const killed = killTree(dead.pid!);
      await dead;
      await waitForExit(killed, 'the killed run and its sqlite3 to exit');
      const { expiresAt } = JSON.parse((await w.emu.git.readFile(LOCK, 'lock.json')) ?? '{}') as {
        expiresAt?: string;
      };
      expect(expiresAt).toBeDefined();
      await waitUntil(
        () => Date.now() > Date.parse(expiresAt!),
        `the dead run's lock to expire (expires ${expiresAt})`,
      );

      const next = await w.run();
      expect(next.exitCode).toBe(1);
      expect(next.log).toMatch(
        /which died while changing production \(lock expired .*Recover first: gh workflow run promote-rollback\.yml .*-f backup-id=(production-[\w.-]+)/,
      );
      const backupId = /-f backup-id=(production-[\w.-]+)/.exec(next.log)![1]!;

      const recovery = await w.run({
        inputs: { mode: 'rollback', 'backup-id': backupId, reason: 'runner lost mid-migration' },
        event: { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') },
      });
      expect(recovery.outputs.status).toBe('rolled-back');
      expect(sqliteFingerprint(w.db)).toBe(w.before);
      expect(await w.lockRef()).toBeUndefined();

      // Recovered: the merge deploys on its next run, on the same deployment record.
      writeFileSync(join(w.workspace, 'migrations', '000_busy.sql'), 'SELECT 1;\n');
      const again = await w.run();
      expect(again.outputs.status).toBe('migrated');
      expect(await w.check()).toEqual([]);
      record('concurrency', 'migrate: lock of a run killed while changing production', 'passed');
    } finally {
      await w.close();
    }
  }, 90_000);
});
