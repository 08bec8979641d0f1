// The frappe-site example's on-merge caller, exactly as in examples/, run by the workflow runner:
// a merged promotion PR into `production` -> guard -> migrate with bench on the "Frappe host"
// (runs-on self-hosted label, recorded) -> smoke seal -> tag and release -> Slack.
import {
  chmodSync,
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
import {
  pullRequestEvent,
  WorkflowRunner,
  type JobResult,
  type RunResult,
} from '../support/workflow-runner/index.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'frappe-site', '.github');
const FAKE_TOOLS = join(REPO_ROOT, 'test', 'support', 'fake-tools');
const APP_KEY = 'frappe-app-private-key';

function jobOf(run: RunResult | undefined, id: string): JobResult {
  const j = run?.jobs.find((x) => x.id === id);
  if (!j)
    throw new Error(
      `no job ${id}; jobs: ${run?.jobs.map((x) => `${x.id}=${x.conclusion}`).join(', ')}`,
    );
  return j;
}

function expectConclusion(j: JobResult, conclusion: string): void {
  if (j.conclusion !== conclusion) {
    const steps = j.steps.map(
      (s) => `--- ${s.name} (${s.conclusion})\n${s.log.split('\n').slice(-15).join('\n')}`,
    );
    throw new Error(
      `expected ${j.id} to end ${conclusion}, got ${j.conclusion}:\n${j.annotations.map((a) => a.message).join('\n')}\n${steps.join('\n')}`,
    );
  }
}

describe('the frappe-site example on merge', () => {
  let gh: Emulator;
  let app: Server;
  let chat: WebhookReceiver;
  let runner: WorkflowRunner;
  let scratch: string;
  let benchHome: string;

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
    writeFileSync(
      join(benchHome, 'erp.example.com.sql'),
      `CREATE TABLE \`tabSales Invoice\` (name varchar(140));\n${rows.join('\n')}\n`,
    );
    const backups = join(scratch, 'backups');
    mkdirSync(backups);
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
    config.migrate['backup-dir'] = backups;

    gh = await startEmulator({ owner: 'acme', repo: 'hrms', defaultBranch: 'production' });
    const files: Record<string, string> = {
      '.github/promotion.yml': stringify(config),
      'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n',
      'hrms/hr/employee.py': 'EMPLOYEE = 1\n',
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

    // The self-hosted runner on the Frappe host has bench on its PATH.
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'bench'), `#!/bin/sh\nexec "${join(FAKE_TOOLS, 'bench')}" "$@"\n`);
    chmodSync(join(bin, 'bench'), 0o755);
    runner = new WorkflowRunner({
      emulator: gh,
      settings: {
        secrets: {
          PROMOTE_APP_PRIVATE_KEY: APP_KEY,
          SMOKE_TOKEN: 'smoke',
          SLACK_WEBHOOK_URL: chat.hook('/slack'),
        },
        environments: { production: { reviewers: ['amira'] } },
        app: {
          id: '123456',
          slug: 'promote-app',
          privateKey: APP_KEY,
          permissions: {
            contents: 'write',
            'pull-requests': 'write',
            deployments: 'write',
            statuses: 'write',
            issues: 'write',
          },
        },
      },
      env: { PATH: `${bin}:${process.env.PATH}`, FAKE_BENCH_HOME: benchHome },
    });
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

  test('merged into production: migrate on the self-hosted label with bench, seal green, tag, Slack told', async () => {
    await gh.git.branch('promote/sprint-3', (await gh.git.revParse('staging'))!);
    const created = await fetch(`${gh.url}/repos/acme/hrms/pulls`, {
      method: 'POST',
      headers: { authorization: 'token ghp_amira', 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Promote sprint-3',
        head: 'promote/sprint-3',
        base: 'production',
      }),
    });
    expect(created.status).toBe(201);
    const number = ((await created.json()) as { number: number }).number;
    const merged = await fetch(`${gh.url}/repos/acme/hrms/pulls/${number}/merge`, {
      method: 'PUT',
      headers: { authorization: 'token ghp_amira', 'content-type': 'application/json' },
      body: JSON.stringify({ merge_method: 'merge' }),
    });
    expect(merged.status).toBe(200);
    const mergeSha = ((await merged.json()) as { sha: string }).sha;
    const pr = gh.state.pulls.find((p) => p.number === number)!;
    const [run] = await runner.trigger(
      pullRequestEvent(gh, 'closed', {
        number,
        head: pr.head,
        base: { ref: 'production' },
        merged: true,
        merge_commit_sha: mergeSha,
      }),
    );
    const migrate = jobOf(run, 'deploy/migrate');
    expect(migrate.runsOn).toEqual(['self-hosted', 'frappe-production']);
    expectConclusion(migrate, 'success');
    expect(migrate.outputs.status).toBe('migrated');
    expect(readFileSync(join(benchHome, 'erp.example.com.sql'), 'utf8')).toContain(
      "SET `custom_region` = 'EU'",
    );
    expect(readFileSync(join(benchHome, 'restarts.log'), 'utf8')).toMatch(/^restart /);
    expect(jobOf(run, 'deploy/smoke').runsOn).toBe('ubuntu-latest');
    expectConclusion(jobOf(run, 'deploy/smoke'), 'success');
    expect(jobOf(run, 'deploy/smoke').outputs.seal).toBe('green');
    const release = jobOf(run, 'deploy/release');
    expectConclusion(release, 'success');
    expect((await gh.git.tags())[`v${release.outputs.version}`]?.sha).toBe(mergeSha);
    expect(chat.on('/slack').length).toBeGreaterThan(0);
    expect(run!.conclusion).toBe('success');
  }, 300_000);
});
