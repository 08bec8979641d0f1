import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { REPO_ROOT, runBundle, runPost, type BundleResult } from '../support/harness.js';
import { adaptPayload, examplePayload } from '../support/payloads.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';

/**
 * migrate-with-rollback end to end: the bundle run as the runner runs it (main and post),
 * against the GitHub emulator (lock ref, deployments), on a real PostgreSQL 15.
 */

const FIXTURES = join(REPO_ROOT, 'test/fixtures/migrate');
const OWNER = 'acme';
const REPO = 'shop';

let pg: PostgresCluster;
let emu: Emulator;
let dbCount = 0;
let runId = 1000;

beforeAll(async () => {
  pg = await startPostgres();
  emu = await startEmulator({ owner: OWNER, repo: REPO });
}, 300_000);
afterAll(async () => {
  await pg?.stop();
  await emu?.close();
});

function seededDatabase(): string {
  const name = `shop${++dbCount}`;
  pg.createDatabase(name);
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(FIXTURES, 'pg-seed.sql')], {
    env: pg.env(name),
  });
  return name;
}

function fingerprint(db: string): string {
  return pg
    .sql(
      `SELECT string_agg(t || '=' || h, ' ' ORDER BY t) FROM (
         SELECT 'customers' t, md5(string_agg(c::text, ',' ORDER BY id)) h FROM customers c
         UNION ALL SELECT 'orders', md5(string_agg(o::text, ',' ORDER BY id)) FROM orders o
         UNION ALL SELECT 'columns', string_agg(table_name || ':' || column_name, ',' ORDER BY table_name, column_name)
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'promote_schema_migrations') x`,
      db,
    )
    .trim();
}

interface World {
  workspace: string;
  backupDir: string;
  db: string;
  url: string;
  sha: string;
}

async function world(migrations: string, extraConfig = ''): Promise<World> {
  const workspace = mkdtempSync(join(tmpdir(), 'promote-e2e-migrate-'));
  const backupDir = join(workspace, 'backups');
  mkdirSync(join(workspace, '.github'), { recursive: true });
  cpSync(join(FIXTURES, migrations), join(workspace, 'migrations'), { recursive: true });
  writeFileSync(
    join(workspace, '.github/promotion.yml'),
    `branches: { production: main, staging: staging }\nenvironment: production\nmigrate:\n  preset: postgres\n  database-url-env: DATABASE_URL\n  backup-dir: ${backupDir}\n  lock: { poll-interval: 300, wait-timeout: 120000 }\n${extraConfig}`,
  );
  const db = seededDatabase();
  const sha = await emu.git.commit({
    branch: 'main',
    files: { [`release-${db}.txt`]: db },
    message: `Merge pull request #${dbCount} from acme/promote/${db}`,
  });
  return {
    workspace,
    backupDir,
    db,
    url: pg.url(db).replace('postgres@', 'postgres:Pa55-word@'),
    sha,
  };
}

function mergedPr(w: World) {
  return {
    name: 'pull_request',
    payload: adaptPayload(examplePayload('pull_request', 'closed'), {
      owner: OWNER,
      repo: REPO,
      number: dbCount,
      merged: true,
      mergeCommitSha: w.sha,
      baseRef: 'main',
      headRef: `promote/${w.db}`,
    }),
  };
}

function migrate(w: World, inputs: Record<string, string> = {}, event = mergedPr(w)) {
  const id = String(++runId);
  return runBundle({
    action: 'migrate-with-rollback',
    inputs: { token: 'ghs_e2etoken', ...inputs },
    event,
    cwd: w.workspace,
    emulator: emu,
    sha: w.sha,
    env: { DATABASE_URL: w.url, GITHUB_RUN_ID: id, GITHUB_RUN_ATTEMPT: '1' },
    timeoutMs: 180_000,
  });
}

async function lockRef(): Promise<string | undefined> {
  return emu.git.revParse('refs/promote-locks/production');
}

function deploymentsFor(sha: string) {
  return emu.state.deployments.filter((d) => (d as { sha?: string }).sha === sha);
}

function statesOf(deploymentId: number): string[] {
  return emu.state.deploymentStatuses
    .filter((s) => (s as { deployment_id?: number }).deployment_id === deploymentId)
    .map((s) => (s as { state: string }).state);
}

/** The raw log minus the runner's own ::add-mask:: commands (the runner consumes those lines). */
const printed = (run: BundleResult) =>
  run.rawLog
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');

function expectNoSecret(run: BundleResult, w: World) {
  expect(run.rawLog).toContain('::add-mask::Pa55-word');
  expect(printed(run)).not.toContain('Pa55-word');
  expect(run.summary).not.toContain('Pa55-word');
  expect(JSON.stringify(run.outputs)).not.toContain('Pa55-word');
  expect(JSON.stringify(emu.requests.map((r) => r.rawBody ?? ''))).not.toContain('Pa55-word');
  void w;
}

describe('migrate-with-rollback on a merged promotion PR', () => {
  test('a good migration keeps every row, records the deployment, and frees the lock', async () => {
    const w = await world('pg-good');
    const run = await migrate(w);
    expect(run.log).toContain('Lock refs/promote-locks/production acquired');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('migrated');
    expect(run.outputs['backup-id']).toMatch(
      new RegExp(`^production-\\d{8}T\\d{6}Z-${w.sha.slice(0, 7)}$`),
    );
    expect(existsSync(run.outputs['backup-location']!)).toBe(true);
    expect(existsSync(join(w.backupDir, `${run.outputs['backup-id']}.manifest.json`))).toBe(true);
    expect(pg.sql('SELECT count(*) FROM orders', w.db).trim()).toBe('5000');
    expect(pg.sql("SELECT count(*) FROM orders WHERE status = 'paid'", w.db).trim()).toBe('4000');
    expect(await lockRef()).toBeUndefined();
    const [deployment] = deploymentsFor(w.sha) as Array<{
      id: number;
      task: string;
      environment: string;
    }>;
    expect(deployment).toMatchObject({ task: 'deploy:migrate', environment: 'production' });
    expect(String(deployment!.id)).toBe(run.outputs['deployment-id']);
    expect(statesOf(deployment!.id)).toEqual(['in_progress', 'success']);
    expect(JSON.parse(run.outputs.durations!)).toHaveProperty('migrate');
    expect(run.summary).toContain('**migrated**');
    expectNoSecret(run, w);
  });

  test('a migration that fails half-way is restored automatically; the next deploy is not wedged', async () => {
    const w = await world('pg-half');
    const before = fingerprint(w.db);
    const run = await migrate(w);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('rolled-back');
    expect(fingerprint(w.db)).toBe(before);
    expect(run.summary).toContain('**rolled-back**');
    expect(run.summary).toMatch(/writes made after it were discarded/);
    expect(
      run.annotations.some((a) => a.level === 'error' && /migrate failed/.test(a.message)),
    ).toBe(true);
    const [deployment] = deploymentsFor(w.sha) as Array<{ id: number }>;
    expect(statesOf(deployment!.id)).toEqual(['in_progress', 'failure']);
    expect(await lockRef()).toBeUndefined();
    // Post step: nothing left to do.
    const post = await runPost({
      action: 'migrate-with-rollback',
      state: run.state,
      cwd: w.workspace,
      emulator: emu,
      inputs: { token: 'ghs_e2etoken' },
      env: { GITHUB_RUN_ID: String(runId) },
    });
    expect(post.exitCode).toBe(0);
    expect(await lockRef()).toBeUndefined();
    expectNoSecret(run, w);
  });

  test('the same merge delivered twice at once: serialised on the lock ref, deployed once', async () => {
    const w = await world('pg-good');
    // A slow first migration so the runs overlap.
    writeFileSync(join(w.workspace, 'migrations', '000_slow.sql'), 'SELECT pg_sleep(4);\n');
    const first = migrate(w);
    await first.waitForLog('Lock refs/promote-locks/production acquired');
    const second = migrate(w);
    const [a, b] = await Promise.all([first, second]);
    expect(a.exitCode).toBe(0);
    expect(b.exitCode).toBe(0);
    expect(b.log).toMatch(
      /Lock refs\/promote-locks\/production is held by .*\/actions\/runs\/\d+; waiting/,
    );
    // Decided under the lock: the second found the first's successful deployment of this SHA.
    expect([a.outputs.status, b.outputs.status]).toEqual(['migrated', 'skipped']);
    expect(b.outputs['skip-reason']).toBe('already-deployed');
    expect(b.log).toMatch(/is already deployed to production \(deployment #\d+, success/);
    expect(deploymentsFor(w.sha)).toHaveLength(1);
    expect(pg.sql('SELECT count(*) FROM promote_schema_migrations', w.db).trim()).toBe('3');
    expect(a.log).toMatch(/^\$ psql .*000_slow\.sql/m);
    // Nothing touched production: no backup, no psql at all.
    expect(b.log).not.toMatch(/^\$ (pg_dump|psql)/m);
    expect(await lockRef()).toBeUndefined();
  });

  test('a run that cannot get the lock in time fails naming the holder', async () => {
    const w = await world(
      'pg-good',
      '  lock: { poll-interval: 200, wait-timeout: 1000 }\n'.replace('  lock', '  lock'),
    );
    writeFileSync(
      join(w.workspace, '.github/promotion.yml'),
      `branches: { production: main }\nmigrate:\n  preset: postgres\n  backup-dir: ${w.backupDir}\n  lock: { poll-interval: 200, wait-timeout: 1000 }\n`,
    );
    writeFileSync(join(w.workspace, 'migrations', '000_slow.sql'), 'SELECT pg_sleep(5);\n');
    const first = migrate(w);
    await first.waitForLog('Lock refs/promote-locks/production acquired');
    const firstRunId = runId;
    const second = await migrate(w);
    expect(second.exitCode).toBe(1);
    expect(second.outputs.status).toBe('not-migrated');
    expect(second.log).toContain(`is held by`);
    expect(second.log).toContain(`/actions/runs/${firstRunId}`);
    expect((await first).exitCode).toBe(0);
  });

  test('SIGTERM mid-migration (runner cancel) ends restored and the lock free', async () => {
    const w = await world('pg-good');
    const before = fingerprint(w.db);
    writeFileSync(join(w.workspace, 'migrations', '003_slow.sql'), 'SELECT pg_sleep(30);\n');
    const job = migrate(w);
    await job.waitForLog(/^\$ psql .*003_slow\.sql/m);
    job.cancel(); // SIGINT, SIGTERM 7.5 s later, SIGKILL 2.5 s after
    const run = await job;
    expect(run.outputs.status).toBe('rolled-back');
    expect(run.summary).toContain('The job was cancelled');
    expect(fingerprint(w.db)).toBe(before);
    expect(await lockRef()).toBeUndefined();
  });

  test('SIGKILL mid-migration leaves the lock flagged needs-recovery and the next run names the recovery command', async () => {
    const w = await world('pg-good');
    const before = fingerprint(w.db);
    writeFileSync(join(w.workspace, 'migrations', '003_slow.sql'), 'SELECT pg_sleep(30);\n');
    const job = migrate(w);
    await job.waitForLog(/^\$ psql .*003_slow\.sql/m);
    job.kill('SIGKILL');
    const killed = await job;
    expect(killed.signal).toBe('SIGKILL');
    const post = await runPost({
      action: 'migrate-with-rollback',
      state: killed.state,
      cwd: w.workspace,
      emulator: emu,
      inputs: { token: 'ghs_e2etoken' },
      env: { GITHUB_RUN_ID: String(runId) },
    });
    expect(post.summary).toContain('needs-recovery');
    expect(post.summary).toMatch(
      /gh workflow run promote-rollback\.yml --repo acme\/shop .*-f backup-id=production-/,
    );
    expect(await lockRef()).toBeDefined();
    const next = await migrate(w);
    expect(next.exitCode).toBe(1);
    expect(next.log).toMatch(
      /flagged needs-recovery .*Recover first: gh workflow run promote-rollback\.yml/,
    );
    // The recovery: a manual rollback to the recorded backup frees the lock.
    const rollback = await migrate(
      w,
      {
        mode: 'rollback',
        'backup-id': killed.state['backup-id']!,
        reason: 'recover after a killed job',
      },
      { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') },
    );
    expect(rollback.outputs.status).toBe('rolled-back');
    expect(await lockRef()).toBeUndefined();
    expect(fingerprint(w.db)).toBe(before);
  });
});

describe('manual rollback (mode: rollback)', () => {
  test('restores a named backup, states that later writes are discarded, and records a deployment', async () => {
    const w = await world('pg-good');
    const before = fingerprint(w.db);
    const migrated = await migrate(w);
    expect(migrated.outputs.status).toBe('migrated');
    pg.sql("INSERT INTO customers VALUES (9999, 'late writer', 'late@example.com')", w.db);
    const backupId = migrated.outputs['backup-id']!;
    const run = await migrate(
      w,
      { mode: 'rollback', 'backup-id': backupId, reason: 'checkout broken' },
      { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') },
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('rolled-back');
    expect(run.summary).toMatch(
      new RegExp(
        `Restoring backup ${backupId} taken \\S+ .*every write to production after \\S+ is discarded`,
      ),
    );
    expect(fingerprint(w.db)).toBe(before);
    expect(pg.sql('SELECT count(*) FROM customers WHERE id = 9999', w.db).trim()).toBe('0');
    const rollbacks = emu.state.deployments.filter(
      (d) =>
        (d as { task?: string }).task === 'deploy:rollback' &&
        (d as { sha?: string }).sha === w.sha,
    ) as Array<{ id: number }>;
    expect(rollbacks).toHaveLength(1);
    expect(statesOf(rollbacks[0]!.id)).toEqual(['in_progress', 'success']);
    expect(await lockRef()).toBeUndefined();
  });

  test('restores the backup recorded for a release tag and opens a revert PR of the merge', async () => {
    const w = await world('pg-good');
    const before = fingerprint(w.db);
    const migrated = await migrate(w);
    expect(migrated.outputs.status).toBe('migrated');
    await emu.git.updateRef('refs/tags/v9.1.0', w.sha);
    const run = await migrate(
      w,
      { mode: 'rollback', release: 'v9.1.0', reason: 'smoke red', 'open-revert-pr': 'true' },
      { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') },
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs['backup-id']).toBe(migrated.outputs['backup-id']);
    expect(fingerprint(w.db)).toBe(before);
    const pr = emu.state.pulls.find(
      (p) => (p as { head?: { ref?: string } }).head?.ref === `revert/${w.sha.slice(0, 7)}`,
    ) as { base: { ref: string }; head: { sha: string } } | undefined;
    expect(pr?.base.ref).toBe('main');
    // The revert commit has the merge's first parent's tree.
    const revert = await emu.git.readCommit(pr!.head.sha);
    const merge = await emu.git.readCommit(w.sha);
    const parent = await emu.git.readCommit(merge!.parents[0]!);
    expect(revert?.tree).toBe(parent?.tree);
    expect(run.summary).toMatch(/Revert PR: /);
  });

  test('dry-run prints the exact plan with the secret masked and changes nothing', async () => {
    const w = await world('pg-good');
    const before = fingerprint(w.db);
    const requestsBefore = emu.requests.filter((r) => r.method !== 'GET').length;
    const run = await migrate(w, { 'dry-run': 'true' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('skipped');
    expect(run.outputs.plan).toMatch(/\$ pg_dump -Fc --no-owner > \S+\.dump/);
    expect(run.outputs.plan).toMatch(/\$ psql .*--single-transaction -f \S+001_add_status\.sql/);
    expect(run.outputs.plan).toContain('$DATABASE_URL');
    expect(fingerprint(w.db)).toBe(before);
    expect(emu.requests.filter((r) => r.method !== 'GET').length).toBe(requestsBefore);
    expectNoSecret(run, w);
  });

  test('a pull request closed without merging is skipped with the reason', async () => {
    const w = await world('pg-good');
    const event = {
      name: 'pull_request',
      payload: adaptPayload(examplePayload('pull_request', 'closed'), {
        owner: OWNER,
        repo: REPO,
        merged: false,
        baseRef: 'main',
      }),
    };
    const run = await migrate(w, {}, event);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('skipped');
    expect(run.outputs['skip-reason']).toMatch(/closed without merging/);
  });
});
