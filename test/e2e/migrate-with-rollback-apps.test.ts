import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { REPO_ROOT, runBundle } from '../support/harness.js';
import { startHttpFixtures, type FixtureServer } from '../support/http-fixtures.js';
import { adaptPayload, examplePayload } from '../support/payloads.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';

/**
 * A monorepo's apps (issue #20) end to end: two apps in one repository, api on a real
 * PostgreSQL and worker on SQLite, each migrated, sealed and restored on its own, as the matrix
 * legs of on-merge.yml run them: migrate-with-rollback and prod-smoke-seal bundles against the
 * GitHub emulator, each leg finding on GitHub what the leg before it did.
 */

const FIXTURES = join(REPO_ROOT, 'test/fixtures/migrate');
const OWNER = 'acme';
const REPO = 'shop';
const TOKEN = 'ghs_appsToken0123456789';

let pg: PostgresCluster;
let emu: Emulator;
let prod: FixtureServer;
let n = 0;
let runId = 5000;

beforeAll(async () => {
  pg = await startPostgres();
  emu = await startEmulator({ owner: OWNER, repo: REPO });
  prod = await startHttpFixtures();
}, 300_000);
afterAll(async () => {
  await pg?.stop();
  await emu?.close();
  await prod?.close();
});

/** The caller's rollback workflow, declaring the app input the seal's dispatch sends. */
const ROLLBACK_WORKFLOW = `name: Promote rollback
on:
  workflow_dispatch:
    inputs:
      release: { type: string, required: false }
      backup-id: { type: string, required: false }
      app: { type: string, required: false }
      reason: { type: string, required: true }
jobs:
  rollback:
    uses: acme/promote/.github/workflows/rollback.yml@v1
    with:
      backup-id: \${{ inputs.backup-id }}
      app: \${{ inputs.app }}
      reason: \${{ inputs.reason }}
`;

interface Monorepo {
  workspace: string;
  apiDb: string;
  workerDb: string;
  sha: string;
  config: string;
}

/** A repository with apps api (postgres) and worker (sqlite), and a merge commit to deploy. */
async function monorepo(worker: 'sqlite-good' | 'sqlite-half' = 'sqlite-good'): Promise<Monorepo> {
  const id = ++n;
  const workspace = mkdtempSync(join(tmpdir(), 'promote-e2e-apps-'));
  mkdirSync(join(workspace, '.github'), { recursive: true });
  cpSync(join(FIXTURES, 'pg-good'), join(workspace, 'apps/api/migrations'), { recursive: true });
  cpSync(join(FIXTURES, worker), join(workspace, 'apps/worker/migrations'), { recursive: true });
  const apiDb = `apps${id}`;
  pg.createDatabase(apiDb);
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(FIXTURES, 'pg-seed.sql')], {
    env: pg.env(apiDb),
  });
  const workerDb = join(workspace, 'worker.db');
  execFileSync('sqlite3', ['-bail', workerDb, `.read ${join(FIXTURES, 'sqlite-seed.sql')}`]);
  const config = `branches: { production: main, staging: staging }
environment: production
migrate:
  backup-dir: ${join(workspace, 'backups')}
  lock: { poll-interval: 300, wait-timeout: 120000 }
apps:
  api:
    paths: [apps/api/**]
    migrate: { preset: postgres, database-url-env: API_DATABASE_URL, migrations-dir: apps/api/migrations }
    smoke:
      base-url: ${prod.url}
      checks: [{ name: health, path: /status/500 }]
      on-failure: rollback
  worker:
    paths: [apps/worker/**]
    migrate: { preset: sqlite, sqlite-path: ${workerDb}, migrations-dir: apps/worker/migrations }
    smoke:
      base-url: ${prod.url}
      checks: [{ name: health, path: /healthy }]
`;
  writeFileSync(join(workspace, '.github/promotion.yml'), config);
  const sha = await emu.git.commit({
    branch: 'main',
    files: {
      '.github/promotion.yml': config,
      '.github/workflows/promote-rollback.yml': ROLLBACK_WORKFLOW,
      [`apps/api/release-${id}.txt`]: `${id}\n`,
      [`apps/worker/release-${id}.txt`]: `${id}\n`,
    },
    message: `Merge pull request #${id} from acme/promote/apps-${id}`,
  });
  return { workspace, apiDb, workerDb, sha, config };
}

function mergedPr(sha: string, number = n) {
  return {
    name: 'pull_request',
    payload: adaptPayload(examplePayload('pull_request', 'closed'), {
      owner: OWNER,
      repo: REPO,
      number,
      merged: true,
      mergeCommitSha: sha,
      baseRef: 'main',
      headRef: `promote/apps-${number}`,
    }),
  };
}

const dispatch = { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') };

function migrate(m: Monorepo, inputs: Record<string, string>, event: object = mergedPr(m.sha)) {
  return runBundle({
    action: 'migrate-with-rollback',
    inputs: { token: TOKEN, ...inputs },
    event: event as { name: string; payload: object },
    cwd: m.workspace,
    emulator: emu,
    sha: m.sha,
    env: {
      API_DATABASE_URL: pg.url(m.apiDb),
      GITHUB_RUN_ID: String(++runId),
      GITHUB_RUN_ATTEMPT: '1',
    },
    timeoutMs: 180_000,
  });
}

function seal(m: Monorepo, inputs: Record<string, string>) {
  return runBundle({
    action: 'prod-smoke-seal',
    inputs,
    token: TOKEN,
    event: mergedPr(m.sha),
    cwd: m.workspace,
    emulator: emu,
    sha: m.sha,
    env: { GITHUB_RUN_ID: String(++runId), PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0' },
  });
}

const apiColumns = (m: Monorepo) =>
  pg
    .sql(
      "SELECT string_agg(column_name, ',' ORDER BY column_name) FROM information_schema.columns WHERE table_name = 'orders'",
      m.apiDb,
    )
    .trim();
const apiFingerprint = (m: Monorepo) =>
  pg.sql(`SELECT md5(string_agg(o::text, ',' ORDER BY id)) FROM orders o`, m.apiDb).trim() +
  apiColumns(m);
const workerFingerprint = (m: Monorepo) =>
  ['customers', 'orders']
    .map((t) =>
      execFileSync('sqlite3', ['-readonly', m.workerDb, `.sha3sum --schema ${t}`], {
        encoding: 'utf8',
      }).trim(),
    )
    .join(' ');

type Deployment = { id: number; sha: string; task: string; environment: string; payload: unknown };
const deploymentsOf = (sha: string, task = 'deploy:migrate') =>
  (emu.state.deployments as unknown as Deployment[]).filter(
    (d) => d.sha === sha && d.task === task,
  );
const appOf = (d: Deployment) => (d.payload as { app?: string }).app;
const statesOf = (id: number) =>
  emu.state.deploymentStatuses
    .filter((s) => (s as { deployment_id?: number }).deployment_id === id)
    .map((s) => (s as { state: string }).state);

describe('two apps in one repository, each deployed on its own', () => {
  test("migrating app api leaves worker's database and lock untouched; the deployment names the app", async () => {
    const m = await monorepo();
    const worker = workerFingerprint(m);
    const run = await migrate(m, { app: 'api' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('migrated');
    expect(run.log).toContain('Lock refs/promote-locks/production--api acquired');
    expect(run.outputs['backup-id']).toMatch(
      new RegExp(`^production--api-\\d{8}T\\d{6}Z-${m.sha.slice(0, 7)}$`),
    );
    expect(apiColumns(m)).toContain('status');
    expect(workerFingerprint(m)).toBe(worker);
    expect(await emu.git.revParse('refs/promote-locks/production--api')).toBeUndefined();
    expect(await emu.git.revParse('refs/promote-locks/production')).toBeUndefined();
    const deployments = deploymentsOf(m.sha);
    expect(deployments).toHaveLength(1);
    expect(deployments[0]).toMatchObject({ environment: 'production' });
    expect(appOf(deployments[0]!)).toBe('api');
    expect(String(deployments[0]!.id)).toBe(run.outputs['deployment-id']);
    expect(run.summary).toContain('Migrate production (app api)');
  });

  test('a failing worker migration restores worker only; api stays migrated and deduplicated per app', async () => {
    const m = await monorepo('sqlite-half');
    const api = await migrate(m, { app: 'api' });
    expect(api.outputs.status).toBe('migrated');
    const apiAfter = apiFingerprint(m);
    const workerBefore = workerFingerprint(m);

    const worker = await migrate(m, { app: 'worker' });
    expect(worker.exitCode).toBe(1);
    expect(worker.outputs.status).toBe('rolled-back');
    expect(worker.outputs['backup-id']).toMatch(/^production--worker-/);
    expect(workerFingerprint(m)).toBe(workerBefore);
    expect(apiFingerprint(m)).toBe(apiAfter);
    const byApp = Object.fromEntries(deploymentsOf(m.sha).map((d) => [appOf(d), d.id]));
    expect(statesOf(byApp.api!)).toEqual(['in_progress', 'success']);
    expect(statesOf(byApp.worker!)).toEqual(['in_progress', 'failure']);

    // The same merge delivered again: api is already deployed; worker's failure does not count.
    const again = await migrate(m, { app: 'api' });
    expect(again.outputs.status).toBe('skipped');
    expect(again.outputs['skip-reason']).toBe('already-deployed');
    expect(again.outputs['deployment-id']).toBe(String(byApp.api));

    // The seal of worker: its migrate did not succeed, so nothing is checked or sealed.
    const sealed = await seal(m, { app: 'worker' });
    expect(sealed.exitCode).toBe(0);
    expect(sealed.outputs.skipped).toBe('true');
    expect(sealed.outputs['skip-reason']).toContain(
      `the migrate of ${m.sha.slice(0, 7)} (app worker) on production failed and was restored`,
    );
    expect(sealed.outputs.seal ?? '').toBe('');
    expect(statesOf(byApp.worker!)).toEqual(['in_progress', 'failure']);
  });

  test("the seal of app api finds its deployment and backup on GitHub; red, it dispatches api's rollback, which restores api only", async () => {
    const m = await monorepo();
    const apiBefore = apiFingerprint(m);
    const migrated = await migrate(m, { app: 'api' });
    expect(migrated.outputs.status).toBe('migrated');
    const backupId = migrated.outputs['backup-id']!;
    const deploymentId = Number(migrated.outputs['deployment-id']);
    const dispatches = emu.state.dispatches.length;

    // No deployment-id, no backup-id: what a matrix leg has.
    const run = await seal(m, { app: 'api' });
    expect(run.outputs.seal).toBe('red');
    expect(run.log).toContain(`Sealing deployment ${deploymentId} (backup ${backupId})`);
    const statuses = emu.state.deploymentStatuses.filter(
      (s) => (s as { deployment_id?: number }).deployment_id === deploymentId,
    ) as { description: string }[];
    expect(statuses.some((s) => s.description.startsWith('Smoke seal red'))).toBe(true);
    const commitStatuses = emu.state.statuses as unknown as { sha: string; context: string }[];
    expect(commitStatuses.filter((s) => s.sha === m.sha).map((s) => s.context)).toContain(
      'promote/smoke-seal/api',
    );
    const sent = emu.state.dispatches.slice(dispatches);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.inputs).toMatchObject({ app: 'api', 'backup-id': backupId });

    // The rollback workflow runs migrate-with-rollback with what the dispatch carried.
    const workerBefore = workerFingerprint(m);
    const restored = await migrate(
      m,
      { mode: 'rollback', app: 'api', 'backup-id': backupId, reason: 'seal red' },
      dispatch,
    );
    expect(restored.outputs.status).toBe('rolled-back');
    expect(apiFingerprint(m)).toBe(apiBefore);
    expect(workerFingerprint(m)).toBe(workerBefore);
    const [rollback] = deploymentsOf(m.sha, 'deploy:rollback');
    expect(appOf(rollback!)).toBe('api');

    // Apps never restore each other's backups.
    const refused = await migrate(
      m,
      { mode: 'rollback', app: 'worker', 'backup-id': backupId, reason: 'wrong app' },
      dispatch,
    );
    expect(refused.exitCode).toBe(1);
    expect(refused.annotations.map((a) => a.message).join('\n')).toContain(
      `backup ${backupId} is a backup of app api, not app worker; pass app: api or another backup`,
    );
    expect(workerFingerprint(m)).toBe(workerBefore);
  });
});

describe('mode guard: what a merge deploys', () => {
  async function guard(files: Record<string, string>, base?: Monorepo) {
    const m = base ?? (await monorepo());
    const sha = await emu.git.commit({
      branch: 'main',
      files,
      message: `Merge pull request #${++n} from acme/promote/guard-${n}`,
    });
    const run = await runBundle({
      action: 'migrate-with-rollback',
      inputs: { token: TOKEN, mode: 'guard' },
      event: mergedPr(sha),
      emulator: emu,
      sha,
    });
    return { run, sha, m };
  }

  test('a merge touching only apps/api deploys api; one touching both deploys both, in config order', async () => {
    const only = await guard({ 'apps/api/src/a.ts': 'a\n', 'README.md': 'x\n' });
    expect(only.run.exitCode).toBe(0);
    expect(only.run.outputs).toMatchObject({
      deploy: 'true',
      sha: only.sha,
      stage: 'production',
      environment: 'production',
      apps: '["api"]',
    });
    const both = await guard({ 'apps/worker/w.ts': 'w\n', 'apps/api/src/b.ts': 'b\n' }, only.m);
    expect(both.run.outputs.apps).toBe('["api","worker"]');
    // Read-only: the guard wrote nothing.
    expect(deploymentsOf(both.sha)).toEqual([]);
  });

  test('an app already deployed for the SHA is left out; a merge touching no app deploys nothing', async () => {
    const m = await monorepo();
    const api = await migrate(m, { app: 'api' });
    expect(api.outputs.status).toBe('migrated');
    const run = await runBundle({
      action: 'migrate-with-rollback',
      inputs: { token: TOKEN, mode: 'guard' },
      event: mergedPr(m.sha),
      emulator: emu,
      sha: m.sha,
    });
    expect(run.outputs.apps).toBe('["worker"]');
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'notice',
        message: `Skipped app api: ${m.sha} already has a deployment to production (see its statuses).`,
      }),
    );
    const docs = await guard({ 'docs/x.md': 'x\n' }, m);
    expect(docs.run.outputs).toMatchObject({ deploy: 'false', apps: '[]' });
  });

  test('without apps: [""]; a pull request closed without merging deploys nothing', async () => {
    const m = await monorepo();
    const plain = await guard({ '.github/promotion.yml': 'branches: { production: main }\n' }, m);
    expect(plain.run.outputs).toMatchObject({ deploy: 'true', apps: '[""]' });
    const closed = await runBundle({
      action: 'migrate-with-rollback',
      inputs: { token: TOKEN, mode: 'guard' },
      event: {
        name: 'pull_request',
        payload: adaptPayload(examplePayload('pull_request', 'closed'), {
          owner: OWNER,
          repo: REPO,
          number: 1,
          merged: false,
          baseRef: 'main',
          headRef: 'x',
        }),
      },
      emulator: emu,
      sha: plain.sha,
    });
    expect(closed.outputs).toMatchObject({ deploy: 'false', apps: '[]' });
    expect(closed.annotations.map((a) => a.message)).toContain(
      'Skipped: the pull request was closed without merging.',
    );
  });
});
