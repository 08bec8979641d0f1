import { runOrchestration, sqliteFingerprint, sqliteWorkspace } from './world.js';

// Rollback has its own timeout (Helm's rollback shares the upgrade's and times out with it).
test("a migrate that exceeds its timeout is restored under the restore step's own timeout", async () => {
  const { dir, db } = sqliteWorkspace('sqlite-good');
  const before = sqliteFingerprint(db);
  const { promise } = runOrchestration({
    config: {
      preset: 'sqlite',
      'sqlite-path': 'app.db',
      'min-backup-bytes': 4096,
      overrides: {
        migrate: {
          run: [
            'sh',
            '-c',
            `sqlite3 -bail "$0" "UPDATE customers SET name = 'migrated'" && exec sleep 30`,
            '{sqlitePath}',
          ],
        },
        // Slower than the whole migrate budget: it finishes only under its own timeout.
        restore: {
          run: ['sh', '-c', 'sleep 2 && cp "$0" "$1"', '{backupPath}', '{sqlitePath}'],
        },
      },
      // The restore gets its own budget: 60 s, not what is left of migrate's 1.5 s.
      timeouts: { migrate: '1500ms', restore: '60s' },
    },
    workspace: dir,
  });
  const report = await promise;
  expect(report.failure).toMatch(/migrate timed out after 1500 ms/);
  expect(report.state).toBe('rolled-back');
  const restore = report.steps.find((s) => s.name === 'restore');
  expect(restore?.ok).toBe(true);
  expect(sqliteFingerprint(db)).toBe(before);
}, 60_000);
