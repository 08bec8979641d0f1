import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  runOrchestration,
  sqliteFingerprint,
  sqliteQuery,
  sqliteWorkspace,
  tempWorkspace,
} from './world.js';

describe("command preset: every step is the user's argv", () => {
  function world() {
    const dir = tempWorkspace();
    const data = join(dir, 'state.txt');
    writeFileSync(data, 'v1\n'.repeat(100));
    return { dir, data };
  }
  const commands = (migrate: string[]) => ({
    preset: 'command',
    'min-backup-bytes': 100,
    overrides: {
      backup: { run: ['cp', '{backupDir}/../state.txt', '{backupPath}'] },
      migrate: { run: migrate },
      restore: { run: ['cp', '{backupPath}', '{backupDir}/../state.txt'] },
      'verify-restore': { run: ['grep', '-q', '^v1$', '{backupDir}/../state.txt'] },
    },
  });

  test("a good run migrates with the user's commands", async () => {
    const w = world();
    const config = {
      ...commands(['sh', '-c', 'echo v2 >> "$0"', '{backupDir}/../state.txt']),
      'backup-dir': join(w.dir, 'backups'),
    };
    const report = await runOrchestration({ config, workspace: w.dir }).promise;
    expect(report.state).toBe('migrated');
    expect(readFileSync(w.data, 'utf8').endsWith('v2\n')).toBe(true);
  });

  test('a migrate command that exits 0 but prints a configured error marker is restored', async () => {
    const w = world();
    const config = {
      ...commands([
        'sh',
        '-c',
        'echo v2 >> "$0"; echo "FATAL: constraint violated"',
        '{backupDir}/../state.txt',
      ]),
      'backup-dir': join(w.dir, 'backups'),
      'error-markers': { migrate: ['^FATAL:'] },
    };
    const report = await runOrchestration({ config, workspace: w.dir }).promise;
    expect(report.state).toBe('rolled-back');
    expect(report.failure).toMatch(
      /exited 0 but printed an error \("FATAL: constraint violated"\)/,
    );
    expect(readFileSync(w.data, 'utf8')).toBe('v1\n'.repeat(100));
  });
});

describe('restart and post-check failures also restore', () => {
  test('a failing post-check (after a successful migrate and restart) restores the sqlite database', async () => {
    const { dir, db } = sqliteWorkspace('sqlite-good');
    const before = sqliteFingerprint(db);
    const config = {
      preset: 'sqlite',
      'sqlite-path': 'app.db',
      'min-backup-bytes': 4096,
      overrides: {
        restart: { run: ['true'] },
        'post-check': { run: ['sh', '-c', 'echo "GET /health -> 503"; exit 1'] },
      },
    };
    const report = await runOrchestration({ config, workspace: dir }).promise;
    expect(report.steps.map((s) => `${s.name}:${s.ok}`)).toEqual([
      'list:true',
      'backup:true',
      'verify:true',
      'migrate:true',
      'restart:true',
      'post-check:false',
      'restore:true',
      'restart:true',
      'verify-restore:true',
    ]);
    expect(report.state).toBe('rolled-back');
    expect(report.steps.find((s) => s.name === 'post-check')?.tail).toContain('GET /health -> 503');
    expect(sqliteFingerprint(db)).toBe(before);
    expect(sqliteQuery(db, 'SELECT count(*) FROM promote_schema_migrations')).toBe('0');
  });

  test('a restore that fails is reported as rollback-failed with the recovery command', async () => {
    const { dir } = sqliteWorkspace('sqlite-half');
    const config = {
      preset: 'sqlite',
      'sqlite-path': 'app.db',
      'min-backup-bytes': 4096,
      overrides: { restore: { run: ['sh', '-c', 'echo "disk full" >&2; exit 28'] } },
    };
    const { plan, promise } = runOrchestration({ config, workspace: dir });
    const report = await promise;
    expect(report.state).toBe('rollback-failed');
    expect(report.rollbackFailure).toMatch(/restore failed \(exit 28\)/);
    expect(report.next.join('\n')).toContain(plan.rollbackCommand);
    expect(report.next.join('\n')).toMatch(/stays flagged needs-recovery/);
  });
});
