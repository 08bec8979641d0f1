// Each job's `permissions:` in the reusable workflows is sufficient and minimal (issue #14).
// Every job that declares scopes runs through the workflow runner against the emulator (whose
// minted GITHUB_TOKENs refuse what their scopes do not allow: 403 "Resource not accessible by
// integration"), in a scenario where it really does its work; first with its declared
// permissions (it succeeds and leaves what a user would look for), then once per scope with
// that scope lowered (write -> read) or removed (read -> none): the job fails, or the outcome the
// scope exists for is missing.
//
// One job at a time: a temp copy of the repository (its dist/ and actions/ linked) whose
// workflow keeps the job under test verbatim except its `permissions:`, the jobs it needs
// replaced by stand-ins with fixed outputs (what those jobs hand it in a real run), and every
// later job dropped. The caller workflows live in the emulator's repository and call
// `acme/promote/.github/workflows/<file>@main`, which the runner resolves to that copy.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { REPO_ROOT } from '../support/harness.js';
import {
  dispatchEvent,
  pullRequestEvent,
  WorkflowRunner,
  type JobResult,
  type RunResult,
} from '../support/workflow-runner/index.js';

const OWNER = 'acme';
const REPO = 'shop';
const PAT = { authorization: 'token ghp_octocat', 'content-type': 'application/json' };
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'migrate');

type Level = 'read' | 'write';
type Perms = Record<string, Level>;
type Workflow = { jobs: Record<string, Record<string, unknown>> } & Record<string, unknown>;

const readWorkflow = (file: string) =>
  parse(readFileSync(join(REPO_ROOT, '.github', 'workflows', file), 'utf8')) as Workflow;

/** The job's declared scopes, as written in the repository's workflow. */
const declared = (file: string, job: string) =>
  (readWorkflow(file).jobs[job]!.permissions ?? {}) as Perms;

/** One variant per declared scope: write lowered to read, read removed. */
function variants(perms: Perms): { scope: string; change: string; permissions: Perms }[] {
  return Object.entries(perms).map(([scope, level]) => {
    const permissions = { ...perms };
    if (level === 'write') permissions[scope] = 'read';
    else delete permissions[scope];
    return { scope, change: level === 'write' ? 'write -> read' : 'read -> none', permissions };
  });
}

let scratch: string;
let rootCount = 0;

/**
 * A copy of this repository whose `file` runs only `job` (with `permissions`), the jobs it
 * needs standing in with `stubs` outputs. Returns the copy's root for `WorkflowRunner({ root })`.
 */
function isolate(
  file: string,
  job: string,
  permissions: Perms,
  stubs: Record<string, Record<string, string>>,
): string {
  const root = join(scratch, `root-${++rootCount}`);
  mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
  for (const entry of readdirSync(REPO_ROOT)) {
    if (entry === '.github' || entry === '.git' || entry === 'node_modules') continue;
    symlinkSync(join(REPO_ROOT, entry), join(root, entry));
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  for (const f of readdirSync(join(REPO_ROOT, '.github', 'workflows'))) {
    copyFileSync(join(REPO_ROOT, '.github', 'workflows', f), join(root, '.github', 'workflows', f));
  }
  const wf = readWorkflow(file);
  const jobs: Workflow['jobs'] = {};
  for (const [id, body] of Object.entries(wf.jobs)) {
    if (id === job) {
      jobs[id] = { ...body, permissions };
    } else if (id in stubs) {
      // A stand-in for a job the one under test needs: what it would hand over, nothing else.
      jobs[id] = {
        name: `${String(body.name ?? id)} (stand-in)`,
        'runs-on': 'ubuntu-latest',
        permissions: {},
        outputs: stubs[id],
        steps: [{ run: 'true' }],
      };
    }
  }
  wf.jobs = jobs;
  if ((wf.on as Record<string, any>)?.workflow_call?.outputs)
    delete (wf.on as Record<string, any>).workflow_call.outputs;
  writeFileSync(join(root, '.github', 'workflows', file), stringify(wf));
  return root;
}

function jobOf(run: RunResult | undefined, id: string): JobResult {
  const j = run?.jobs.find((x) => x.id === id);
  if (!j)
    throw new Error(
      `no job ${id}; run ${run?.conclusion} ${run?.errors?.join('; ')}; jobs: ${run?.jobs.map((x) => `${x.id}=${x.conclusion}`).join(', ')}`,
    );
  return j;
}

/** The job's log tail and annotations, for a failure message. */
function why(j: JobResult): string {
  return [
    ...j.annotations.map((a) => `${a.level ?? ''} ${a.message}`),
    ...j.steps.map(
      (s) => `--- ${s.name} (${s.conclusion})\n${s.log.split('\n').slice(-12).join('\n')}`,
    ),
  ].join('\n');
}

function expectSucceeded(j: JobResult): void {
  if (j.conclusion !== 'success') throw new Error(`${j.id} ended ${j.conclusion}:\n${why(j)}`);
}

/** 403s the job's token got: the proof a failure is the missing scope, not something else. */
function refusals(since: number): string[] {
  return gh.requests
    .slice(since)
    .filter((r) => r.status === 403)
    .map((r) => `${r.method} ${r.path}`);
}

let gh: Emulator;
let app: Server;
let db: string;
let backups: string;
let commits = 0;

const CONFIG = (port: number) => `branches: { production: main, staging: staging }
environment: production
preflight:
  override: { lifts: [freeze] }
  freeze:
    - { days: [mon, tue, wed, thu, fri, sat, sun], reason: always frozen in this test }
  ci: { workflows: [CI], wait: 1m, poll-interval: 1s }
  # compared through the API (contents read); main against itself is clean
  drift: { compare: { staging: main, git: main } }
  approvals:
    required: 0
    staging-deployment: { environment: staging }
  # On by default; main is unprotected here so later jobs can push to it.
  branch-protection: { enabled: false }
promote:
  labels: [promotion]
  assignees: [octocat]
  reviewers: { users: [ops-1] }
migrate:
  preset: sqlite
  sqlite-path: ${db}
  migrations-dir: migrations
  backup-dir: ${backups}
  min-backup-bytes: 64
  lock: { poll-interval: 200, wait-timeout: 20000 }
smoke:
  base-url: http://127.0.0.1:${port}
  checks:
    - { name: health, path: /healthz }
  on-failure: rollback
  issue: { enabled: true }
release:
  tag-prefix: v
  changelog: { mode: pull-request }
`;

const EXAMPLES = join(REPO_ROOT, 'examples');

/** The `permissions:` an example's caller job grants the call of Promote's `file`. */
function callerPermissions(example: string, file: string): Perms {
  const dir = join(EXAMPLES, example, '.github', 'workflows');
  for (const f of readdirSync(dir)) {
    const wf = parse(readFileSync(join(dir, f), 'utf8')) as Workflow;
    for (const job of Object.values(wf.jobs)) {
      if (String(job.uses ?? '').includes(`/promote/.github/workflows/${file}@`))
        return (job.permissions ?? {}) as Perms;
    }
  }
  throw new Error(`examples/${example} has no caller of ${file}`);
}

/**
 * A caller in the emulator's repository; its job grants what postgres-app's caller grants, so
 * that ceiling is proven sufficient too (a called job asking for more fails the run at startup).
 */
const caller = (name: string, on: string, file: string, withs: string) => `name: ${name}
on:
${on}
permissions: {}
jobs:
  call:
    uses: acme/promote/.github/workflows/${file}@main
    permissions: ${JSON.stringify(callerPermissions('postgres-app', file))}
${withs}    secrets: inherit
`;

const CALLERS: Record<string, string> = {
  '.github/workflows/deploy.yml': caller(
    'Deploy',
    '  pull_request:\n    types: [closed]\n    branches: [main]',
    'on-merge.yml',
    '    with: { environment: production, production-branch: main }\n',
  ),
  '.github/workflows/preflight.yml': caller(
    'Preflight',
    '  pull_request:\n    branches: [main]\n    types: [opened, labeled]',
    'preflight.yml',
    '',
  ),
  '.github/workflows/promote.yml': caller(
    'Promote',
    '  workflow_dispatch:\n    inputs:\n      name: { type: string, required: true }',
    'promote.yml',
    '    with: { name: "${{ inputs.name }}" }\n',
  ),
  // Also the target of the smoke seal's on-failure: rollback dispatch.
  '.github/workflows/promote-rollback.yml': caller(
    'Promote rollback',
    `  workflow_dispatch:
    inputs:
      release: { type: string, required: false }
      backup-id: { type: string, required: false }
      reason: { type: string, required: true }
      open-revert-pr: { type: boolean, default: false }`,
    'rollback.yml',
    `    with:
      release: \${{ inputs.release }}
      backup-id: \${{ inputs.backup-id }}
      reason: \${{ inputs.reason }}
      open-revert-pr: \${{ inputs.open-revert-pr }}
      environment: production
      production-branch: main
`,
  ),
  '.github/workflows/promote-report.yml': caller(
    'Promote report',
    '  workflow_dispatch:',
    'report.yml',
    '    with: { environment: production }\n',
  ),
};

function runner(root: string): WorkflowRunner {
  return new WorkflowRunner({
    emulator: gh,
    root,
    settings: { environments: { production: {} } },
  });
}

async function runOnce(root: string, event: Parameters<WorkflowRunner['trigger']>[0]) {
  const r = runner(root);
  try {
    const runs = await r.trigger(event);
    if (runs.length !== 1) throw new Error(`expected one run, got ${runs.length}`);
    return runs[0]!;
  } finally {
    r.close();
  }
}

/** A merge into main: a new commit (a feat, so each release bumps) and its closed-PR event. */
async function merge(files: Record<string, string> = {}) {
  const n = ++commits;
  const sha = await gh.git.commit({
    branch: 'main',
    files: { [`src/change-${n}.ts`]: `export const n = ${n};\n`, ...files },
    message: `Merge pull request #${100 + n} from acme/feature-${n}\n\nfeat: change ${n}`,
  });
  const event = pullRequestEvent(gh, 'closed', {
    number: 100 + n,
    head: { ref: `feature-${n}`, sha },
    base: { ref: 'main' },
    merged: true,
    merge_commit_sha: sha,
  });
  return { sha, event };
}

const resetDatabase = () => {
  rmSync(db, { force: true });
  execFileSync('sqlite3', ['-bail', db, `.read ${join(FIXTURES, 'sqlite-seed.sql')}`]);
};
const columns = () =>
  execFileSync('sqlite3', ['-readonly', db, 'SELECT name FROM pragma_table_info("orders");'], {
    encoding: 'utf8',
  });

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'promote-permissions-'));
  db = join(scratch, 'app.db');
  backups = join(scratch, 'backups');
  mkdirSync(backups);
  // Production answers 500: the seal is red, so the issue and the rollback dispatch happen.
  app = await new Promise<Server>((resolve) => {
    const s = createServer((_req, res) => res.writeHead(500).end('down'));
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
  gh = await startEmulator({ owner: OWNER, repo: REPO, defaultBranch: 'main' });
  // The reviewer: a collaborator who is not the one pressing "Run workflow" (octocat).
  gh.state.users['ops-1'] = { login: 'ops-1', id: 9001, type: 'User' };
  gh.state.collaborators.push('ops-1');
  const migrations = Object.fromEntries(
    readdirSync(join(FIXTURES, 'sqlite-good')).map((f) => [
      `migrations/${f}`,
      readFileSync(join(FIXTURES, 'sqlite-good', f), 'utf8'),
    ]),
  );
  await gh.git.commit({
    branch: 'main',
    files: {
      '.github/promotion.yml': CONFIG((app.address() as AddressInfo).port),
      'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n',
      'src/app.ts': 'export const app = 1;\n',
      ...migrations,
      ...CALLERS,
    },
    message: 'chore: shop with Promote',
  });
}, 60_000);

afterAll(async () => {
  await gh?.close();
  await new Promise<void>((r) => (app ? app.close(() => r()) : r()));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** One run of the job under test: its event, what the jobs it needs hand it, what to look for. */
interface Scenario {
  event: Parameters<WorkflowRunner['trigger']>[0];
  stubs: Record<string, Record<string, string>>;
  /** the user-visible outcomes, each true when present */
  outcomes(job: JobResult): Record<string, boolean> | Promise<Record<string, boolean>>;
}

/**
 * What goes missing without each scope: 'fails' (the job fails) or the name of an outcome that is
 * absent (the action goes on by design, e.g. a seal target it warns about).
 */
type Expected = Record<string, 'fails' | string>;

/**
 * `contents: read` that only actions/checkout uses: GitHub's checkout of a private repository
 * needs it (https://github.com/actions/checkout#recommended-permissions), but the runner's
 * checkout stand-in clones the emulator's git directly, without the token. Proven here only as far
 * as the runner can: without it the job succeeds and asks the API for nothing it is refused.
 */
const CHECKOUT_ONLY = 'checkout only';

/**
 * A scope only a config with `stages:` or `apps:` uses: open-promote-pr reads the source stage's
 * deployments, tag-release an app's deploy of the SHA. With this repository's one-app,
 * two-stage config the job succeeds without it and is refused nothing; a staged promotion
 * (test/e2e/open-promote-pr-stages.test.ts) and an app's release
 * (test/e2e/tag-release-apps.test.ts) prove they need it.
 */
const STAGES_ONLY = 'stages or apps only';

async function provePermissions(
  file: string,
  job: string,
  prepare: () => Promise<Scenario>,
  expected: Expected,
): Promise<void> {
  const perms = declared(file, job);
  expect(Object.keys(expected).sort()).toEqual(Object.keys(perms).sort());
  const id = `call/${job}`;
  const base = await prepare();
  const baseSince = gh.requests.length;
  const run = await runOnce(isolate(file, job, perms, base.stubs), base.event);
  const baseline = jobOf(run, id);
  expectSucceeded(baseline);
  const present = await base.outcomes(baseline);
  const absent = Object.keys(present).filter((k) => !present[k]);
  if (absent.length)
    throw new Error(`${id} succeeded without: ${absent.join(', ')}\n${why(baseline)}`);
  // Sufficient: with its declared permissions the job's token is refused nothing.
  expect([id, refusals(baseSince)]).toEqual([id, []]);
  const wrong: string[] = [];
  for (const v of variants(perms)) {
    const since = gh.requests.length;
    const s = await prepare();
    const r = await runOnce(isolate(file, job, v.permissions, s.stubs), s.event);
    const j = jobOf(r, id);
    const outcomes = await s.outcomes(j);
    const missing = Object.keys(outcomes).filter((k) => !outcomes[k]);
    const refused = refusals(since);
    const want = expected[v.scope]!;
    const got =
      want === CHECKOUT_ONLY
        ? j.conclusion === 'success' && refused.length === 0 && /^Check out/.test(j.steps[0]!.name)
        : want === STAGES_ONLY
          ? j.conclusion === 'success' && refused.length === 0
          : want === 'fails'
            ? j.conclusion === 'failure' && refused.length > 0
            : missing.includes(want) && refused.length > 0;
    if (!got)
      wrong.push(
        `${id} without ${v.scope} (${v.change}): expected ${want}, got ${j.conclusion}, missing [${missing.join(', ')}], refused [${refused.join(', ')}]\n${why(j)}`,
      );
  }
  if (wrong.length) throw new Error(wrong.join('\n\n'));
}

async function deployment(sha: string): Promise<number> {
  const res = await fetch(`${gh.url}/repos/${OWNER}/${REPO}/deployments`, {
    method: 'POST',
    headers: PAT,
    body: JSON.stringify({
      ref: sha,
      task: 'deploy:migrate',
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

describe('on-merge.yml', () => {
  test("guard: contents read (the config, the merge's files) and deployments read find the merge has not been deployed", async () => {
    await provePermissions(
      'on-merge.yml',
      'guard',
      async () => {
        const { sha, event } = await merge();
        return {
          event,
          stubs: {},
          outcomes: (job) => ({
            'deploy decided': job.outputs.deploy === 'true' && job.outputs.sha === sha,
          }),
        };
      },
      { contents: 'fails', deployments: 'fails' },
    );
  }, 60_000);

  test('migrate: the lock ref, the backup and migration on SQLite, the deployment', async () => {
    await provePermissions(
      'on-merge.yml',
      'migrate',
      async () => {
        resetDatabase();
        const { sha, event } = await merge();
        return {
          event,
          stubs: {
            guard: {
              deploy: 'true',
              sha,
              stage: 'production',
              environment: 'production',
              apps: '[""]',
              'last-stage': 'true',
            },
          },
          outcomes: () => ({
            migrated: columns().includes('status'),
            deployment: gh.state.deployments.some((d) => d.sha === sha),
          }),
        };
      },
      { contents: 'fails', deployments: 'fails' },
    );
  }, 120_000);

  test('smoke: a red seal as a status, a deployment status, an issue and a rollback dispatch', async () => {
    await provePermissions(
      'on-merge.yml',
      'smoke',
      async () => {
        const { sha, event } = await merge();
        const id = await deployment(sha);
        return {
          event,
          stubs: {
            guard: {
              deploy: 'true',
              sha,
              stage: 'production',
              environment: 'production',
              apps: '[""]',
              'last-stage': 'true',
            },
            migrate: {
              status: 'migrated',
              'backup-id': `bk-${sha.slice(0, 7)}`,
              'deployment-id': String(id),
            },
          },
          outcomes: () => ({
            status: gh.state.statuses.some((s) => s.sha === sha),
            'deployment status': gh.state.deploymentStatuses.some((s) => s.deployment_id === id),
            issue: gh.state.issues.some((i) => (i.body ?? '').includes(sha)),
            dispatch: gh.state.dispatches.some((d) =>
              JSON.stringify(d).includes(`bk-${sha.slice(0, 7)}`),
            ),
          }),
        };
      },
      {
        statuses: 'status',
        deployments: 'deployment status',
        contents: CHECKOUT_ONLY,
        issues: 'issue',
        actions: 'fails',
      },
    );
  }, 120_000);

  test('release: the tag, the release and the CHANGELOG pull request', async () => {
    await provePermissions(
      'on-merge.yml',
      'release',
      async () => {
        const { sha, event } = await merge();
        return {
          event,
          stubs: {
            guard: {
              deploy: 'true',
              sha,
              stage: 'production',
              environment: 'production',
              apps: '[""]',
              'last-stage': 'true',
            },
            migrate: { status: 'migrated', 'backup-id': 'bk', 'deployment-id': '' },
            smoke: { seal: 'green', summary: 'All smoke checks passed.' },
          },
          outcomes: async () => {
            const tags = await gh.git.tags();
            const tag = Object.keys(tags).find((t) => tags[t]!.sha === sha);
            return {
              tag: Boolean(tag),
              release: gh.state.releases.some((r) => r.tag_name === tag),
              'changelog PR': gh.state.pulls.some((p) => p.head.ref === `promote/changelog-${tag}`),
            };
          },
        };
      },
      { contents: 'fails', 'pull-requests': 'fails', deployments: STAGES_ONLY },
    );
  }, 120_000);
});

/** A PAT request (a person), for the state a scenario starts from. */
async function asPerson(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${gh.url}/repos/${OWNER}/${REPO}${path}`, {
    method,
    headers: PAT,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

describe('rollback.yml', () => {
  test('rollback: restores the backup on SQLite, records the deployment, opens the revert PR', async () => {
    await provePermissions(
      'rollback.yml',
      'rollback',
      async () => {
        // A deploy to roll back: the migrate job, with its own permissions, on a fresh database.
        resetDatabase();
        const { sha, event } = await merge();
        const stubbed = isolate('on-merge.yml', 'migrate', declared('on-merge.yml', 'migrate'), {
          guard: {
            deploy: 'true',
            sha,
            stage: 'production',
            environment: 'production',
            apps: '[""]',
            'last-stage': 'true',
          },
        });
        const deployed = jobOf(await runOnce(stubbed, event), 'call/migrate');
        expectSucceeded(deployed);
        expect(columns()).toContain('status');
        const backupId = deployed.outputs['backup-id']!;
        const before = gh.state.deployments.length;
        return {
          event: dispatchEvent(gh, {
            workflow: 'promote-rollback.yml',
            ref: 'main',
            sha,
            inputs: { 'backup-id': backupId, reason: 'smoke red', 'open-revert-pr': 'true' },
          }),
          stubs: { ref: {} },
          outcomes: () => ({
            restored: !columns().includes('status'),
            deployment: gh.state.deployments.length > before,
            'revert PR': gh.state.pulls.some(
              (p) => p.head.ref === `revert/${sha.slice(0, 7)}` && p.state === 'open',
            ),
          }),
        };
      },
      // The restore is done and verified before either record: without them the job still
      // succeeds (production is back), and what is missing is the record a user looks for.
      { contents: 'fails', deployments: 'deployment', 'pull-requests': 'revert PR' },
    );
  }, 180_000);
});

describe('promote.yml', () => {
  test('promote: the promote branch, the PR, its label and reviewer', async () => {
    let n = 0;
    await provePermissions(
      'promote.yml',
      'promote',
      async () => {
        // One promotion PR at a time: the previous one is closed, staging moves on.
        for (const p of gh.state.pulls.filter((x) => x.state === 'open'))
          await asPerson('PATCH', `/pulls/${p.number}`, { state: 'closed' });
        const name = `sprint-${++n}`;
        await gh.git.commit({
          branch: 'staging',
          files: { [`src/staging-${n}.ts`]: `export const s = ${n};\n` },
          message: `feat: staging work ${n}`,
        });
        const main = (await gh.git.revParse('main'))!;
        const opened = () =>
          gh.state.pulls.find(
            (p) => p.state === 'open' && p.head.ref.startsWith(`promote/${name}`),
          );
        return {
          event: dispatchEvent(gh, {
            workflow: 'promote.yml',
            ref: 'main',
            sha: main,
            inputs: { name },
          }),
          stubs: {},
          outcomes: () => {
            const pr = opened();
            const issue = pr && gh.state.issues.find((i) => i.number === pr.number);
            return {
              'promotion PR': Boolean(pr),
              label: Boolean((issue ?? pr)?.labels.includes('promotion')),
              assignee: Boolean((issue ?? pr)?.assignees.includes('octocat')),
              reviewer: Boolean(pr?.requested_reviewers.includes('ops-1')),
            };
          },
        };
      },
      // Labels and assignees of a PR are set through the Issues endpoints, which accept issues or
      // pull_requests write (https://docs.github.com/en/rest/issues/labels#add-labels-to-an-issue,
      // https://docs.github.com/en/rest/issues/assignees#add-assignees-to-an-issue).
      { contents: 'fails', 'pull-requests': 'fails', deployments: STAGES_ONLY },
    );
  }, 120_000);
});

describe('preflight.yml', () => {
  test('preflight: the required check run and the override audit comment', async () => {
    let n = 0;
    await provePermissions(
      'preflight.yml',
      'preflight',
      async () => {
        const branch = `hotfix-${++n}`;
        const base = (await gh.git.revParse('main'))!;
        await gh.git.branch(branch, base);
        const head = await gh.git.commit({
          branch,
          files: { [`src/hotfix-${n}.ts`]: `export const h = ${n};\n` },
          message: `fix: hotfix ${n}`,
        });
        const pr = await asPerson('POST', '/pulls', {
          title: `Hotfix ${n}`,
          head: branch,
          base: 'main',
          body: 'Override-Reason: the checkout page is down',
        });
        await asPerson('POST', `/issues/${pr.number}/labels`, { labels: ['emergency-override'] });
        // The head's CI passed and staging runs it: the ci and staging-validation gates pass.
        gh.state.workflowRuns.push({
          id: 9000 + n,
          name: 'CI',
          workflow_id: 1,
          path: '.github/workflows/ci.yml',
          head_branch: branch,
          head_sha: head,
          event: 'pull_request',
          status: 'completed',
          conclusion: 'success',
          run_number: n,
          run_attempt: 1,
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        });
        const staging = await asPerson('POST', '/deployments', {
          ref: head,
          environment: 'staging',
          auto_merge: false,
          required_contexts: [],
        });
        await asPerson('POST', `/deployments/${staging.id}/statuses`, { state: 'success' });
        return {
          event: pullRequestEvent(gh, 'labeled', {
            number: pr.number,
            head: { ref: branch, sha: head },
            base: { ref: 'main', sha: base },
          }),
          stubs: {},
          outcomes: () => ({
            'check run': gh.state.checkRuns.some(
              (c) => c.head_sha === head && c.conclusion === 'success',
            ),
            'audit comment': gh.state.comments.some(
              (c) => c.issue_number === pr.number && c.body.includes('the checkout page is down'),
            ),
          }),
        };
      },
      {
        contents: 'fails',
        checks: 'fails',
        'pull-requests': 'fails',
        actions: 'fails',
        deployments: 'fails',
      },
    );
  }, 120_000);
});

describe('report.yml', () => {
  test('report: the measures from deployments, seals, pull requests and check runs', async () => {
    let n = 0;
    const app = gh.tokens.mint({ kind: 'app', permissions: { checks: 'write' } });
    await provePermissions(
      'report.yml',
      'report',
      async () => {
        const tag = `report-${++n}`;
        // Two successful deploys (the second's changes are compared with the first), neither
        // sealed on the deployment: the seal is read from the commit statuses.
        const shas: string[] = [];
        for (const part of ['a', 'b']) {
          const sha = await gh.git.commit({
            branch: 'main',
            files: { [`src/${tag}-${part}.ts`]: `export const x = '${part}';\n` },
            message: `feat: ${tag} ${part}`,
          });
          const id = await deployment(sha);
          await asPerson('POST', `/deployments/${id}/statuses`, {
            state: 'success',
            description: 'migrated; backup b',
            auto_inactive: false,
          });
          shas.push(sha);
        }
        await asPerson('POST', `/statuses/${shas[1]}`, {
          state: 'success',
          context: 'promote/smoke-seal',
          description: '1 of 1 smoke checks passed',
        });
        // A promotion PR into main and its preflight check run, failed on the freeze gate.
        await gh.git.branch(`promote/${tag}`, shas[1]!);
        const head = await gh.git.commit({
          branch: `promote/${tag}`,
          files: { [`src/${tag}-c.ts`]: 'export const c = 1;\n' },
          message: `feat: ${tag} c`,
        });
        await asPerson('POST', '/pulls', { title: tag, head: `promote/${tag}`, base: 'main' });
        const check = await fetch(`${gh.url}/repos/${OWNER}/${REPO}/check-runs`, {
          method: 'POST',
          headers: { authorization: `token ${app}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            name: 'promote/preflight',
            head_sha: head,
            status: 'completed',
            conclusion: 'failure',
            output: { title: '1 of 3 gates failed: freeze', summary: 'frozen' },
          }),
        });
        expect(check.status).toBe(201);
        return {
          event: dispatchEvent(gh, {
            workflow: 'promote-report.yml',
            ref: 'main',
            sha: (await gh.git.revParse('main'))!,
            inputs: {},
          }),
          stubs: {},
          outcomes: (job) => {
            const report = JSON.parse(job.outputs.json || '{}') as {
              deploymentFrequency?: { deployments: number };
              freezeRefusals?: unknown[];
            };
            return {
              'deploys counted': (report.deploymentFrequency?.deployments ?? 0) >= 2 * n,
              'freeze refusal counted': (report.freezeRefusals?.length ?? 0) >= n,
            };
          },
        };
      },
      {
        contents: 'fails',
        deployments: 'fails',
        statuses: 'fails',
        'pull-requests': 'fails',
        checks: 'fails',
      },
    );
  }, 180_000);
});

describe('the example callers', () => {
  // Each caller grants exactly what the called workflow's jobs declare (the highest level per
  // scope): less fails the run at startup, more is a scope nothing uses.
  const RANK = { read: 1, write: 2 } as const;
  const union = (file: string): Perms => {
    const out: Perms = {};
    for (const job of Object.values(readWorkflow(file).jobs)) {
      for (const [scope, level] of Object.entries((job.permissions ?? {}) as Perms)) {
        if (!out[scope] || RANK[level] > RANK[out[scope]!]) out[scope] = level;
      }
    }
    return out;
  };
  test.each(['postgres-app', 'd1-worker', 'frappe-site'])(
    "%s grants each call exactly the union of its jobs' permissions",
    (example) => {
      for (const file of [
        'promote.yml',
        'preflight.yml',
        'on-merge.yml',
        'rollback.yml',
        'report.yml',
      ])
        expect([file, callerPermissions(example, file)]).toEqual([file, union(file)]);
    },
  );
});
