// open-promote-pr along a chain of stages (issue #20), as the runner runs it: dist bundle under
// Node 24 against the GitHub emulator (real git underneath). Where a commit stands on a stage is
// what GitHub records: migrate-with-rollback's deploy:migrate deployment and prod-smoke-seal's
// "Smoke seal green" status on it; the run's clock is the harness's `now`.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundle, type BundleResult } from '../support/harness.js';
import { startEmulator, type Emulator } from '../support/emulator/server.js';

const APP_TOKEN = 'ghs_appInstallationTokenForTests000000000';
const CHAIN = `
stages:
  - { name: dev, branch: dev }
  - { name: staging, branch: staging, soak: 1h }
  - name: production
    branch: main
    timezone: Europe/Berlin
    allow:
      - { days: [tue, wed, thu], from: '09:00', to: '15:00' }
promote:
  reviewers:
    users: [alice, bob]
apps:
  api:
    paths: [apps/api/**]
    promote:
      reviewers: { users: [bob] }
  worker:
    paths: [apps/worker/**]
`;
// Tuesday 2026-12-01 10:00 in Berlin: inside production's window.
const T0 = Date.parse('2026-12-01T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

let emu: Emulator;
let workspace: string;

function promote(
  inputs: Record<string, string>,
  now: string,
  event?: { name: string; payload: object },
): Promise<BundleResult> {
  return Promise.resolve(
    runBundle({
      action: 'open-promote-pr',
      emulator: emu,
      cwd: workspace,
      now,
      ...(event ? { event } : {}),
      inputs: { token: APP_TOKEN, ...inputs },
    }),
  );
}

/** migrate-with-rollback deployed `sha` to `environment`; prod-smoke-seal sealed it green `greenAt`. */
function deployedAndSealed(sha: string, environment: string, greenAt: string, app?: string): void {
  const id = emu.nextId();
  const before = new Date(Date.parse(greenAt) - 120_000).toISOString();
  emu.state.deployments.push({
    id,
    sha,
    ref: sha,
    task: 'deploy:migrate',
    payload: app ? { app } : {},
    environment,
    original_environment: environment,
    description: null,
    creator: 'deployer',
    transient_environment: false,
    production_environment: false,
    created_at: before,
    updated_at: greenAt,
  });
  const status = (state: 'success', description: string, createdAt: string) =>
    emu.state.deploymentStatuses.push({
      id: emu.nextId(),
      deployment_id: id,
      state,
      description,
      environment,
      target_url: 'https://github.com/acme/shop/actions/runs/1',
      log_url: 'https://github.com/acme/shop/actions/runs/1',
      environment_url: 'https://example.com',
      creator: 'deployer',
      created_at: createdAt,
      updated_at: createdAt,
    });
  status('success', 'migrated', before);
  status('success', 'Smoke seal green: 3 checks', greenAt);
}

const openPulls = () => emu.state.pulls.filter((p) => p.state === 'open');

beforeEach(async () => {
  emu = await startEmulator({ owner: 'acme', repo: 'shop' });
  for (const login of ['alice', 'bob']) {
    emu.state.users[login] = { login, id: 7000 + login.length, type: 'User' };
    emu.state.collaborators.push(login);
  }
  const main = (await emu.git.revParse('refs/heads/main'))!;
  await emu.git.branch('dev', main);
  await emu.git.branch('staging', main);
  workspace = mkdtempSync(join(tmpdir(), 'promote-e2e-stages-'));
  mkdirSync(join(workspace, '.github'), { recursive: true });
  writeFileSync(join(workspace, '.github', 'promotion.yml'), CHAIN);
});

afterEach(async () => {
  expect(emu.contractViolations).toEqual([]);
  expect(emu.unimplemented).toEqual([]);
  await emu.close();
});

describe('open-promote-pr along dev -> staging -> production', () => {
  test('promoting into staging opens a PR from dev at the commit sealed green on dev', async () => {
    const sha = await emu.git.commit({
      branch: 'dev',
      message: 'feat(api): export',
      files: { 'apps/api/export.ts': 'export const x = 1;\n' },
    });
    deployedAndSealed(sha, 'dev', at(-5));
    const run = await promote({ stage: 'staging' }, at(0));
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ operation: 'created', 'head-sha': sha });
    expect(run.outputs.branch).toMatch(/^promote\/staging-release-20261201-0900$/);
    const [pr] = openPulls();
    expect(pr!.base.ref).toBe('staging');
    expect(pr!.head.sha).toBe(sha);
    expect(pr!.title).toBe('Promote release to staging (dev -> staging)');
    expect(pr!.body).toContain(
      `Stage \`dev\` -> \`staging\`: ${sha.slice(0, 7)} sealed green on dev 5m ago.`,
    );
    expect(pr!.body).toContain('<summary>api: 1 file, 1 commit scoped api</summary>');
  });

  test("a token without deployments: read (promote.yml's scope for stages) stops before any write, naming the scope", async () => {
    // promote.yml's job permissions without deployments.
    const token = emu.tokens.mint({
      kind: 'github-token',
      permissions: { contents: 'write', 'pull-requests': 'write' },
    });
    const sha = await emu.git.commit({
      branch: 'dev',
      message: 'feat(api): export',
      files: { 'apps/api/export.ts': 'export const x = 1;\n' },
    });
    deployedAndSealed(sha, 'dev', at(-5));
    const run = await promote({ stage: 'staging', token }, at(0));
    expect(run.exitCode).toBe(1);
    expect(run.log).toContain('the token needs deployments: read');
    expect(emu.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  test('into the first stage: refused with the chain named, nothing written', async () => {
    const run = await promote({ stage: 'dev' }, at(0));
    expect(run.exitCode).toBe(1);
    expect(run.log).toContain(
      'stage "dev" is the first stage of the chain (dev -> staging -> production)',
    );
    expect(emu.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  test('sealed green on staging 10 minutes ago with a 1h soak: not promoted yet (50m left); after the soak the PR opens at that SHA', async () => {
    const sealed = await emu.git.commit({
      branch: 'staging',
      message: 'fix(api): totals',
      files: { 'apps/api/totals.ts': 'export const t = 2;\n' },
    });
    deployedAndSealed(sealed, 'staging', at(0));
    // A newer commit reached staging but is not deployed there yet: it does not go along.
    await emu.git.commit({
      branch: 'staging',
      message: 'feat(api): newer',
      files: { 'apps/api/newer.ts': 'export const n = 3;\n' },
    });

    const early = await promote({}, at(10));
    expect(early.exitCode).toBe(0);
    expect(early.outputs).toMatchObject({ operation: 'none', 'head-sha': '', 'pr-number': '' });
    expect(early.summary).toContain('nothing ready');
    // The run's clock starts at `now` and runs on, so the seconds after it are not asserted.
    expect(early.summary).toContain('The earliest is ready in 50m; a run after that promotes it.');
    expect(early.summary).toMatch(
      new RegExp(
        `${sealed.slice(0, 7)} sealed green on staging 10m( \\d+s)? ago; soak 1h: (49m \\d+s|50m) left`,
      ),
    );
    expect(early.annotations).toContainEqual(
      expect.objectContaining({
        level: 'notice',
        message: expect.stringMatching(/^Nothing on staging is ready for production yet/),
      }),
    );
    expect(emu.state.pulls).toEqual([]);

    const soaked = await promote({}, at(61));
    expect(soaked.exitCode).toBe(0);
    expect(soaked.outputs).toMatchObject({ operation: 'created', 'head-sha': sealed });
    const [pr] = openPulls();
    expect(pr!.base.ref).toBe('main');
    expect(pr!.head.sha).toBe(sealed);
    expect(pr!.body).toContain('**1 commit**');
  });

  test('app api: the PR changes only apps/api files although staging changed apps/worker too', async () => {
    await emu.git.commit({
      branch: 'staging',
      message: 'feat(worker): queue',
      files: { 'apps/worker/queue.ts': 'export const q = 1;\n' },
    });
    const tip = await emu.git.commit({
      branch: 'staging',
      message: 'feat(api): orders',
      files: { 'apps/api/orders.ts': 'export const o = 1;\n' },
    });
    deployedAndSealed(tip, 'staging', at(-120), 'api');
    const main = (await emu.git.revParse('refs/heads/main'))!;

    const run = await promote({ app: 'api' }, at(0));
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ operation: 'created', 'head-sha': tip });
    expect(run.outputs.branch).toMatch(/^promote\/production-api-release-\d{8}-\d{4}$/);
    const [pr] = openPulls();
    expect(pr!.title).toBe('Promote release to main (app api, staging -> production)');
    const changed = await emu.git.diffFiles(main, pr!.head.sha);
    expect(changed.map((f) => f.filename)).toEqual(['apps/api/orders.ts']);
    expect(pr!.body).toContain("The other apps' changes stay on `staging`.");
    expect(pr!.body).toContain('<!-- promote:app=api -->');
    expect(await emu.git.revParse('refs/heads/staging')).toBe(tip);

    // api has its own rotation: bob, not alice who is first in the top-level one.
    expect(pr!.requested_reviewers).toEqual(['bob']);

    // Nothing new: the same snapshot, so the branch does not move.
    const again = await promote({ app: 'api' }, at(1));
    expect(again.outputs).toMatchObject({ operation: 'updated', branch: run.outputs.branch });
    expect(openPulls()[0]!.head.sha).toBe(pr!.head.sha);

    // A newer api change, sealed on staging: the same PR moves forward (never forced) and still
    // carries api's files only.
    const first = pr!.head.sha;
    const newer = await emu.git.commit({
      branch: 'staging',
      message: 'fix(api): refunds',
      files: { 'apps/api/refunds.ts': 'export const r = 1;\n', 'apps/worker/more.ts': 'x\n' },
    });
    deployedAndSealed(newer, 'staging', at(-90), 'api');
    const moved = await promote({ app: 'api' }, at(2));
    expect(moved.outputs).toMatchObject({ operation: 'updated', 'head-sha': newer });
    expect(openPulls()).toHaveLength(1);
    const head = openPulls()[0]!.head.sha;
    expect(head).not.toBe(first);
    expect(await emu.git.isAncestor(first, head)).toBe(true);
    expect((await emu.git.diffFiles(main, head)).map((f) => f.filename)).toEqual([
      'apps/api/orders.ts',
      'apps/api/refunds.ts',
    ]);
  });

  test('a release train outside the window opens nothing and says when the next window opens; a person still gets the PR', async () => {
    const sha = await emu.git.commit({
      branch: 'staging',
      message: 'fix: x',
      files: { 'src/x.ts': 'export const x = 1;\n' },
    });
    deployedAndSealed(sha, 'staging', at(-24 * 60));
    // Monday 2026-11-30 18:00 in Berlin.
    const monday = '2026-11-30T17:00:00Z';
    const train = await promote({}, monday, {
      name: 'schedule',
      payload: { schedule: '*/15 * * * *' },
    });
    expect(train.exitCode).toBe(0);
    expect(train.outputs.operation).toBe('none');
    expect(train.summary).toContain(
      'the next window opens 2026-12-01 09:00 Europe/Berlin (2026-12-01T08:00:00.000Z)',
    );
    expect(emu.requests.filter((r) => r.method !== 'GET')).toEqual([]);

    const manual = await promote({}, monday);
    expect(manual.exitCode).toBe(0);
    expect(manual.outputs.operation).toBe('created');
    expect(openPulls()[0]!.body).toContain(
      'preflight will refuse to merge this PR until a window opens',
    );
  });
});
