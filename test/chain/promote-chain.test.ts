// The promotion chain as a user wires it: the postgres-app example's caller workflows committed
// to a repository with a staging history, run by the workflow runner against the emulator, real
// PostgreSQL and a loopback production app. dispatch promote -> PR -> preflight -> merge ->
// on-merge (guard, migrate, smoke, release). Seams that fail today are asserted as they are and
// listed in the runner's README ("Seams observed").
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import {
  PG_BIN,
  postgresAvailable,
  startPostgres,
  type PostgresCluster,
} from '../support/postgres.js';
import { REPO_ROOT } from '../support/harness.js';
import {
  dispatchEvent,
  pullRequestEvent,
  WorkflowRunner,
  type JobResult,
  type RunResult,
} from '../support/workflow-runner/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const EXAMPLE = join(REPO_ROOT, 'examples', 'postgres-app', '.github');
const WEDNESDAY = '2026-11-25T13:30:00Z';
const APP_KEY = '-----BEGIN RSA PRIVATE KEY-----\nnot-a-real-key\n-----END RSA PRIVATE KEY-----';

function jobOf(run: RunResult | undefined, id: string): JobResult {
  const j = run?.jobs.find((x) => x.id === id);
  if (!j)
    throw new Error(
      `no job ${id}; jobs: ${run?.jobs.map((x) => `${x.id}=${x.conclusion}`).join(', ')}`,
    );
  return j;
}

function logs(j: JobResult): string {
  return j.steps.map((st) => st.log).join('\n');
}

function explain(j: JobResult): string {
  return `${j.id}: ${j.conclusion}\n${j.annotations.map((a) => `${a.level}: ${a.message}`).join('\n')}\n${j.steps
    .map((s) => `--- ${s.name} (${s.conclusion})\n${s.log.split('\n').slice(-15).join('\n')}`)
    .join('\n')}`;
}

/** Fails with the job's annotations and step logs, so a red chain says where and why. */
function expectConclusion(j: JobResult, conclusion: string): void {
  if (j.conclusion !== conclusion) {
    throw new Error(`expected ${j.id} to end ${conclusion}:\n${explain(j)}`);
  }
}

/** The production app: reads the database, like the example's app. */
function startApp(pg: PostgresCluster): Promise<Server> {
  const server = createServer((req, res) => {
    let up = 'down';
    try {
      up = pg.sql('SELECT 1', 'shop').trim() === '1' ? 'up' : 'down';
    } catch {
      // database down
    }
    if (req.url === '/healthz') res.writeHead(up === 'up' ? 200 : 500).end('ok');
    else if (req.url === '/api/v1/status')
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ database: up }));
    else res.writeHead(404).end('not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * The example's promotion.yml with its production facts replaced by the test world's: the smoke
 * base URL (a loopback app), the backup folder (a temp dir) and the watch window (seconds, not
 * 15 minutes). Everything else is the example's, checked below.
 */
const REPLACED = ['smoke.base-url', 'smoke.watch', 'migrate.backup-dir'];
function promotionYml(appUrl: string, backups: string): string {
  const config = parseYaml(readFileSync(join(EXAMPLE, 'promotion.yml'), 'utf8')) as Record<
    string,
    any
  >;
  config.smoke['base-url'] = appUrl;
  config.smoke.watch = { ...config.smoke.watch, duration: '2s', interval: '1s' };
  config.migrate['backup-dir'] = backups;
  return stringify(config);
}

function withoutReplaced(config: Record<string, any>): Record<string, any> {
  const copy = structuredClone(config);
  for (const path of REPLACED) {
    const [a, b] = path.split('.') as [string, string];
    delete copy[a][b];
  }
  return copy;
}

// PostgreSQL is part of the test world (.ci/run installs it).
if (!postgresAvailable()) throw new Error(`PostgreSQL 15 is required (${PG_BIN}); see .ci/run`);

describe('the postgres-app example chain', () => {
  let gh: Emulator;
  let pg: PostgresCluster;
  let app: Server;
  let runner: WorkflowRunner;
  let scratch: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'promote-chain-'));
    pg = await startPostgres();
    pg.createDatabase('shop');
    pg.sql(
      'CREATE TABLE orders (id int PRIMARY KEY, total_cents int NOT NULL); INSERT INTO orders SELECT i, i * 100 FROM generate_series(1, 50) i;',
      'shop',
    );
    app = await startApp(pg);
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const backups = join(scratch, 'backups');
    mkdirSync(backups);
    // The production host's tools on the runner: systemctl (the example restarts the app with it).
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'systemctl'),
      `#!/bin/sh\necho "systemctl $*" >> "${join(scratch, 'systemctl.log')}"\n`,
    );
    chmodSync(join(bin, 'systemctl'), 0o755);

    gh = await startEmulator({ owner: 'acme', repo: 'shop' });
    let id = 9000;
    for (const login of ['ops-1', 'ops-2', 'ops-3', 'dana']) {
      gh.state.users[login] = { login, id: id++, type: 'User' };
      gh.state.collaborators.push(login);
    }
    const files: Record<string, string> = {
      '.github/promotion.yml': promotionYml(appUrl, backups),
      'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n',
      'db/migrations/000_init.sql': '-- the schema production already has\nSELECT 1;\n',
      'src/app.js': 'export const app = {};\n',
    };
    for (const f of readdirSync(join(EXAMPLE, 'workflows'))) {
      files[`.github/workflows/${f}`] = readFileSync(join(EXAMPLE, 'workflows', f), 'utf8');
    }
    await gh.git.commit({ branch: 'main', files, message: 'chore: app with Promote' });
    await gh.git.commit({
      branch: 'staging',
      files: { 'src/cart.js': 'export const cart = [];\n' },
      message: 'feat(cart): saved carts (#11)',
    });
    await gh.git.commit({
      branch: 'staging',
      files: { 'src/app.js': 'export const app = { v: 2 };\n' },
      message: 'fix: totals rounding (#12)',
    });
    await gh.git.commit({
      branch: 'staging',
      files: {
        'db/migrations/001_status.sql':
          "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'paid';\n",
      },
      message: 'feat(orders): order status (#13)',
    });

    runner = new WorkflowRunner({
      emulator: gh,
      settings: {
        secrets: {
          PROMOTE_APP_PRIVATE_KEY: APP_KEY,
          SMOKE_TOKEN: 'smoke-secret-token',
          SLACK_WEBHOOK_URL: 'http://127.0.0.1:9/slack',
        },
        environments: {
          production: { secrets: { DATABASE_URL: pg.url('shop') }, reviewers: ['ops-1'] },
        },
        app: {
          id: '123456',
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
          bypass: true,
        },
      },
      env: {
        PATH: `${bin}:${PG_BIN}:${process.env.PATH}`,
        // Test-only fixed clock of the preflight bundle (a Wednesday afternoon, outside the freeze).
        PROMOTE_TEST_MODE: '1',
        PROMOTE_FAKE_NOW: WEDNESDAY,
      },
    });
  }, 120_000);

  afterAll(async () => {
    runner?.cancelAll();
    await runner?.idle();
    runner?.close();
    await gh?.close();
    await new Promise<void>((r) => (app ? app.close(() => r()) : r()));
    await pg?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the committed config is the example with only its production facts replaced', () => {
    const example = parseYaml(readFileSync(join(EXAMPLE, 'promotion.yml'), 'utf8')) as Record<
      string,
      any
    >;
    const committed = parseYaml(promotionYml('http://x', '/x')) as Record<string, any>;
    expect(withoutReplaced(committed)).toEqual(withoutReplaced(example));
  });

  let prNumber: number;
  let mergeSha: string;

  test('Run workflow on promote.yml: the example config refuses every promotion (drift), even with an emergency reason', async () => {
    const main = (await gh.git.revParse('main'))!;
    const [refused] = await runner.trigger(
      dispatchEvent(gh, {
        workflow: 'promote.yml',
        sha: main,
        inputs: { name: 'sprint-15' },
        sender: 'dana',
      }),
    );
    // Seam (README): the example's drift gate compares staging with main, which always differ
    // when there is something to promote, so a plain "Run workflow" is refused.
    const first = jobOf(refused, 'promote/promote');
    expectConclusion(first, 'failure');
    expect(
      first.steps.find((st) => st.name === 'Open the promotion PR')!.annotations,
    ).toContainEqual({
      level: 'error',
      message: expect.stringContaining('1 pre-open gate failed (drift); nothing was written.'),
    });
    expect(gh.state.pulls).toEqual([]);

    // An emergency reason does not lift it either: preflight.override.lifts does not list drift.
    const [overridden] = await runner.trigger(
      dispatchEvent(gh, {
        workflow: 'promote.yml',
        sha: main,
        inputs: { name: 'sprint-15', 'emergency-reason': 'staging validated by QA' },
        sender: 'dana',
      }),
    );
    const second = jobOf(overridden, 'promote/promote');
    expectConclusion(second, 'failure');
    expect(logs(second)).toContain(
      'pre-open gate drift failed and cannot be overridden (preflight.override.lifts does not list it)',
    );
    expect(gh.state.pulls).toEqual([]);

    // So the user opens the promotion PR by hand (a PAT: its events start workflows), and the
    // rest of the chain is observed from there.
    const staging = (await gh.git.revParse('staging'))!;
    await gh.git.branch('promote/sprint-15-manual', staging);
    const res = await fetch(`${gh.url}/repos/acme/shop/pulls`, {
      method: 'POST',
      headers: { authorization: 'token ghp_dana', 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Promote sprint-15',
        head: 'promote/sprint-15-manual',
        base: 'main',
      }),
    });
    expect(res.status).toBe(201);
    const pr = gh.state.pulls.find((p) => p.state === 'open')!;
    expect(pr.base.ref).toBe('main');
    prNumber = pr.number;
  }, 120_000);

  test('preflight runs on the PR but stops before the promote/preflight check run (reports the caller never provides)', async () => {
    const pr = gh.state.pulls.find((p) => p.number === prNumber)!;
    const [preflight] = await runner.trigger(
      pullRequestEvent(gh, 'opened', {
        number: pr.number,
        head: pr.head,
        base: { ref: 'main', sha: pr.base.sha },
        title: pr.title,
      }),
    );
    const job = jobOf(preflight, 'preflight/preflight');
    const check = gh.state.checkRuns.find(
      (c) => c.name === 'promote/preflight' && c.head_sha === pr.head.sha,
    );
    // Seam (README): the example's config requires JUnit and Cobertura reports, but the example
    // caller never passes `reports-artifact` (and nothing uploads one), so preflight stops before
    // writing the check run: the required "promote/preflight" check never arrives on the PR.
    expectConclusion(job, 'failure');
    expect(logs(job)).toContain('preflight-gates: report files not found in');
    expect(logs(job)).toContain('reports/junit.xml, coverage/cobertura.xml');
    expect(
      jobOf(preflight, 'preflight/preflight').steps.map((st) => [st.name, st.conclusion]),
    ).toEqual([
      ['Check out the change', 'success'],
      ['Download reports', 'skipped'],
      ['Preflight gates', 'failure'],
      ['Post Check out the change', 'success'],
    ]);
    expect(check).toBeUndefined();
  }, 180_000);

  test('after the merge, on-merge deploys once: guard, migrate (backup, migration), smoke seal, tag and release', async () => {
    const res = await fetch(`${gh.url}/repos/acme/shop/pulls/${prNumber}/merge`, {
      method: 'PUT',
      headers: { authorization: 'token ghp_adminMerges', 'content-type': 'application/json' },
      body: JSON.stringify({ merge_method: 'merge' }),
    });
    expect(res.status).toBe(200);
    mergeSha = ((await res.json()) as { sha: string }).sha;
    const pr = gh.state.pulls.find((p) => p.number === prNumber)!;
    const [onMerge] = await runner.trigger(
      pullRequestEvent(gh, 'closed', {
        number: pr.number,
        head: pr.head,
        base: { ref: 'main' },
        merged: true,
        merge_commit_sha: mergeSha,
        title: pr.title,
      }),
    );
    const guard = jobOf(onMerge, 'deploy/guard');
    expect({ guard: guard.outputs, explain: explain(guard) }).toMatchObject({
      guard: { deploy: 'true', sha: mergeSha },
    });
    const migrate = jobOf(onMerge, 'deploy/migrate');
    expect(migrate.environment?.approval?.by).toBe('ops-1');
    expect(migrate.permissions).toEqual({ contents: 'write', deployments: 'write' });
    expectConclusion(migrate, 'success');
    expect(migrate.outputs.status).toBe('migrated');
    // The action's post step ran at the end of the job (post-if: always()).
    expect(migrate.steps.map((st) => [st.name, st.conclusion])).toContainEqual([
      'Post Backup, migrate, restart (restore on failure)',
      'success',
    ]);
    expect(
      pg
        .sql(
          "SELECT column_name FROM information_schema.columns WHERE table_name = 'orders' ORDER BY 1",
          'shop',
        )
        .split('\n')
        .filter(Boolean),
    ).toEqual(['id', 'status', 'total_cents']);
    const deployment = gh.state.deployments.find(
      (d) => d.sha === mergeSha && d.task === 'deploy:migrate',
    );
    expect(deployment?.environment).toBe('production');

    const smoke = jobOf(onMerge, 'deploy/smoke');
    expectConclusion(smoke, 'success');
    expect(smoke.outputs.seal).toBe('green');
    expect(gh.state.statuses.some((s) => s.sha === mergeSha && s.state === 'success')).toBe(true);

    const release = jobOf(onMerge, 'deploy/release');
    expectConclusion(release, 'success');
    const tags = await gh.git.tags();
    const tag = tags[`v${release.outputs.version}`];
    expect(tag?.sha).toBe(mergeSha);
    expect(gh.state.releases.map((r) => r.tag_name)).toEqual([`v${release.outputs.version}`]);
    // Seam (README): the example config notifies Teams, but its caller maps only the Slack
    // webhook, so every notification step warns and skips Teams.
    expect(release.steps.flatMap((st) => st.annotations)).toContainEqual({
      level: 'warning',
      message: expect.stringContaining('notify.teams: the env var TEAMS_WEBHOOK_URL is empty'),
    });
    expect(jobOf(onMerge, 'deploy/result').conclusion).toBe('success');
    expect(onMerge!.conclusion).toBe('success');
    expect(readFileSync(join(scratch, 'systemctl.log'), 'utf8')).toBe('systemctl restart app\n');
    // Secrets never reach a log of the run.
    const everything = onMerge!.jobs.map((j) => j.log).join('\n');
    expect(everything).not.toContain(pg.url('shop'));
    expect(everything).not.toContain(APP_KEY);
  }, 300_000);

  test('Run workflow on promote-rollback.yml restores the release backup', async () => {
    const version = gh.state.releases[0]!.tag_name;
    pg.sql('INSERT INTO orders (id, total_cents) VALUES (999, 1)', 'shop');
    const main = (await gh.git.revParse('main'))!;
    const [rollback] = await runner.trigger(
      dispatchEvent(gh, {
        workflow: 'promote-rollback.yml',
        sha: main,
        inputs: { release: version, reason: 'checkout broken after the release' },
        sender: 'dana',
      }),
    );
    const job = jobOf(rollback, 'rollback/rollback');
    expect(job.environment?.name).toBe('production');
    expectConclusion(job, 'success');
    expect(job.outputs.status).toBe('rolled-back');
    expect(jobOf(rollback, 'rollback').outputs.status).toBe('rolled-back');
    // The backup was taken before the migration: the status column and the new row are gone.
    expect(pg.sql('SELECT count(*) FROM orders WHERE id = 999', 'shop').trim()).toBe('0');
    expect(
      pg
        .sql(
          "SELECT column_name FROM information_schema.columns WHERE table_name = 'orders' ORDER BY 1",
          'shop',
        )
        .split('\n')
        .filter(Boolean),
    ).toEqual(['id', 'total_cents']);
  }, 180_000);

  test('the same merge delivered again deploys nothing (the guard finds the deployment)', async () => {
    const pr = gh.state.pulls.find((p) => p.number === prNumber)!;
    const deployments = gh.state.deployments.length;
    const [again] = await runner.trigger(
      pullRequestEvent(gh, 'closed', {
        number: pr.number,
        head: pr.head,
        base: { ref: 'main' },
        merged: true,
        merge_commit_sha: mergeSha,
        title: pr.title,
      }),
    );
    expect(jobOf(again, 'deploy/guard').outputs.deploy).toBe('false');
    expect(jobOf(again, 'deploy/guard').steps[0]!.annotations).toContainEqual({
      level: 'notice',
      message: `Skipped: ${mergeSha} already has a deployment to production (see its statuses).`,
    });
    expect(jobOf(again, 'deploy/migrate').conclusion).toBe('skipped');
    expect(jobOf(again, 'deploy/result').conclusion).toBe('success');
    expect(gh.state.deployments).toHaveLength(deployments);
  }, 120_000);
});
