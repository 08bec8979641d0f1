// The frappe-site example, exactly as in examples/ (only production facts replaced: the site URL
// and the backup folder on the host), run by the workflow runner from the emulator's events:
// a person runs "Promote" -> the App opens the promotion PR -> its preflight check is red until a
// reviewer approves, then green (the ruleset requires it) -> a person merges into `production` ->
// Promote on merge: guard -> migrate with bench on the self-hosted Frappe runner (the backup kept
// in the host's persistent folder) -> smoke seal -> tag and release with the App token -> Slack.
// Then a person runs "Promote rollback" on `production` for that release: a new job on the same
// host restores the release's backup from that folder. A rollback dispatched from another branch
// is refused by the `ref` job before any environment or secret is touched.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { REPO_ROOT } from '../support/harness.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { WorkflowRunner } from '../support/workflow-runner/index.js';
import { api, expectConclusion, jobOf, runsOf } from './chain-helpers.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'frappe-site', '.github');
const FAKE_TOOLS = join(REPO_ROOT, 'test', 'support', 'fake-tools');
const APP_KEY = 'frappe-app-private-key';
/** The example's app-client-id (examples/frappe-site/.github/workflows/promote-on-merge.yml). */
const CLIENT_ID = 'Iv23liEXAMPLE0000000';

describe('the frappe-site example: promote, preflight, merge, on-merge, rollback', () => {
  let gh: Emulator;
  let app: Server;
  let chat: WebhookReceiver;
  let runner: WorkflowRunner;
  let scratch: string;
  let benchHome: string;
  let hostBackups: string;
  let amira: string;
  let bastian: string;
  let siteBefore: string;
  let released: { version: string; backupId: string; mergeSha: string };

  const site = () => readFileSync(join(benchHome, 'erp.example.com.sql'), 'utf8');

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'promote-frappe-'));
    benchHome = join(scratch, 'bench');
    mkdirSync(benchHome);
    // A site database of realistic size (a backup below min-backup-bytes is refused).
    const rows = Array.from(
      { length: 200 },
      (_, i) =>
        `INSERT INTO \`tabSales Invoice\` VALUES ('SINV-${i}-${randomBytes(12).toString('hex')}');`,
    );
    siteBefore = `CREATE TABLE \`tabSales Invoice\` (name varchar(140));\n${rows.join('\n')}\n`;
    writeFileSync(join(benchHome, 'erp.example.com.sql'), siteBefore);
    // The self-hosted runner's host folder (a volume): it outlives every job, unlike the runner's
    // per-job temp and workspace folders.
    hostBackups = join(scratch, 'host', 'promote-backups');
    mkdirSync(hostBackups, { recursive: true });
    app = await new Promise<Server>((resolve) => {
      const s = createServer((req, res) => {
        if (req.url === '/api/method/ping')
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"pong"}');
        else if (req.url === '/login') res.writeHead(200).end('<title>Login</title>');
        else res.writeHead(404).end();
      });
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    chat = await startWebhookReceiver();
    // The example's config with its production facts replaced: the site URL and backup folder.
    const config = parseYaml(readFileSync(join(EXAMPLE, 'promotion.yml'), 'utf8')) as Record<
      string,
      any
    >;
    config.smoke['base-url'] = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    config.migrate['backup-dir'] = hostBackups;

    gh = await startEmulator({ owner: 'acme', repo: 'hrms', defaultBranch: 'production' });
    const files: Record<string, string> = {
      '.github/promotion.yml': stringify(config),
      'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n',
      'hrms/hr/employee.py': 'EMPLOYEE = 1\n',
      // What the preflight gates of the example read: the custom gate's script and the
      // staging-validation state file.
      'scripts/role_coverage.py':
        'import sys\nprint("role coverage: 3 of 3 doctypes have a role (min %s)" % sys.argv[-1])\n',
      'deploy/state.yml': 'manual_gates:\n  staging_validation:\n    status: approved\n',
    };
    for (const f of readdirSync(join(EXAMPLE, 'workflows'))) {
      files[`.github/workflows/${f}`] = readFileSync(join(EXAMPLE, 'workflows', f), 'utf8');
    }
    await gh.git.commit({ branch: 'production', files, message: 'chore: hrms with Promote' });
    await gh.git.commit({
      branch: 'staging',
      files: { 'hrms/payroll/slip.py': 'SLIP = 1\n' },
      message: 'feat(payroll): salary slips (#21)',
    });
    amira = gh.tokens!.mint({ kind: 'pat', login: 'amira' });
    bastian = gh.tokens!.mint({ kind: 'pat', login: 'bastian' });
    gh.state.collaborators.push('amira', 'bastian', 'chen');
    // The production branch's ruleset (examples/README.md step 7): changes through a PR whose
    // promote/preflight check is green; the Promote App may bypass (its CHANGELOG commit).
    gh.addRuleset({
      name: 'production',
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

    // The self-hosted runner on the Frappe host has bench on its PATH.
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'bench'), `#!/bin/sh\nexec "${join(FAKE_TOOLS, 'bench')}" "$@"\n`);
    chmodSync(join(bin, 'bench'), 0o755);
    runner = new WorkflowRunner({
      emulator: gh,
      settings: {
        // Repository secrets; the frappe example has no production credential (bench reads the
        // site's config on the host), so its `production` environment holds only reviewers.
        secrets: {
          PROMOTE_APP_PRIVATE_KEY: APP_KEY,
          SMOKE_TOKEN: 'smoke',
          SLACK_WEBHOOK_URL: chat.hook('/slack'),
        },
        environments: { production: { reviewers: ['bastian'] } },
        app: {
          id: '123456',
          clientId: CLIENT_ID,
          slug: 'promote-app',
          privateKey: APP_KEY,
          permissions: {
            contents: 'write',
            'pull-requests': 'write',
            deployments: 'write',
            statuses: 'write',
            issues: 'write',
          },
          bypass: true,
        },
      },
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        FAKE_BENCH_HOME: benchHome,
      },
      // The preflight bundle's clock: a Tuesday morning in Berlin, outside the example's freezes.
      fixedNow: { 'preflight-gates': '2026-12-01T09:00:00Z' },
    });
    runner.attach();
  }, 60_000);

  afterAll(async () => {
    runner?.cancelAll();
    await runner?.idle();
    runner?.close();
    await gh?.close();
    await chat?.close();
    await new Promise<void>((r) => (app ? app.close(() => r()) : r()));
    rmSync(scratch, { recursive: true, force: true });
  });

  async function settle(): Promise<void> {
    await gh.settled();
    await runner.idle();
    await gh.settled();
    await runner.idle();
  }

  test('the repository holds the example exactly, but for the site URL and the backup folder', async () => {
    const prod = (await gh.git.revParse('production'))!;
    for (const f of readdirSync(join(EXAMPLE, 'workflows'))) {
      expect(await gh.git.readFile(prod, `.github/workflows/${f}`)).toBe(
        readFileSync(join(EXAMPLE, 'workflows', f), 'utf8'),
      );
    }
    const example = parseYaml(readFileSync(join(EXAMPLE, 'promotion.yml'), 'utf8'));
    const committed = parseYaml((await gh.git.readFile(prod, '.github/promotion.yml'))!);
    expect(committed.migrate['backup-dir']).toBe(hostBackups);
    committed.smoke['base-url'] = example.smoke['base-url'];
    committed.migrate['backup-dir'] = example.migrate['backup-dir'];
    expect(committed).toEqual(example);
  });

  test('Promote opens the PR; preflight waits for an approval, then is green; a person merges: migrate on the Frappe host with bench, seal green, tag, Slack told', async () => {
    let before = runner.runs.length;
    const dispatched = await api(
      gh,
      amira,
      'POST',
      '/repos/acme/hrms/actions/workflows/promote.yml/dispatches',
      { ref: 'production', inputs: { name: 'sprint-3' } },
    );
    expect(dispatched.status).toBe(204);
    await settle();
    const [promote] = runsOf(runner.runs.slice(before), 'promote.yml', 'workflow_dispatch');
    const opened = jobOf(promote, 'promote/promote');
    expectConclusion(opened, 'success');
    const number = Number(opened.outputs['pr-number']);
    const pr = gh.state.pulls.find((p) => p.number === number)!;
    expect(pr).toMatchObject({ state: 'open', base: { ref: 'production' } });
    const check = () =>
      gh.state.checkRuns.filter(
        (c: any) => c.name === 'promote/preflight' && c.head_sha === pr.head.sha,
      );
    // Opened by the App, so the preflight caller ran: red until someone approves.
    // One run per event (opened, then labeled by Promote), one at a time in the PR's
    // concurrency group: they update the one check run instead of racing to create two.
    const preflights = runsOf(runner.runs.slice(before), 'promote-preflight.yml', 'pull_request');
    expect(preflights.length).toBeGreaterThanOrEqual(1);
    for (const r of preflights) {
      expect(jobOf(r, 'preflight/preflight').concurrency).toBe(`promote-preflight-${number}`);
    }
    expect(check()).toEqual([expect.objectContaining({ conclusion: 'failure' })]);
    expect(JSON.stringify(check()[0]!.output)).toContain('approvals');
    // A merge is refused while the required check is red.
    expect(
      (
        await api(gh, amira, 'PUT', `/repos/acme/hrms/pulls/${number}/merge`, {
          merge_method: 'merge',
        })
      ).status,
    ).toBe(405);

    before = runner.runs.length;
    const review = await api(gh, bastian, 'POST', `/repos/acme/hrms/pulls/${number}/reviews`, {
      event: 'APPROVE',
      body: 'payroll slips checked on staging',
    });
    expect(review.status).toBe(200);
    await settle();
    const [again] = runsOf(
      runner.runs.slice(before),
      'promote-preflight.yml',
      'pull_request_review',
    );
    expectConclusion(jobOf(again, 'preflight/preflight'), 'success');
    expect(check().at(-1)).toMatchObject({ status: 'completed', conclusion: 'success' });

    before = runner.runs.length;
    const merged = await api(gh, amira, 'PUT', `/repos/acme/hrms/pulls/${number}/merge`, {
      merge_method: 'merge',
    });
    expect(merged.status).toBe(200);
    const mergeSha = merged.body.sha as string;
    await settle();

    // The merge's pull_request "closed" event started the example's on-merge caller.
    const onMerge = runsOf(runner.runs.slice(before), 'promote-on-merge.yml', 'pull_request');
    expect(onMerge).toHaveLength(1);
    const run = onMerge[0]!;
    const migrate = jobOf(run, 'deploy/migrate');
    expect(migrate.runsOn).toEqual(['self-hosted', 'frappe-production']);
    expectConclusion(migrate, 'success');
    expect(migrate.environment?.approval).toMatchObject({ approved: true, by: 'bastian' });
    expect(migrate.outputs.status).toBe('migrated');
    expect(site()).toContain("SET `custom_region` = 'EU'");
    expect(readFileSync(join(benchHome, 'restarts.log'), 'utf8')).toMatch(/^restart /);
    // The backup outlived the job: it is on the host, not in the runner's deleted temp folders.
    const backupId = migrate.outputs['backup-id']!;
    expect(backupId).toBeTruthy();
    expect(readdirSync(hostBackups).some((f) => f.includes(backupId))).toBe(true);

    const smoke = jobOf(run, 'deploy/smoke');
    expect(smoke.runsOn).toBe('ubuntu-latest');
    expectConclusion(smoke, 'success');
    expect(smoke.outputs.seal).toBe('green');
    const release = jobOf(run, 'deploy/release');
    expectConclusion(release, 'success');
    // The App (by the example's client id) tagged the merge commit.
    expect(release.steps.find((s) => s.id === 'app-token')?.conclusion).toBe('success');
    const version = release.outputs.version!;
    expect((await gh.git.tags())[`v${version}`]?.sha).toBe(mergeSha);
    expect(chat.on('/slack').length).toBeGreaterThan(0);
    expectConclusion(jobOf(run, 'deploy/result'), 'success');
    expect(run.conclusion).toBe('success');
    released = { version, backupId, mergeSha };
  }, 120_000);

  test('a rollback dispatched from another branch is refused before the environment or bench is touched', async () => {
    expect(released).toBeDefined();
    const prod = (await gh.git.revParse('production'))!;
    await gh.git.branch('hotfix/payroll', prod);
    const siteNow = site();
    const before = runner.runs.length;
    const approvals = runner.approvals.length;
    const dispatched = await api(
      gh,
      amira,
      'POST',
      '/repos/acme/hrms/actions/workflows/promote-rollback.yml/dispatches',
      { ref: 'hotfix/payroll', inputs: { release: `v${released.version}`, reason: 'test' } },
    );
    expect(dispatched.status).toBe(204);
    await settle();
    const [run] = runsOf(runner.runs.slice(before), 'promote-rollback.yml', 'workflow_dispatch');
    expect(run).toBeDefined();
    const ref = jobOf(run, 'rollback/ref');
    expectConclusion(ref, 'failure');
    expect(ref.steps.flatMap((s) => s.annotations).map((a) => a.message)).toContainEqual(
      expect.stringContaining(
        'Rollback refused: it was dispatched from refs/heads/hotfix/payroll, not the production branch production.',
      ),
    );
    expect(jobOf(run, 'rollback/rollback').conclusion).toBe('skipped');
    expect(run!.conclusion).toBe('failure');
    // Nobody was asked to approve, nothing was restored, no deployment was recorded.
    expect(runner.approvals.length).toBe(approvals);
    expect(site()).toBe(siteNow);
    expect(gh.state.deployments.filter((d: any) => d.task === 'deploy:rollback')).toHaveLength(0);
  }, 60_000);

  test("a person rolls production back to the release's backup: a new job on the host restores it from the host folder", async () => {
    expect(released).toBeDefined();
    expect(site()).toContain('custom_region');
    const before = runner.runs.length;
    const dispatched = await api(
      gh,
      amira,
      'POST',
      '/repos/acme/hrms/actions/workflows/promote-rollback.yml/dispatches',
      {
        ref: 'production',
        inputs: { release: `v${released.version}`, reason: 'payroll slips broken' },
      },
    );
    expect(dispatched.status).toBe(204);
    await settle();
    const [run] = runsOf(runner.runs.slice(before), 'promote-rollback.yml', 'workflow_dispatch');
    expect(run).toBeDefined();
    expectConclusion(jobOf(run, 'rollback/ref'), 'success');
    const rollback = jobOf(run, 'rollback/rollback');
    expectConclusion(rollback, 'success');
    expect(rollback.runsOn).toEqual(['self-hosted', 'frappe-production']);
    expect(rollback.environment).toMatchObject({
      name: 'production',
      approval: { approved: true, by: 'bastian' },
    });
    expect(rollback.outputs.status).toBe('rolled-back');
    // The site is what the backup taken before the release's migration held.
    expect(site()).toBe(siteBefore);
    expect(readFileSync(join(benchHome, 'restarts.log'), 'utf8').trim().split('\n')).toHaveLength(
      2,
    );
    // Recorded as a deployment of the release's merge commit naming its backup.
    const recorded = gh.state.deployments.filter((d: any) => d.task === 'deploy:rollback');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ sha: released.mergeSha, environment: 'production' });
    expect(JSON.stringify(recorded[0]!.payload)).toContain(released.backupId);
    expect(existsSync(hostBackups)).toBe(true);
    expect(run!.conclusion).toBe('success');
    expect(runner.errors).toEqual([]);
    expect(gh.errors).toEqual([]);
    expect(gh.contractViolations).toEqual([]);
    expect(gh.unimplemented).toEqual([]);
  }, 120_000);
});
