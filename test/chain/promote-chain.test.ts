// The postgres-app example end to end, as a user wires it: the example's .github committed as is
// into a repository (only the production facts a test world must supply are replaced, and a test
// asserts nothing else differs), the emulator's events starting the workflows as on GitHub
// (runner.attach), real PostgreSQL, a loopback S3 (age-encrypted backups) and a loopback
// production app with a deploy hook.
//
// Promotion 1: "Run workflow" on promote.yml -> the promotion PR (App token, so its events start
// workflows) -> preflight (reports job -> promote-reports artifact -> preflight gates) and a green
// promote/preflight check -> merge through the API -> on-merge by itself: guard, migrate (approval,
// encrypted backup in S3 named by the deployment), deploy hook, smoke seal green, tag, release,
// CHANGELOG pull request. The same merge delivered again deploys nothing.
// Promotion 2: the migration succeeds but breaks the app, the seal goes red, `on-failure:
// rollback` dispatches promote-rollback.yml with the backup id, the rollback runs on a fresh
// runner and restores production from S3 to exactly what it was before the promotion.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { parse as parseYaml, stringify } from 'yaml';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import type { RepoEvent } from '../support/emulator/events.js';
import { REPO_ROOT } from '../support/harness.js';
import {
  PG_BIN,
  postgresAvailable,
  startPostgres,
  type PostgresCluster,
} from '../support/postgres.js';
import { startS3, type S3World } from '../support/s3.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import {
  pushEvent,
  WorkflowRunner,
  type ApprovalRequest,
  type JobResult,
  type RunResult,
} from '../support/workflow-runner/index.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'postgres-app', '.github');
const WORKFLOWS = readdirSync(join(EXAMPLE, 'workflows')).sort();
// A Wednesday afternoon in London: outside the example's Friday freeze.
const WEDNESDAY = '2026-11-25T13:30:00Z';
const APP_KEY = '-----BEGIN RSA PRIVATE KEY-----\nnot-a-real-key\n-----END RSA PRIVATE KEY-----';
const SMOKE_TOKEN = 'smoke-read-only-token';
const HOOK_SECRET = 'hook-7f3a9c';
// A value only the production database holds: it must never be readable in the stored backup.
const KNOWN_ROW = 'grace.hopper@navy.example';

// The App's client ID is the one the example's callers name (the App the user installed).
const CLIENT_ID = (() => {
  const caller = parseYaml(readFileSync(join(EXAMPLE, 'workflows', 'promote.yml'), 'utf8')) as {
    jobs: { promote: { with: Record<string, string> } };
  };
  return caller.jobs.promote.with['app-client-id']!;
})();

function jobOf(run: RunResult | undefined, id: string): JobResult {
  const j = run?.jobs.find((x) => x.id === id);
  if (!j)
    throw new Error(
      `no job ${id}; jobs: ${run?.jobs.map((x) => `${x.id}=${x.conclusion}`).join(', ')}`,
    );
  return j;
}

function explain(j: JobResult): string {
  return `${j.id}: ${j.conclusion}\n${j.annotations.map((a) => `${a.level}: ${a.message}`).join('\n')}\n${j.steps
    .map((s) => `--- ${s.name} (${s.conclusion})\n${s.log.split('\n').slice(-25).join('\n')}`)
    .join('\n')}`;
}

/** Fails with the job's annotations and step logs, so a red chain says where and why. */
function expectConclusion(j: JobResult, conclusion: string): void {
  if (j.conclusion !== conclusion) {
    throw new Error(`expected ${j.id} to end ${conclusion}:\n${explain(j)}`);
  }
}

/**
 * Production facts only the test world can supply; everything else in promotion.yml is the
 * example's, checked by the first test.
 */
const REPLACED = [
  'smoke.base-url', // the loopback production app
  'smoke.watch.duration', // seconds, not 15 minutes
  'smoke.watch.interval',
  'migrate.store.endpoint', // the loopback S3 server (path-style, as every non-AWS endpoint)
  'migrate.store.force-path-style',
  'migrate.store.encryption.recipients', // the public half of the key the test generates
];

interface Facts {
  appUrl: string;
  s3: S3World;
  recipient: string;
}

function exampleConfig(): Record<string, any> {
  return parseYaml(readFileSync(join(EXAMPLE, 'promotion.yml'), 'utf8')) as Record<string, any>;
}

function promotionYml(facts: Facts): string {
  const config = exampleConfig();
  config.smoke['base-url'] = facts.appUrl;
  config.smoke.watch = { ...config.smoke.watch, duration: '2s', interval: '1s' };
  config.migrate.store.endpoint = facts.s3.endpoint;
  config.migrate.store['force-path-style'] = true;
  config.migrate.store.encryption.recipients = [facts.recipient];
  return stringify(config);
}

function withoutReplaced(config: Record<string, any>): Record<string, any> {
  const copy = structuredClone(config);
  for (const path of REPLACED) {
    const keys = path.split('.');
    let at = copy;
    for (const k of keys.slice(0, -1)) at = at[k];
    delete at[keys.at(-1)!];
  }
  return copy;
}

/** Per-table checksums of a database: its columns (name, type, nullability) and its rows, ordered. */
function checksums(pg: PostgresCluster): Record<string, string> {
  const tables = pg
    .sql(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      'shop',
    )
    .split('\n')
    .filter(Boolean);
  const out: Record<string, string> = {};
  for (const t of tables) {
    const schema = pg.sql(
      `SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, ''), ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${t}'`,
      'shop',
    );
    const rows = pg.sql(`SELECT t::text FROM public."${t}" t ORDER BY 1`, 'shop');
    out[t] = createHash('sha256').update(schema).update('\n').update(rows).digest('hex');
  }
  return out;
}

/**
 * The production app on its platform: /version reports the deployed commit, /healthz the
 * process, /api/v1/status (authenticated) whether its query on `orders` works. Its deploy hook
 * (POST with the secret URL) ships the production branch's head, as a platform builds it.
 */
interface ProductionApp {
  server: Server;
  url: string;
  hookUrl: string;
  deployed: string;
  hookCalls: string[];
}

async function startApp(
  pg: PostgresCluster,
  gh: Emulator,
  initial: string,
): Promise<ProductionApp> {
  const app: ProductionApp = {
    server: undefined!,
    url: '',
    hookUrl: '',
    deployed: initial,
    hookCalls: [],
  };
  app.server = createServer((req, res) => {
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'POST' && req.url === `/deploy/${HOOK_SECRET}`) {
      app.hookCalls.push(req.url);
      void gh.git.revParse('main').then((sha) => {
        app.deployed = sha!;
        json(202, { queued: true });
      });
      return;
    }
    if (req.url === '/version') return json(200, { commit: app.deployed });
    if (req.url === '/healthz') return res.writeHead(200).end('ok');
    if (req.url === '/api/v1/status') {
      if (req.headers.authorization !== `Bearer ${SMOKE_TOKEN}`)
        return json(401, { error: 'unauthorized' });
      let database = 'down';
      try {
        pg.sql('SELECT sum(total_cents) FROM orders', 'shop');
        database = 'up';
      } catch {
        // the app's query fails: the schema no longer has what the code reads
      }
      return json(200, { database });
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', () => r()));
  app.url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  app.hookUrl = `${app.url}/deploy/${HOOK_SECRET}`;
  return app;
}

// The app repository's own test set-up: `npm ci` (no dependencies, offline) and `npm test`
// writing the JUnit and Cobertura reports promotion.yml names.
const APP_FILES: Record<string, string> = {
  '.npmrc': 'audit=false\nfund=false\nupdate-notifier=false\n',
  'package.json': `${JSON.stringify({ name: 'shop', version: '1.0.0', private: true, scripts: { test: 'node scripts/test.mjs' } }, null, 2)}\n`,
  'package-lock.json': `${JSON.stringify({ name: 'shop', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'shop', version: '1.0.0' } } }, null, 2)}\n`,
  // Runs "the tests" and writes the reports a coverage tool would: every line of src/ covered.
  'scripts/test.mjs': [
    "import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';",
    "mkdirSync('reports', { recursive: true });",
    "mkdirSync('coverage', { recursive: true });",
    "const files = readdirSync('src').map((f) => `src/${f}`);",
    'writeFileSync(\'reports/junit.xml\', `<testsuites tests="${files.length}" failures="0"><testsuite name="shop" tests="${files.length}" failures="0">${files.map((f) => `<testcase classname="shop" name="${f}"/>`).join(\'\')}</testsuite></testsuites>\\n`);',
    'const classes = files.map((f) => `<class name="${f}" filename="${f}" line-rate="1"><lines>${readFileSync(f, \'utf8\').split(\'\\n\').filter(Boolean).map((_, i) => `<line number="${i + 1}" hits="1"/>`).join(\'\')}</lines></class>`).join(\'\');',
    'writeFileSync(\'coverage/cobertura.xml\', `<?xml version="1.0"?><coverage line-rate="1"><packages><package name="src"><classes>${classes}</classes></package></packages></coverage>\\n`);',
    'console.log(`${files.length} tests passed`);',
    '',
  ].join('\n'),
  'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n',
  'db/migrations/000_init.sql':
    'CREATE TABLE IF NOT EXISTS orders (id int PRIMARY KEY, total_cents int NOT NULL);\nCREATE TABLE IF NOT EXISTS customers (id int PRIMARY KEY, email text NOT NULL);\n',
  'src/app.js': "export const totals = 'SELECT sum(total_cents) FROM orders';\n",
};

// PostgreSQL is part of the test world (.ci/run installs it).
if (!postgresAvailable()) throw new Error(`PostgreSQL 15 is required (${PG_BIN}); see .ci/run`);

describe('the postgres-app example, end to end', () => {
  let gh: Emulator;
  let pg: PostgresCluster;
  let s3: S3World;
  let app: ProductionApp;
  let chat: WebhookReceiver;
  let runner: WorkflowRunner;
  let scratch: string;
  let identity: string;
  let recipient: string;
  const events: RepoEvent[] = [];
  const approvals: ApprovalRequest[] = [];
  /** production as the rollback's reviewer finds it (before the restore starts) */
  let atRollbackApproval: Record<string, string> | undefined;
  let ciRunId = 500_000;

  /** Every run the events started has ended and no event is in flight. */
  async function quiet(): Promise<void> {
    for (;;) {
      const before = runner.runs.length;
      await gh.settled();
      await runner.idle();
      await gh.settled();
      if (runner.runs.length === before && runner.runs.every((r) => r.status === 'completed'))
        return;
    }
  }

  async function api(method: string, path: string, body?: unknown, login = 'dana') {
    const res = await fetch(`${gh.url}${path}`, {
      method,
      headers: {
        authorization: `token ${gh.tokens.mint({ kind: 'pat', login })}`,
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined };
  }

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'promote-chain-'));
    identity = await generateX25519Identity();
    recipient = await identityToRecipient(identity);
    pg = await startPostgres();
    pg.createDatabase('shop');
    pg.sql(
      `CREATE TABLE orders (id int PRIMARY KEY, total_cents int NOT NULL);
       INSERT INTO orders SELECT i, i * 100 FROM generate_series(1, 50) i;
       CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);
       INSERT INTO customers VALUES (1, '${KNOWN_ROW}'), (2, 'ada@example.test');`,
      'shop',
    );
    s3 = await startS3({ bucket: exampleConfig().migrate.store.bucket });
    chat = await startWebhookReceiver();
    gh = await startEmulator({ owner: 'acme', repo: 'shop' });
    let id = 9000;
    for (const login of ['ops-1', 'ops-2', 'ops-3', 'dana']) {
      gh.state.users[login] = { login, id: id++, type: 'User' };
      gh.state.collaborators.push(login);
    }

    const main0 = await gh.git.commit({ branch: 'main', files: APP_FILES, message: 'chore: app' });
    app = await startApp(pg, gh, main0);
    const files: Record<string, string> = {
      '.github/promotion.yml': promotionYml({ appUrl: app.url, s3, recipient }),
    };
    for (const f of WORKFLOWS) {
      files[`.github/workflows/${f}`] = readFileSync(join(EXAMPLE, 'workflows', f), 'utf8');
    }
    await gh.git.commit({ branch: 'main', files, message: 'ci: Promote (examples/postgres-app)' });
    app.deployed = (await gh.git.revParse('main'))!;
    await gh.git.branch('staging', app.deployed);
    await gh.git.commit({
      branch: 'staging',
      files: { 'src/cart.js': 'export const cart = [];\n' },
      message: 'feat(cart): saved carts (#11)',
    });
    await gh.git.commit({
      branch: 'staging',
      files: {
        'db/migrations/001_status.sql':
          "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'paid';\n",
      },
      message: 'feat(orders): order status (#13)',
    });

    // README step 7: main's ruleset requires promote/preflight; PRs only.
    gh.addRuleset({
      name: 'main',
      conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
      rules: [
        { type: 'deletion' },
        { type: 'non_fast_forward' },
        {
          type: 'required_status_checks',
          parameters: { required_status_checks: [{ context: 'promote/preflight' }] },
        },
      ],
    });

    // Every event, in order; the app's CI (another workflow, not Promote's, run elsewhere in
    // this story) is recorded green on each PR head as GitHub lists workflow runs.
    gh.onEvent((e) => {
      events.push(e);
      const pr = e.payload.pull_request as { head: { sha: string; ref: string } } | undefined;
      if (e.name === 'pull_request' && pr && ['opened', 'synchronize'].includes(e.payload.action)) {
        if (gh.state.workflowRuns.some((r) => r.head_sha === pr.head.sha)) return;
        const at = new Date().toISOString();
        gh.state.workflowRuns.push({
          id: ++ciRunId,
          name: 'CI',
          workflow_id: 77,
          path: '.github/workflows/ci.yml',
          head_branch: pr.head.ref,
          head_sha: pr.head.sha,
          event: 'pull_request',
          status: 'completed',
          conclusion: 'success',
          run_number: ciRunId - 500_000,
          run_attempt: 1,
          created_at: at,
          updated_at: at,
        });
      }
    });

    runner = new WorkflowRunner({
      emulator: gh,
      settings: {
        secrets: {
          PROMOTE_APP_PRIVATE_KEY: APP_KEY,
          SMOKE_TOKEN,
          TEAMS_WEBHOOK_URL: chat.hook('/teams'),
        },
        environments: {
          production: {
            secrets: {
              DATABASE_URL: pg.url('shop'),
              DEPLOY_HOOK_URL: app.hookUrl,
              PROMOTE_BACKUP_ACCESS_KEY_ID: s3.accessKeyId,
              PROMOTE_BACKUP_SECRET_ACCESS_KEY: s3.secretAccessKey,
              PROMOTE_BACKUP_AGE_IDENTITY: identity,
            },
            reviewers: ['ops-1', 'ops-2'],
          },
        },
        app: {
          id: '123456',
          clientId: CLIENT_ID,
          slug: 'promote-app',
          privateKey: APP_KEY,
          permissions: {
            contents: 'write',
            'pull-requests': 'write',
            issues: 'write',
            checks: 'write',
            deployments: 'write',
            statuses: 'write',
            actions: 'write',
          },
        },
      },
      // The environment's reviewer approves each deployment job (recorded by the runner).
      approve: (request) => {
        approvals.push(request);
        if (request.job === 'rollback/rollback') atRollbackApproval = checksums(pg);
        return { approved: true, by: 'ops-2', comment: 'go' };
      },
      env: {
        PATH: `${PG_BIN}:${process.env.PATH}`,
      },
      // The preflight bundle's clock: a Wednesday afternoon, outside the freeze.
      fixedNow: { 'preflight-gates': WEDNESDAY },
    });
    runner.attach();
  }, 120_000);

  afterAll(async () => {
    runner?.cancelAll();
    await runner?.idle();
    runner?.close();
    await gh?.close();
    await new Promise<void>((r) => (app ? app.server.close(() => r()) : r()));
    await chat?.close();
    await s3?.stop();
    await pg?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the repository holds the example .github: workflows byte for byte, promotion.yml with only the production facts replaced', async () => {
    const main = (await gh.git.revParse('main'))!;
    for (const f of WORKFLOWS) {
      expect(await gh.git.readFile(main, `.github/workflows/${f}`)).toBe(
        readFileSync(join(EXAMPLE, 'workflows', f), 'utf8'),
      );
    }
    const committed = parseYaml((await gh.git.readFile(main, '.github/promotion.yml'))!);
    expect(withoutReplaced(committed)).toEqual(withoutReplaced(exampleConfig()));
    expect(committed.migrate.store.bucket).toBe(s3.bucket);
  });

  let pr1: number;
  let merge1: string;

  test('Run workflow on promote.yml opens the promotion PR; its events run preflight: reports -> artifact -> a green promote/preflight check', async () => {
    const dispatched = await api(
      'POST',
      '/repos/acme/shop/actions/workflows/promote.yml/dispatches',
      {
        ref: 'main',
        inputs: { name: 'sprint-15' },
      },
    );
    expect(dispatched.status).toBe(204);
    await quiet();
    expect(runner.errors).toEqual([]);

    const promote = runner.runs.find((r) => r.path === '.github/workflows/promote.yml')!;
    expectConclusion(jobOf(promote, 'promote/promote'), 'success');
    const open = gh.state.pulls.filter((p) => p.state === 'open');
    expect(open).toHaveLength(1);
    const pr = open[0]!;
    pr1 = pr.number;
    expect(pr.base.ref).toBe('main');
    expect(pr.head.ref).toMatch(/^promote\/sprint-15-\d{8}-\d{4}$/);
    expect(pr.head.sha).toBe(await gh.git.revParse('staging'));
    expect(pr.user).toBe('promote-app[bot]');
    // The generated body: the changes, the migration, the rollback command.
    expect(pr.body).toContain('**cart:** saved carts ([#11]');
    expect(pr.body).toContain('**orders:** order status ([#13]');
    expect(pr.body).toContain(
      '### Migrations that will run on merge\n\n- `db/migrations/001_status.sql`',
    );
    expect(pr.body).toContain('gh workflow run promote-rollback.yml --repo acme/shop --ref main');

    // The PR was opened with the App's token, so its events start workflows (a GITHUB_TOKEN's
    // would not): they started the preflight workflow: reports, then preflight.
    expect(
      events.find((e) => e.name === 'pull_request' && e.payload.action === 'opened')?.actor,
    ).toEqual({ login: 'promote-app[bot]', tokenKind: 'app', startsWorkflows: true });
    const preflights = runner.runs.filter(
      (r) => r.path === '.github/workflows/promote-preflight.yml',
    );
    expect(preflights.length).toBeGreaterThanOrEqual(1);
    for (const run of preflights) {
      expect(run.event).toBe('pull_request');
      const reports = jobOf(run, 'reports');
      expectConclusion(reports, 'success');
      expect(run.artifacts).toEqual([
        {
          id: 1,
          name: 'promote-reports',
          files: ['coverage/cobertura.xml', 'reports/junit.xml'],
          job: 'reports',
        },
      ]);
      const preflight = jobOf(run, 'preflight/preflight');
      expectConclusion(preflight, 'success');
      expect(preflight.steps.find((s) => s.name === 'Download reports')?.conclusion).toBe(
        'success',
      );
      // Each job on its own runner: the reports job's workspace was gone before preflight ran.
      expect(preflight.runner!.root).not.toBe(reports.runner!.root);
      expect(existsSync(reports.runner!.root)).toBe(false);
    }
    const checks = gh.state.checkRuns.filter(
      (c) => c.name === 'promote/preflight' && c.head_sha === pr.head.sha,
    );
    expect(checks.length).toBeGreaterThanOrEqual(1);
    expect(checks.at(-1)).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(checks.at(-1)!.output.summary).toContain('tests');
  }, 180_000);

  let before2: Record<string, string>;

  test('merged through the API, on-merge runs by itself: guard, migrate (approved, backup encrypted in S3), deploy hook, seal green, tag, release, CHANGELOG', async () => {
    const runsBefore = runner.runs.length;
    const merged = await api('PUT', `/repos/acme/shop/pulls/${pr1}/merge`, {
      merge_method: 'merge',
    });
    expect(merged).toMatchObject({ status: 200 });
    merge1 = merged.body.sha;
    await quiet();
    expect(runner.errors).toEqual([]);

    const onMerge = runner.runs
      .slice(runsBefore)
      .find((r) => r.path === '.github/workflows/promote-on-merge.yml')!;
    expect(onMerge.event).toBe('pull_request');
    const guard = jobOf(onMerge, 'deploy/guard');
    expect(guard.outputs).toEqual({
      deploy: 'true',
      sha: merge1,
      stage: 'production',
      environment: 'production',
      apps: '[""]',
      'last-stage': 'true',
    });

    const migrate = jobOf(onMerge, 'deploy/migrate');
    expectConclusion(migrate, 'success');
    expect(migrate.outputs.status).toBe('migrated');
    expect(migrate.environment).toMatchObject({
      name: 'production',
      approval: { approved: true, by: 'ops-2', reviewers: ['ops-1', 'ops-2'] },
    });
    expect(runner.approvals).toContainEqual(
      expect.objectContaining({ job: 'deploy/migrate', environment: 'production', by: 'ops-2' }),
    );
    expect(
      pg
        .sql(
          "SELECT column_name FROM information_schema.columns WHERE table_name = 'orders' ORDER BY 1",
          'shop',
        )
        .split('\n')
        .filter(Boolean),
    ).toEqual(['id', 'status', 'total_cents']);

    // The deployment names the backup; the object in the bucket is age-encrypted: the known
    // row is not in its bytes, and only the identity turns it back into the dump holding it.
    const deployment = gh.state.deployments.find(
      (d) => d.sha === merge1 && d.task === 'deploy:migrate',
    )!;
    expect(deployment.environment).toBe('production');
    const backupId = migrate.outputs['backup-id']!;
    expect(JSON.stringify(deployment.payload)).toContain(backupId);
    const key = s3.keys().find((k) => k.includes(backupId))!;
    expect(key).toMatch(/^app\/.*\.age$/);
    const stored = s3.readObject(key);
    expect(stored.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect(stored.includes(Buffer.from(KNOWN_ROW))).toBe(false);
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    const dump = join(scratch, 'backup.dump');
    writeFileSync(dump, await decrypter.decrypt(new Uint8Array(stored)));
    const sql = spawnSync(join(PG_BIN, 'pg_restore'), ['-f', '-', dump], { encoding: 'utf8' });
    expect(sql.stdout).toContain(KNOWN_ROW);

    // The platform's deploy hook was called once and shipped the merge commit.
    expect(app.hookCalls).toHaveLength(1);
    expect(app.deployed).toBe(merge1);

    const smoke = jobOf(onMerge, 'deploy/smoke');
    expectConclusion(smoke, 'success');
    expect(smoke.outputs.seal).toBe('green');
    expect(gh.state.statuses).toContainEqual(
      expect.objectContaining({ sha: merge1, state: 'success' }),
    );

    const release = jobOf(onMerge, 'deploy/release');
    expectConclusion(release, 'success');
    const version = release.outputs.version!;
    expect((await gh.git.tags())[`v${version}`]?.sha).toBe(merge1);
    expect(gh.state.releases.map((r) => r.tag_name)).toEqual([`v${version}`]);
    // changelog.mode: pull-request -> the CHANGELOG arrives as a pull request into main.
    const changelogPr = gh.state.pulls.find((p) => p.number !== pr1 && p.base.ref === 'main')!;
    expect(changelogPr.state).toBe('open');
    expect(await gh.git.readFile(changelogPr.head.sha, 'CHANGELOG.md')).toContain('saved carts');
    // Teams is told (the config's notify.teams; the secret reaches the jobs through inherit).
    expect(chat.on('/teams').length).toBeGreaterThan(0);

    expectConclusion(jobOf(onMerge, 'deploy/result'), 'success');
    expect(onMerge.conclusion).toBe('success');
    // Secrets never reach a log of the run.
    const everything = onMerge.jobs.map((j) => j.log).join('\n');
    for (const secret of [pg.url('shop'), app.hookUrl, s3.secretAccessKey, identity, APP_KEY]) {
      expect(everything).not.toContain(secret);
    }
    before2 = checksums(pg);
  }, 300_000);

  test('the same merge delivered again deploys nothing (the guard finds the deployment)', async () => {
    const closed = events.find(
      (e) => e.name === 'pull_request' && e.payload.action === 'closed' && e.payload.number === pr1,
    )!;
    const deployments = gh.state.deployments.length;
    const runsBefore = runner.runs.length;
    gh.emit(closed);
    await quiet();
    const again = runner.runs
      .slice(runsBefore)
      .find((r) => r.path === '.github/workflows/promote-on-merge.yml')!;
    expect(jobOf(again, 'deploy/guard').outputs.deploy).toBe('false');
    expect(jobOf(again, 'deploy/guard').steps[0]!.annotations).toContainEqual({
      level: 'notice',
      message: `Skipped: ${merge1} already has a deployment to production (see its statuses).`,
    });
    expect(jobOf(again, 'deploy/migrate').conclusion).toBe('skipped');
    expect(jobOf(again, 'deploy/result').conclusion).toBe('success');
    expect(gh.state.deployments).toHaveLength(deployments);
    expect(app.hookCalls).toHaveLength(1);
  }, 120_000);

  test('a second promotion migrates, breaks the app, seals red: the seal dispatches promote-rollback.yml, which restores production from S3 on a fresh runner', async () => {
    // Sprint 16 on staging: a migration the app's code does not survive, and the user opts into
    // automatic rollback (what the d1-worker example sets; postgres-app's default is alert).
    const staging = (await gh.git.revParse('staging'))!;
    const config = parseYaml((await gh.git.readFile(staging, '.github/promotion.yml'))!);
    config.smoke['on-failure'] = 'rollback';
    await gh.git.commit({
      branch: 'staging',
      files: {
        'db/migrations/002_amount.sql':
          'ALTER TABLE orders RENAME COLUMN total_cents TO amount_cents;\n',
        '.github/promotion.yml': stringify(config),
      },
      message: 'feat(orders): amounts in one column (#21)',
    });
    // The push GitHub sends for it: no example workflow runs on a push to staging.
    const pushed = runner.runs.length;
    const push = pushEvent(gh, {
      ref: 'refs/heads/staging',
      before: staging,
      after: (await gh.git.revParse('staging'))!,
    });
    gh.emit({ ...push, name: 'push' });
    await quiet();
    expect(runner.runs).toHaveLength(pushed);
    const dispatched = await api(
      'POST',
      '/repos/acme/shop/actions/workflows/promote.yml/dispatches',
      {
        ref: 'main',
        inputs: { name: 'sprint-16' },
      },
    );
    expect(dispatched.status).toBe(204);
    await quiet();
    const pr2 = gh.state.pulls.find(
      (p) => p.state === 'open' && p.head.ref.startsWith('promote/sprint-16'),
    )!;
    const preflightOf = () =>
      gh.state.checkRuns
        .filter((c) => c.name === 'promote/preflight' && c.head_sha === pr2.head.sha)
        .at(-1);
    // The promotion changes promotion.yml: judged by production's copy, and red until a person
    // approves the change to the gate files (issue #16); the label re-runs preflight at once.
    expect(preflightOf()).toMatchObject({ conclusion: 'failure' });
    expect(preflightOf()!.output.text).toContain('## Changes to the gate files');
    expect(preflightOf()!.output.text).toContain('+  on-failure: rollback');
    const labelled = await api('POST', `/repos/acme/shop/issues/${pr2.number}/labels`, {
      labels: ['promote-gates-approved'],
    });
    expect(labelled.status).toBe(200);
    await quiet();
    expect(preflightOf()).toMatchObject({ conclusion: 'success' });
    expect(checksums(pg)).toEqual(before2);

    const runsBefore = runner.runs.length;
    const merged = await api('PUT', `/repos/acme/shop/pulls/${pr2.number}/merge`, {
      merge_method: 'merge',
    });
    expect(merged).toMatchObject({ status: 200 });
    const merge2 = merged.body.sha as string;
    await quiet();
    expect(runner.errors).toEqual([]);
    const fresh = runner.runs.slice(runsBefore);
    const onMerge = fresh.find((r) => r.path === '.github/workflows/promote-on-merge.yml')!;
    // The merged config is the example's but for the production facts and the opt-in.
    const merged2 = parseYaml((await gh.git.readFile(merge2, '.github/promotion.yml'))!);
    expect(merged2.smoke['on-failure']).toBe('rollback');
    delete merged2.smoke['on-failure'];
    expect(withoutReplaced(merged2)).toEqual(withoutReplaced(exampleConfig()));

    const migrate = jobOf(onMerge, 'deploy/migrate');
    expectConclusion(migrate, 'success');
    expect(migrate.outputs.status).toBe('migrated');
    expect(migrate.log).toContain('002_amount.sql');
    const backupId = migrate.outputs['backup-id']!;
    expect(app.hookCalls).toHaveLength(2);
    expect(app.deployed).toBe(merge2);
    // The new code is live (wait-for-live passed) but its query fails: the seal is red.
    const smoke = jobOf(onMerge, 'deploy/smoke');
    expect(smoke.outputs.seal).toBe('red');
    expect(smoke.outputs.summary).toContain('api: $.database is "down", expected "up"');
    expect(smoke.outputs.summary).toContain(`production serves ${merge2.slice(0, 7)}`);
    expect(smoke.steps.flatMap((st) => st.annotations)).toContainEqual({
      level: 'warning',
      message: expect.stringContaining(
        'Rollback dispatched: dispatched promote-rollback.yml on main',
      ),
    });
    expect(gh.state.statuses).toContainEqual(
      expect.objectContaining({ sha: merge2, state: 'failure' }),
    );
    expect(gh.state.dispatches).toContainEqual(
      expect.objectContaining({
        workflow_id: 'promote-rollback.yml',
        ref: 'main',
        inputs: expect.objectContaining({ 'backup-id': backupId }),
      }),
    );

    // The dispatch (made with the smoke job's GITHUB_TOKEN, which may start workflow_dispatch)
    // ran the real promote-rollback.yml.
    const rollback = fresh.find((r) => r.path === '.github/workflows/promote-rollback.yml')!;
    expect(rollback.event).toBe('workflow_dispatch');
    expect(
      events.find(
        (e) =>
          e.name === 'workflow_dispatch' && e.payload.workflow.endsWith('promote-rollback.yml'),
      )?.actor,
    ).toEqual({ login: 'github-actions[bot]', tokenKind: 'github-token', startsWorkflows: true });
    const restore = jobOf(rollback, 'rollback/rollback');
    expectConclusion(restore, 'success');
    expect(restore.outputs.status).toBe('rolled-back');
    expect(restore.environment?.approval).toMatchObject({ approved: true, by: 'ops-2' });
    // A fresh runner: not the migrate job's, whose directories are gone.
    expect(restore.runner!.root).not.toBe(migrate.runner!.root);
    expect(restore.runner!.workspace).not.toBe(migrate.runner!.workspace);
    expect(existsSync(migrate.runner!.root)).toBe(false);
    expect(restore.log).toContain(
      `Downloading backup ${backupId} from s3://${s3.bucket}/app/production/${backupId}.dump.age.`,
    );
    expect(restore.log).toContain('Lock refs/promote-locks/production released.');
    // Found through GitHub's record: the rollback's deployment names the backup it restored.
    expect(
      gh.state.deployments.some(
        (d) => d.task !== 'deploy:migrate' && JSON.stringify(d.payload).includes(backupId),
      ),
    ).toBe(true);
    // When the reviewer approved the rollback, orders had the migration (customers did not
    // change); after it, production is exactly what it was before the promotion, table by table.
    expect(atRollbackApproval!.orders).not.toBe(before2.orders);
    expect(atRollbackApproval!.customers).toBe(before2.customers);
    expect(checksums(pg)).toEqual(before2);
    expect(runner.approvals.map((a) => a.job)).toEqual([
      'deploy/migrate',
      'deploy/migrate',
      'rollback/rollback',
    ]);
    // tag-release still tags the merged commit (the code is on main); its release says the seal
    // was red, so nobody reads it as a good release.
    const release = gh.state.releases.find(
      (r) => r.tag_name === `v${jobOf(onMerge, 'deploy/release').outputs.version}`,
    )!;
    expect(release.body).toContain('### Production smoke seal\n\n🔴 **red**');
    expect(runner.errors).toEqual([]);
    // No secret reached a log of any run of the story.
    const logs = runner.runs.flatMap((r) => r.jobs.map((j) => j.log)).join('\n');
    for (const secret of [
      pg.url('shop'),
      app.hookUrl,
      s3.secretAccessKey,
      identity,
      APP_KEY,
      SMOKE_TOKEN,
    ]) {
      expect(logs).not.toContain(secret);
    }
  }, 300_000);
});
