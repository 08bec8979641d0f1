// The d1-worker example, exactly as in examples/ (only production facts replaced: the Worker's
// URL for the smoke checks and the R2 endpoint of the backup store, here a real S3 server on
// loopback), run by the workflow runner from the emulator's events:
// a person runs "Promote" -> the App opens the promotion PR -> its preflight run (npm test ->
// reports -> the promote/preflight check the ruleset requires) -> a person merges -> Promote on
// merge: D1 backup (export to the store + Time Travel bookmark) and migration with wrangler, then
// `wrangler deploy`, smoke seal, tag and release. A second promotion's seal goes red: its
// `on-failure: rollback` dispatches the example's promote-rollback.yml with the backup of that
// deploy, and the rollback, on a fresh runner, restores D1 to the bookmark recorded in the
// deployment without reading anything from the store.
import { generateX25519Identity } from 'age-encryption';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { REPO_ROOT } from '../support/harness.js';
import { startS3, type S3World } from '../support/s3.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { WorkflowRunner, type RunResult } from '../support/workflow-runner/index.js';
import { api, expectConclusion, jobOf, runsOf } from './chain-helpers.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'd1-worker', '.github');
const FAKE_TOOLS = join(REPO_ROOT, 'test', 'support', 'fake-tools');
const APP_KEY = 'd1-app-private-key';
/** The example's app-client-id (examples/d1-worker/.github/workflows/promote*.yml). */
const CLIENT_ID = 'Iv23liEXAMPLE0000000';
const CF_TOKEN = 'cf-api-token-production';
/** A Tuesday, 10:00 in New York: outside the example's weekend freeze (preflight.freeze). */
const NOW = '2026-12-01T15:00:00Z';

/** The test repository's own files: a Worker with wrangler and Playwright as devDependencies. */
function workerFiles(): Record<string, string> {
  const pkg = {
    name: 'shop',
    version: '1.4.0',
    private: true,
    scripts: { test: 'node scripts/test.cjs' },
    devDependencies: {
      '@playwright/test': 'file:tools/playwright',
      wrangler: 'file:tools/wrangler',
    },
  };
  const lock = {
    name: 'shop',
    version: '1.4.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'shop', version: '1.4.0', devDependencies: pkg.devDependencies },
      'node_modules/@playwright/test': { resolved: 'tools/playwright', link: true },
      'node_modules/wrangler': { resolved: 'tools/wrangler', link: true },
      'tools/playwright': {
        name: '@playwright/test',
        version: '1.60.0',
        dev: true,
        bin: { playwright: 'bin.cjs' },
      },
      'tools/wrangler': { version: '4.0.0', dev: true, bin: { wrangler: 'bin.cjs' } },
    },
  };
  // The fake tools, linked by npm ci as node_modules/.bin/{wrangler,playwright}.
  const shim = (file: string) =>
    `#!/usr/bin/env node\nrequire(${JSON.stringify(join(FAKE_TOOLS, file))});\n`;
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify(lock, null, 2)}\n`,
    'tools/wrangler/package.json': JSON.stringify({
      name: 'wrangler',
      version: '4.0.0',
      bin: { wrangler: 'bin.cjs' },
    }),
    'tools/wrangler/bin.cjs': shim('wrangler.cjs'),
    'tools/playwright/package.json': JSON.stringify({
      name: '@playwright/test',
      version: '1.60.0',
      bin: { playwright: 'bin.cjs' },
    }),
    'tools/playwright/bin.cjs': shim('playwright.cjs'),
    // `npm test`: the JUnit and lcov reports preflight.tests names.
    'scripts/test.cjs': [
      "const fs = require('node:fs');",
      "fs.mkdirSync('reports', { recursive: true });",
      "fs.mkdirSync('coverage', { recursive: true });",
      'fs.writeFileSync(\'reports/junit.xml\', \'<testsuites tests="2" failures="0"><testsuite name="orders" tests="2" failures="0"><testcase name="totals"/><testcase name="region"/></testsuite></testsuites>\\n\');',
      "fs.writeFileSync('coverage/lcov.info', 'TN:\\nSF:src/index.js\\nLF:10\\nLH:9\\nend_of_record\\n');",
      "console.log('2 passed');",
      '',
    ].join('\n'),
    'wrangler.jsonc':
      '{\n  "name": "shop",\n  "main": "src/index.js",\n  "d1_databases": [{ "binding": "DB", "database_name": "shop-db" }],\n  "env": { "production": { "vars": { "TIER": "prod" } } }\n}\n',
    'src/index.js': 'export default { fetch: () => new Response("ok") };\n',
    'migrations/0001_orders.sql': 'CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER);\n',
    'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n',
  };
}

describe('the d1-worker example: promote, preflight, merge, deploy, red seal, rollback', () => {
  let gh: Emulator;
  let s3: S3World;
  let worker: Server;
  let chat: WebhookReceiver;
  let runner: WorkflowRunner;
  let scratch: string;
  let cfHome: string;
  let example: Record<string, any>;
  let config: Record<string, any>;
  let person: string;
  let health = 'ok';

  const d1 = () => readFileSync(join(cfHome, 'shop-db.sql'), 'utf8');
  const calls = () => readFileSync(join(cfHome, 'calls.log'), 'utf8').trim().split('\n');

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await gh.settled();
      await runner.idle();
    }
  }

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'promote-d1-'));
    // Cloudflare's side: the D1 database (and its Time Travel history) outlives every runner.
    cfHome = join(scratch, 'cloudflare');
    mkdirSync(cfHome);
    const rows = Array.from(
      { length: 200 },
      (_, i) =>
        `INSERT INTO orders VALUES (${i}, ${1000 + i}, '${randomBytes(12).toString('hex')}');`,
    );
    writeFileSync(
      join(cfHome, 'shop-db.sql'),
      `CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER, ref TEXT);\n${rows.join('\n')}\n`,
    );
    s3 = await startS3({ bucket: 'shop-promote-backups' });
    worker = await new Promise<Server>((resolve) => {
      const s = createServer((req, res) => {
        if (req.url === '/health')
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ db: health }));
        else res.writeHead(404).end();
      });
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    chat = await startWebhookReceiver();

    example = parseYaml(readFileSync(join(EXAMPLE, 'promotion.yml'), 'utf8')) as Record<
      string,
      any
    >;
    config = structuredClone(example);
    // The production facts: the Worker's URL and the R2 endpoint (a real S3 server here).
    config.smoke['base-url'] = `http://127.0.0.1:${(worker.address() as AddressInfo).port}`;
    config.migrate.store.endpoint = s3.endpoint;

    gh = await startEmulator({ owner: 'acme', repo: 'shop', defaultBranch: 'main' });
    const files: Record<string, string> = {
      ...workerFiles(),
      '.github/promotion.yml': stringify(config),
    };
    for (const f of readdirSync(join(EXAMPLE, 'workflows'))) {
      files[`.github/workflows/${f}`] = readFileSync(join(EXAMPLE, 'workflows', f), 'utf8');
    }
    const adopted = await gh.git.commit({
      branch: 'main',
      files,
      message: 'chore: shop with Promote',
    });
    // The shop's last release before Promote (package.json says 1.4.0).
    await gh.git.updateRef('refs/tags/v1.4.0', adopted);
    gh.state.collaborators.push('dev-a', 'dev-b');
    await gh.git.commit({
      branch: 'staging',
      files: {
        'migrations/0002_region.sql': 'ALTER TABLE orders ADD COLUMN region TEXT;\n',
        'src/index.js': 'export default { fetch: () => new Response("ok, with regions") };\n',
      },
      message: 'feat(orders): order region (#31)',
    });
    // The production branch's ruleset (examples/README.md step 7): changes through a PR whose
    // promote/preflight check is green; the Promote App may bypass (its CHANGELOG commit).
    gh.addRuleset({
      name: 'main',
      conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
      rules: [
        { type: 'pull_request' },
        {
          type: 'required_status_checks',
          parameters: { required_status_checks: [{ context: 'promote/preflight' }] },
        },
      ],
      bypass_actors: [{ actor_id: 1, actor_type: 'Integration', bypass_mode: 'always' }],
    });
    person = gh.tokens!.mint({ kind: 'pat', login: 'dev-a' });

    const identity = await generateX25519Identity();
    runner = new WorkflowRunner({
      emulator: gh,
      settings: {
        // Repository secrets: nothing that touches production.
        secrets: {
          PROMOTE_APP_PRIVATE_KEY: APP_KEY,
          DISCORD_WEBHOOK_URL: chat.hook('/discord'),
        },
        // The production credentials live only in the `production` environment.
        environments: {
          production: {
            reviewers: ['dev-b'],
            secrets: {
              CLOUDFLARE_API_TOKEN: CF_TOKEN,
              PROMOTE_BACKUP_ACCESS_KEY_ID: s3.accessKeyId,
              PROMOTE_BACKUP_SECRET_ACCESS_KEY: s3.secretAccessKey,
              PROMOTE_BACKUP_AGE_IDENTITY: identity,
            },
          },
        },
        app: {
          id: '424242',
          clientId: CLIENT_ID,
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
        // Cloudflare's account: wrangler calls must carry its API token.
        FAKE_WRANGLER_HOME: cfHome,
        FAKE_WRANGLER_API_TOKEN: CF_TOKEN,
        FAKE_PLAYWRIGHT_LOG: join(scratch, 'playwright.log'),
        // The runner image's npm, offline on loopback: no audit or fund requests.
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
      },
      // preflight's freeze gate judges this time.
      fixedNow: { 'preflight-gates': NOW },
    });
    runner.attach();
  }, 60_000);

  afterAll(async () => {
    runner?.cancelAll();
    await runner?.idle();
    runner?.close();
    await gh?.close();
    await chat?.close();
    await s3?.stop();
    await new Promise<void>((r) => (worker ? worker.close(() => r()) : r()));
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the repository holds the example exactly, but for the Worker URL and the R2 endpoint', async () => {
    const main = (await gh.git.revParse('main'))!;
    for (const f of readdirSync(join(EXAMPLE, 'workflows'))) {
      expect(await gh.git.readFile(main, `.github/workflows/${f}`)).toBe(
        readFileSync(join(EXAMPLE, 'workflows', f), 'utf8'),
      );
    }
    const committed = parseYaml((await gh.git.readFile(main, '.github/promotion.yml'))!);
    committed.smoke['base-url'] = example.smoke['base-url'];
    committed.migrate.store.endpoint = example.migrate.store.endpoint;
    expect(committed).toEqual(example);
  });

  async function promote(name: string): Promise<{ number: number; head: string }> {
    const before = runner.runs.length;
    const dispatched = await api(
      gh,
      person,
      'POST',
      '/repos/acme/shop/actions/workflows/promote.yml/dispatches',
      {
        ref: 'main',
        inputs: { name },
      },
    );
    expect(dispatched.status).toBe(204);
    await settle();
    const [run] = runsOf(runner.runs.slice(before), 'promote.yml', 'workflow_dispatch');
    const job = jobOf(run, 'promote/promote');
    expectConclusion(job, 'success');
    const number = Number(job.outputs['pr-number']);
    const pr = gh.state.pulls.find((p) => p.number === number)!;
    expect(pr).toMatchObject({ state: 'open', base: { ref: 'main' } });
    // The App opened it, so its pull_request event started the preflight caller.
    const [preflight] = runsOf(runner.runs.slice(before), 'promote-preflight.yml', 'pull_request');
    expect(preflight).toBeDefined();
    expectConclusion(jobOf(preflight, 'reports'), 'success');
    expectConclusion(jobOf(preflight, 'preflight/preflight'), 'success');
    const check = gh.state.checkRuns.find(
      (c: any) => c.name === 'promote/preflight' && c.head_sha === pr.head.sha,
    );
    expect(check).toMatchObject({ status: 'completed', conclusion: 'success' });
    return { number, head: pr.head.sha };
  }

  async function merge(number: number): Promise<{ sha: string; run: RunResult }> {
    const before = runner.runs.length;
    const merged = await api(gh, person, 'PUT', `/repos/acme/shop/pulls/${number}/merge`, {
      merge_method: 'merge',
    });
    expect(merged.status).toBe(200);
    await settle();
    const runs = runsOf(runner.runs.slice(before), 'promote-on-merge.yml', 'pull_request');
    expect(runs).toHaveLength(1);
    return { sha: merged.body.sha as string, run: runs[0]! };
  }

  let first: { backupId: string; bookmark: string } | undefined;

  test('promote -> PR -> preflight green -> merge -> migrate D1, wrangler deploy, seal green, tag, Discord told', async () => {
    const { number } = await promote('sprint-9');
    const { sha, run } = await merge(number);

    const migrate = jobOf(run, 'deploy/migrate');
    expectConclusion(migrate, 'success');
    expect(migrate.environment).toMatchObject({ name: 'production', approval: { approved: true } });
    expect(migrate.outputs.status).toBe('migrated');
    // Backup (export + bookmark), migration, then the deploy command, in that order.
    expect(calls().map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      'd1 export shop-db',
      'd1 time-travel info',
      'd1 migrations apply',
      'deploy',
    ]);
    expect(readFileSync(join(cfHome, 'deploys.log'), 'utf8')).toMatch(/^deploy /);
    expect(d1()).toContain("UPDATE orders SET region = 'eu';");
    // The export went to the store (encrypted), and the deployment records the bookmark.
    const backupId = migrate.outputs['backup-id']!;
    expect(s3.keys().some((k) => k.includes(backupId))).toBe(true);
    const deployment = gh.state.deployments.find(
      (d: any) => d.task === 'deploy:migrate' && d.sha === sha,
    ) as any;
    const bookmark = deployment?.payload?.backup?.bookmark as string;
    expect(bookmark).toMatch(/^00000085-[0-9a-f]{8}-00004c6d$/);
    expect(deployment.payload.backup).toMatchObject({
      id: backupId,
      store: 's3',
      encryption: expect.anything(),
    });

    const smoke = jobOf(run, 'deploy/smoke');
    expectConclusion(smoke, 'success');
    expect(smoke.outputs.seal).toBe('green');
    const playwright = readFileSync(join(scratch, 'playwright.log'), 'utf8');
    expect(playwright).toContain('install --with-deps chromium');
    expect(playwright).toContain('test --grep @qa-readonly');
    const release = jobOf(run, 'deploy/release');
    expectConclusion(release, 'success');
    expect(release.outputs.version).toBe('1.5.0');
    expect((await gh.git.tags())['v1.5.0']?.sha).toBe(sha);
    // release.changelog.version-files: the version is in package.json on main.
    const main = (await gh.git.revParse('main'))!;
    expect(JSON.parse((await gh.git.readFile(main, 'package.json'))!).version).toBe(
      release.outputs.version,
    );
    expect(chat.on('/discord').length).toBeGreaterThan(0);
    expect(run.conclusion).toBe('success');
    first = { backupId, bookmark };
  }, 120_000);

  test('a red seal dispatches promote-rollback.yml, which restores D1 to the recorded bookmark on a fresh runner without reading the store', async () => {
    expect(first).toBeDefined();
    await gh.git.commit({
      branch: 'staging',
      files: { 'migrations/0003_backfill.sql': "UPDATE orders SET region = 'eu';\n" },
      message: 'feat(orders): backfill regions (#32)',
    });
    const { number } = await promote('sprint-10');
    const beforeMerge = d1();
    const callsBefore = calls().length;
    health = 'error';
    const runsBefore = runner.runs.length;
    const { sha, run } = await merge(number);
    const migrate = jobOf(run, 'deploy/migrate');
    expectConclusion(migrate, 'success');
    const backupId = migrate.outputs['backup-id']!;
    expect(backupId).not.toBe(first!.backupId);
    const smoke = jobOf(run, 'deploy/smoke');
    expect(smoke.outputs.seal).toBe('red');
    // The seal is on the merge commit for everyone to see; the automatic rollback started, so
    // the smoke job itself ends green (prod-smoke-seal: a started rollback is a warning).
    expectConclusion(smoke, 'success');
    expect(
      smoke.steps.flatMap((st) => st.annotations).map((a) => `${a.level}: ${a.message}`),
    ).toContainEqual(expect.stringMatching(/^error: Smoke seal RED/));
    expect(
      gh.state.statuses.filter((st: any) => st.sha === sha).map((st: any) => st.state),
    ).toContain('failure');

    // The seal dispatched the example's rollback workflow on main with that deploy's backup.
    expect(gh.state.dispatches).toContainEqual(
      expect.objectContaining({
        workflow_id: 'promote-rollback.yml',
        ref: 'main',
        inputs: expect.objectContaining({ 'backup-id': backupId }),
      }),
    );
    const [rollbackRun] = runsOf(
      runner.runs.slice(runsBefore),
      'promote-rollback.yml',
      'workflow_dispatch',
    );
    expect(rollbackRun).toBeDefined();
    expectConclusion(jobOf(rollbackRun, 'rollback/ref'), 'success');
    const rollback = jobOf(rollbackRun, 'rollback/rollback');
    expectConclusion(rollback, 'success');
    expect(rollback.outputs.status).toBe('rolled-back');
    // A rollback changes production like a deploy: the environment's reviewers approved it.
    expect(rollback.environment).toMatchObject({
      name: 'production',
      approval: { approved: true, by: 'dev-b' },
    });
    expect(rollback.runsOn).toBe('ubuntu-latest');

    const deployment = gh.state.deployments.find(
      (d: any) => d.task === 'deploy:migrate' && d.sha === sha,
    ) as any;
    const bookmark = deployment.payload.backup.bookmark as string;
    expect(bookmark).not.toBe(first!.bookmark);
    // wrangler was asked to restore exactly the recorded bookmark, and D1 is as before the merge.
    expect(calls().slice(callsBefore)).toContain(
      `d1 time-travel restore shop-db --bookmark ${bookmark} --json`,
    );
    expect(d1()).toBe(beforeMerge);
    // Nothing was read from the store by the rollback: the new backup's objects were read exactly
    // as often as the first release's (the read-back after upload), which was never restored.
    expect(rollback.steps.find((st) => st.id === 'rollback')?.log).toContain(
      `Restoring ${backupId} needs no file (Time Travel bookmark ${bookmark}).`,
    );
    const reads = (id: string) =>
      s3.requests.filter((r) => r.method === 'GET' && r.url.includes(id)).length;
    expect(reads(backupId)).toBe(reads(first!.backupId));
    expect(gh.state.deployments.filter((d: any) => d.task === 'deploy:rollback')).toHaveLength(1);
    expect(runner.errors).toEqual([]);
    expect(gh.errors).toEqual([]);
    expect(gh.contractViolations).toEqual([]);
    expect(gh.unimplemented).toEqual([]);
  }, 120_000);
});
