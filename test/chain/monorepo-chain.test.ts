// The monorepo example end to end (issue #20): two apps (an API on PostgreSQL, a worker on D1)
// through dev -> staging -> production, the example's .github committed as is (only the stage
// URLs and the S3 endpoint replaced), run by the workflow runner from the emulator's events.
// - A change to the API only: deployed app by app on each stage, promoted stage by stage (one
//   stage's soak read from GitHub), tagged api-v1.1.0 on production; the worker's version,
//   CHANGELOG, databases and deployments untouched.
// - A hotfix to both apps straight into staging: refused by the soak gate (never deployed on
//   dev) until the emergency override, which records who and why; both apps migrated in the
//   configured order; on production the worker's seal goes red and its rollback restores the
//   worker only, while the API stays migrated and released.
import { generateX25519Identity } from 'age-encryption';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import type { DeliveryReport } from '../../actions/report/src/measures.js';
import { REPO_ROOT, runBundle } from '../support/harness.js';
import {
  PG_BIN,
  postgresAvailable,
  startPostgres,
  type PostgresCluster,
} from '../support/postgres.js';
import { startS3, type S3World } from '../support/s3.js';
import { WorkflowRunner, type RunResult } from '../support/workflow-runner/index.js';
import { api, expectConclusion, jobOf, runsOf } from './chain-helpers.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'monorepo', '.github');
const FAKE_TOOLS = join(REPO_ROOT, 'test', 'support', 'fake-tools');
const APP_KEY = 'monorepo-app-private-key';
const CF_TOKEN = 'cf-api-token';
/** A Wednesday, 10:00 in Berlin: inside production's allow window, long after any soak. */
const LATER = '2030-01-09T09:00:00Z';
const STAGES = ['dev', 'staging', 'production'] as const;
const DATABASES = { dev: 'api_dev', staging: 'api_staging', production: 'api_prod' };
const D1 = { dev: 'worker-db-dev', staging: 'worker-db-staging', production: 'worker-db' };

if (!postgresAvailable()) throw new Error(`PostgreSQL 15 is required (${PG_BIN}); see .ci/run`);

/** The repository's own files: two apps, wrangler as a devDependency (a stand-in, linked). */
function monorepoFiles(): Record<string, string> {
  const devDependencies = { wrangler: 'file:tools/wrangler' };
  const pkg = { name: 'acme', version: '0.0.0', private: true, devDependencies };
  const lock = {
    name: 'acme',
    version: '0.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'acme', version: '0.0.0', devDependencies },
      'node_modules/wrangler': { resolved: 'tools/wrangler', link: true },
      'tools/wrangler': { version: '4.0.0', dev: true, bin: { wrangler: 'bin.cjs' } },
    },
  };
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify(lock, null, 2)}\n`,
    'tools/wrangler/package.json': JSON.stringify({
      name: 'wrangler',
      version: '4.0.0',
      bin: { wrangler: 'bin.cjs' },
    }),
    'tools/wrangler/bin.cjs': `#!/usr/bin/env node\nrequire(${JSON.stringify(join(FAKE_TOOLS, 'wrangler.cjs'))});\n`,
    'wrangler.jsonc':
      '{\n  "name": "worker",\n  "main": "apps/worker/src/index.js",\n  "d1_databases": [{ "binding": "DB", "database_name": "worker-db", "migrations_dir": "apps/worker/migrations" }]\n}\n',
    'apps/api/src/index.ts': 'export const api = 1;\n',
    'apps/api/db/migrations/0001_items.sql':
      'CREATE TABLE IF NOT EXISTS items (id integer PRIMARY KEY, name text);\n',
    'apps/api/CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n',
    'apps/worker/src/index.js': 'export default { fetch: () => new Response("ok") };\n',
    'apps/worker/migrations/0001_orders.sql':
      'CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER);\n',
    'apps/worker/CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n',
  };
}

describe('the monorepo example: two apps through dev -> staging -> production', () => {
  let gh: Emulator;
  let pg: PostgresCluster;
  let s3: S3World;
  let site: Server;
  let runner: WorkflowRunner;
  let scratch: string;
  let cfHome: string;
  let example: Record<string, any>;
  let person: string;
  let workerHealth = 200;
  const hooks: string[] = [];
  /** The bundles' clock for the actions that judge time (soak, windows). */
  const clock: Record<string, string> = {};

  const d1 = (stage: (typeof STAGES)[number]) =>
    readFileSync(join(cfHome, `${D1[stage]}.sql`), 'utf8');
  const apiColumns = (stage: (typeof STAGES)[number]) =>
    pg
      .sql(
        "SELECT string_agg(column_name, ',' ORDER BY column_name) FROM information_schema.columns WHERE table_name = 'items'",
        DATABASES[stage],
      )
      .trim();
  const tags = async () => Object.keys(await gh.git.tags()).sort();

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await gh.settled();
      await runner.idle();
    }
  }

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'promote-monorepo-'));
    cfHome = join(scratch, 'cloudflare');
    mkdirSync(cfHome);
    for (const stage of STAGES)
      writeFileSync(
        join(cfHome, `${D1[stage]}.sql`),
        `CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER);\n${Array.from({ length: 60 }, (_, i) => `INSERT INTO orders VALUES (${i}, ${100 + i});`).join('\n')}\n`,
      );
    pg = await startPostgres();
    for (const stage of STAGES) {
      pg.createDatabase(DATABASES[stage]);
      pg.sql(
        'CREATE TABLE items (id integer PRIMARY KEY, name text); INSERT INTO items VALUES (1, $$one$$);',
        DATABASES[stage],
      );
    }
    s3 = await startS3({ bucket: 'acme-monorepo-promote-backups' });
    // Every stage's site (one server here): the health paths, and the API's deploy hook.
    site = await new Promise<Server>((resolve) => {
      const s = createServer((req, res) => {
        if (req.method === 'POST' && req.url === '/hook') {
          hooks.push('api');
          res.writeHead(200).end('{}');
        } else if (req.url === '/worker/health') res.writeHead(workerHealth).end('worker');
        else if (req.url === '/healthz' || req.url === '/api/healthz') res.writeHead(200).end('ok');
        else res.writeHead(404).end();
      });
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

    example = parseYaml(readFileSync(join(EXAMPLE, 'promotion.yml'), 'utf8')) as Record<
      string,
      any
    >;
    const config = structuredClone(example);
    for (const stage of config.stages) if (stage.smoke) stage.smoke['base-url'] = siteUrl;
    config.migrate.store.endpoint = s3.endpoint;

    gh = await startEmulator({ owner: 'acme', repo: 'mono', defaultBranch: 'main' });
    const files: Record<string, string> = {
      ...monorepoFiles(),
      '.github/promotion.yml': stringify(config),
    };
    for (const f of readdirSync(join(EXAMPLE, 'workflows')))
      files[`.github/workflows/${f}`] = readFileSync(join(EXAMPLE, 'workflows', f), 'utf8');
    const adopted = await gh.git.commit({ branch: 'main', files, message: 'chore: Promote' });
    await gh.git.updateRef('refs/tags/api-v1.0.0', adopted);
    await gh.git.updateRef('refs/tags/worker-v1.0.0', adopted);
    await gh.git.updateRef('refs/heads/dev', adopted);
    await gh.git.updateRef('refs/heads/staging', adopted);
    gh.state.collaborators.push('ops-1', 'ops-2', 'api-owner-1', 'api-owner-2');
    // The rulesets of staging and main (examples/README.md): changes through a PR whose
    // promote/preflight check is green; the Promote App may bypass (its CHANGELOG commits).
    for (const branch of ['staging', 'main'])
      gh.addRuleset({
        name: branch,
        conditions: { ref_name: { include: [`refs/heads/${branch}`], exclude: [] } },
        rules: [
          { type: 'pull_request' },
          {
            type: 'required_status_checks',
            parameters: { required_status_checks: [{ context: 'promote/preflight' }] },
          },
        ],
        bypass_actors: [{ actor_id: 1, actor_type: 'Integration', bypass_mode: 'always' }],
      });
    person = gh.tokens!.mint({ kind: 'pat', login: 'ops-1' });

    const identity = await generateX25519Identity();
    const stageSecrets = (stage: (typeof STAGES)[number]) => ({
      DATABASE_URL: pg.url(DATABASES[stage]),
      CLOUDFLARE_API_TOKEN: CF_TOKEN,
      DEPLOY_HOOK_URL: `${siteUrl}/hook`,
      PROMOTE_BACKUP_ACCESS_KEY_ID: s3.accessKeyId,
      PROMOTE_BACKUP_SECRET_ACCESS_KEY: s3.secretAccessKey,
      PROMOTE_BACKUP_AGE_IDENTITY: identity,
    });
    runner = new WorkflowRunner({
      emulator: gh,
      settings: {
        secrets: { PROMOTE_APP_PRIVATE_KEY: APP_KEY },
        // Each stage's credentials live in its own environment.
        environments: {
          dev: { secrets: stageSecrets('dev') },
          staging: { secrets: stageSecrets('staging') },
          production: { reviewers: ['ops-2'], secrets: stageSecrets('production') },
        },
        app: {
          id: '424242',
          clientId: 'Iv23liEXAMPLE0000000',
          slug: 'promote-app',
          privateKey: APP_KEY,
          permissions: {
            contents: 'write',
            'pull-requests': 'write',
            issues: 'write',
            deployments: 'write',
            statuses: 'write',
          },
          bypass: true,
        },
      },
      env: {
        // wrangler picks the D1 database of the stage from its name (worker-db-<stage>).
        FAKE_WRANGLER_HOME: cfHome,
        FAKE_WRANGLER_API_TOKEN: CF_TOKEN,
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
      },
      fixedNow: clock,
    });
    runner.attach();
  }, 120_000);

  afterAll(async () => {
    runner?.cancelAll();
    await runner?.idle();
    runner?.close();
    await gh?.close();
    await s3?.stop();
    await pg?.stop();
    await new Promise<void>((r) => (site ? site.close(() => r()) : r()));
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** A person's pull request from a new branch into `base`, merged; the on-merge run it started. */
  async function landInto(
    base: string,
    files: Record<string, string>,
    message: string,
  ): Promise<RunResult> {
    const branch = `feature/${message.replace(/\W+/g, '-').slice(0, 30)}`;
    const baseSha = (await gh.git.revParse(base))!;
    await gh.git.updateRef(`refs/heads/${branch}`, baseSha);
    await gh.git.commit({ branch, files, message });
    const pr = await api(gh, person, 'POST', '/repos/acme/mono/pulls', {
      title: message,
      head: branch,
      base,
      body: 'A change.',
    });
    expect(pr.status).toBe(201);
    await settle();
    return merge(pr.body.number as number);
  }

  async function merge(number: number, expectGreen = true): Promise<RunResult> {
    const before = runner.runs.length;
    const merged = await api(gh, person, 'PUT', `/repos/acme/mono/pulls/${number}/merge`, {
      merge_method: 'merge',
    });
    expect(merged.status).toBe(200);
    await settle();
    const runs = runsOf(runner.runs.slice(before), 'promote-on-merge.yml', 'pull_request');
    expect(runs).toHaveLength(1);
    if (expectGreen) {
      for (const j of runs[0]!.jobs.filter((x) => x.conclusion === 'failure' && x.steps.length > 0))
        expectConclusion(j, 'success');
      expectConclusion(jobOf(runs[0], 'deploy/result'), 'success');
    }
    return runs[0]!;
  }

  /** "Run workflow" on promote.yml into `stage`, at `now`; the PR it opened (if any). */
  async function promote(stage: string, now: string): Promise<{ run: RunResult; pr?: any }> {
    clock['open-promote-pr'] = now;
    clock['preflight-gates'] = now;
    const before = runner.runs.length;
    const dispatched = await api(
      gh,
      person,
      'POST',
      '/repos/acme/mono/actions/workflows/promote.yml/dispatches',
      { ref: 'main', inputs: { stage } },
    );
    expect(dispatched.status).toBe(204);
    await settle();
    const [run] = runsOf(runner.runs.slice(before), 'promote.yml', 'workflow_dispatch');
    const job = jobOf(run, 'promote/promote');
    expectConclusion(job, 'success');
    const number = Number(job.outputs['pr-number'] || 0);
    return { run: run!, pr: number ? gh.state.pulls.find((p) => p.number === number) : undefined };
  }

  const preflightCheck = (sha: string) =>
    gh.state.checkRuns.findLast((c: any) => c.name === 'promote/preflight' && c.head_sha === sha);

  const checkText = (c: any) => `${c.output.title}\n${c.output.summary}\n${c.output.text ?? ''}`;

  /** Legs of a matrix job of the on-merge run, by app. */
  const legs = (run: RunResult, job: string) =>
    run.jobs.filter((j) => j.id.startsWith(`deploy/${job} (`)).map((j) => j.id);

  test('the repository holds the example exactly, but for the stage URLs and the S3 endpoint', async () => {
    const main = (await gh.git.revParse('main'))!;
    for (const f of readdirSync(join(EXAMPLE, 'workflows')))
      expect(await gh.git.readFile(main, `.github/workflows/${f}`)).toBe(
        readFileSync(join(EXAMPLE, 'workflows', f), 'utf8'),
      );
    const committed = parseYaml((await gh.git.readFile(main, '.github/promotion.yml'))!);
    for (const [i, stage] of committed.stages.entries())
      if (example.stages[i].smoke) stage.smoke = example.stages[i].smoke;
      else delete stage.smoke;
    committed.migrate.store.endpoint = example.migrate.store.endpoint;
    expect(committed).toEqual(example);
  });

  let apiRelease: string;

  test('a change to the API only: deployed on dev (api only), promoted to staging, soaking, then to production and tagged api-v1.1.0; the worker untouched', async () => {
    const workerBefore = STAGES.map(d1);
    const onDev = await landInto(
      'dev',
      {
        'apps/api/db/migrations/0002_sku.sql': 'ALTER TABLE items ADD COLUMN sku text;\n',
        'apps/api/src/index.ts': 'export const api = 2;\n',
      },
      'feat(api): item SKUs',
    );
    expect(jobOf(onDev, 'deploy/guard').outputs).toMatchObject({
      stage: 'dev',
      environment: 'dev',
      apps: '["api"]',
      'last-stage': 'false',
    });
    expect(legs(onDev, 'migrate')).toEqual(['deploy/migrate (api)']);
    expect(jobOf(onDev, 'deploy/migrate (api)').environment).toMatchObject({ name: 'dev' });
    expectConclusion(jobOf(onDev, 'deploy/smoke (api)'), 'success');
    // Not the last stage: nothing is tagged.
    expect(jobOf(onDev, 'deploy/release').conclusion).toBe('skipped');
    expect(apiColumns('dev')).toBe('id,name,sku');
    expect(apiColumns('staging')).toBe('id,name');

    // dev -> staging: dev has no soak, sealed green is enough.
    const intoStaging = await promote('staging', new Date().toISOString());
    expect(intoStaging.pr).toMatchObject({ state: 'open', base: { ref: 'staging' } });
    expect(intoStaging.pr.title).toContain('(dev -> staging)');
    expect(preflightCheck(intoStaging.pr.head.sha)).toMatchObject({ conclusion: 'success' });
    const onStaging = await merge(intoStaging.pr.number);
    expect(jobOf(onStaging, 'deploy/guard').outputs).toMatchObject({
      stage: 'staging',
      apps: '["api"]',
    });
    expect(apiColumns('staging')).toBe('id,name,sku');
    const staged = jobOf(onStaging, 'deploy/guard').outputs.sha!;
    const sealed = gh.state.statuses.find(
      (s: any) => s.sha === staged && s.context === 'promote/smoke-seal/api/staging',
    );
    expect(sealed).toMatchObject({ state: 'success' });

    // staging -> production 10 minutes after the seal: staging's soak is 1h, nothing is ready.
    const greenAt = Date.parse(sealed!.created_at);
    const early = await promote('production', new Date(greenAt + 10 * 60_000).toISOString());
    expect(early.pr).toBeUndefined();
    expect(jobOf(early.run, 'promote/promote').summary).toMatch(/50m left|ready in 50m/);

    // After the soak (and inside production's window): the PR, preflight green, merge.
    const late = await promote('production', LATER);
    expect(late.pr).toMatchObject({ base: { ref: 'main' } });
    expect(late.pr.head.sha).toBe(staged);
    const check = preflightCheck(staged);
    expect(check).toMatchObject({ conclusion: 'success' });
    expect(checkText(check)).toMatch(/sealed green on staging/);
    const onProduction = await merge(late.pr.number);
    expect(jobOf(onProduction, 'deploy/guard').outputs).toMatchObject({
      stage: 'production',
      environment: 'production',
      apps: '["api"]',
      'last-stage': 'true',
    });
    const migrate = jobOf(onProduction, 'deploy/migrate (api)');
    expect(migrate.environment).toMatchObject({ name: 'production', approval: { approved: true } });
    expect(apiColumns('production')).toBe('id,name,sku');
    const release = jobOf(onProduction, 'deploy/release (api)');
    expectConclusion(release, 'success');
    expect(release.outputs).toMatchObject({ version: '1.1.0' });
    expect(await tags()).toContain('api-v1.1.0');
    apiRelease = (await gh.git.revParse('refs/tags/api-v1.1.0^{commit}'))!;
    expect(apiRelease).toBe(jobOf(onProduction, 'deploy/guard').outputs.sha);
    const main = (await gh.git.revParse('main'))!;
    expect(await gh.git.readFile(main, 'apps/api/CHANGELOG.md')).toContain('## [1.1.0]');
    expect(await gh.git.readFile(main, 'apps/api/CHANGELOG.md')).toContain('item SKUs');
    // The worker: no new tag, its changelog as it was, its databases as they were, no deploys.
    expect(await tags()).toEqual(['api-v1.0.0', 'api-v1.1.0', 'worker-v1.0.0']);
    expect(await gh.git.readFile(main, 'apps/worker/CHANGELOG.md')).toBe(
      '# Changelog\n\n## [Unreleased]\n',
    );
    expect(STAGES.map(d1)).toEqual(workerBefore);
    expect(
      gh.state.deployments.filter((d: any) => JSON.stringify(d.payload).includes('worker')),
    ).toEqual([]);
    expect(hooks).toEqual(['api', 'api', 'api']);
  }, 300_000);

  test('a hotfix to both apps into staging: the soak gate refuses it until the override (who and why recorded); both migrate in order; a red worker seal on production rolls back the worker only', async () => {
    const branch = 'hotfix/both';
    const base = (await gh.git.revParse('staging'))!;
    await gh.git.updateRef(`refs/heads/${branch}`, base);
    await gh.git.commit({
      branch,
      files: {
        'apps/api/db/migrations/0003_price.sql': 'ALTER TABLE items ADD COLUMN price integer;\n',
        'apps/worker/migrations/0002_region.sql': 'ALTER TABLE orders ADD COLUMN region TEXT;\n',
        'apps/worker/src/index.js': 'export default { fetch: () => new Response("ok, v2") };\n',
      },
      message: 'fix: prices and regions',
    });
    clock['preflight-gates'] = new Date().toISOString();
    const opened = await api(gh, person, 'POST', '/repos/acme/mono/pulls', {
      title: 'fix: prices and regions',
      head: branch,
      base: 'staging',
      body: 'Hotfix.\n\nOverride-Reason: checkout is down for EU customers',
    });
    expect(opened.status).toBe(201);
    await settle();
    const head = opened.body.head.sha as string;
    const refused = preflightCheck(head);
    expect(refused).toMatchObject({ conclusion: 'failure' });
    expect(checkText(refused)).toMatch(/has not been deployed to dev/);

    await api(gh, person, 'POST', `/repos/acme/mono/issues/${opened.body.number}/labels`, {
      labels: ['emergency-override'],
    });
    await settle();
    const overridden = preflightCheck(head);
    expect(overridden).toMatchObject({ conclusion: 'success' });
    const audit = checkText(overridden);
    expect(audit).toContain('ops-1');
    expect(audit).toContain('checkout is down for EU customers');

    const onStaging = await merge(opened.body.number);
    expect(jobOf(onStaging, 'deploy/guard').outputs.apps).toBe('["api","worker"]');
    expect(legs(onStaging, 'migrate')).toEqual(['deploy/migrate (api)', 'deploy/migrate (worker)']);
    // In the configured order: the API's deployment before the worker's.
    const staged = jobOf(onStaging, 'deploy/guard').outputs.sha!;
    const order = gh.state.deployments
      .filter((d: any) => d.sha === staged && d.environment === 'staging')
      .sort((a: any, b: any) => a.id - b.id)
      .map((d: any) => d.payload.app);
    expect(order).toEqual(['api', 'worker']);
    expect(apiColumns('staging')).toBe('id,name,price,sku');
    expect(d1('staging')).toContain('ADD COLUMN region');

    // To production after the soak; the worker's health fails there: its seal goes red.
    workerHealth = 500;
    const intoProduction = await promote('production', LATER);
    expect(intoProduction.pr.head.sha).toBe(staged);
    const before = runner.runs.length;
    const onProduction = await merge(intoProduction.pr.number);
    workerHealth = 200;
    expect(legs(onProduction, 'smoke')).toEqual(['deploy/smoke (api)', 'deploy/smoke (worker)']);
    expect(jobOf(onProduction, 'deploy/smoke (api)').outputs.seal).toBe('green');
    expect(jobOf(onProduction, 'deploy/smoke (worker)').outputs.seal).toBe('red');
    const deployed = jobOf(onProduction, 'deploy/guard').outputs.sha!;
    expect(apiColumns('production')).toBe('id,name,price,sku');

    // The red seal dispatched promote-rollback.yml for the worker only, which restored it.
    const [rollback] = runsOf(
      runner.runs.slice(before),
      'promote-rollback.yml',
      'workflow_dispatch',
    );
    expect(rollback).toBeDefined();
    const restore = jobOf(rollback, 'rollback/rollback');
    expectConclusion(restore, 'success');
    expect(restore.environment).toMatchObject({ name: 'production' });
    expect(d1('production')).not.toContain('ADD COLUMN region');
    // The API keeps its migration and its release; the worker's rollback is recorded for it.
    expect(apiColumns('production')).toBe('id,name,price,sku');
    const rollbacks = gh.state.deployments.filter((d: any) => d.task === 'deploy:rollback');
    expect(rollbacks.map((d: any) => [d.environment, d.payload.app])).toEqual([
      ['production', 'worker'],
    ]);
    expect(await tags()).toContain('api-v1.1.1');
    expect(
      gh.state.statuses.find(
        (s: any) => s.sha === deployed && s.context === 'promote/smoke-seal/worker/production',
      ),
    ).toMatchObject({ state: 'failure' });
  }, 300_000);

  test("the delivery report of one app counts that app's deploys, failures and rollbacks only", async () => {
    const token = gh.tokens!.mint({
      kind: 'github-token',
      permissions: {
        contents: 'read',
        deployments: 'read',
        statuses: 'read',
        'pull-requests': 'read',
        checks: 'read',
      },
    });
    const report = async (app: string) => {
      const run = await runBundle({
        action: 'report',
        emulator: gh,
        token,
        inputs: { days: '30', app },
        sha: (await gh.git.revParse('main'))!,
      });
      expect(run.exitCode).toBe(0);
      return JSON.parse(run.outputs.json!) as DeliveryReport;
    };
    const api = await report('api');
    expect(api.deploymentFrequency.deployments).toBe(2);
    expect(api.changeFailureRate).toMatchObject({ deployments: 2, failed: 0 });
    const worker = await report('worker');
    expect(worker.deploymentFrequency.deployments).toBe(1);
    // Sealed red, then rolled back: a failed change.
    expect(worker.changeFailureRate).toMatchObject({ deployments: 1, failed: 1 });
  }, 120_000);
});
