import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitHubClient } from '@promote/core/github/client';
import { memoryLogger } from '@promote/core/logger';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { issueEventsRoutes, recordLabelEvent } from '../support/emulator/routes/issue-events.js';
import { runBundle, type BundleResult } from '../support/harness.js';
import { adaptPayload, examplePayload } from '../support/payloads.js';

/**
 * preflight-gates with stages and apps (issue #20), end to end: the bundle against the emulator.
 * The soak is read from GitHub's deployments and their seal statuses; "now" is the harness's
 * fixed clock (runBundle's `now`), so "10 minutes ago" is exact.
 */

// Wednesday 25 Nov 2026 14:30 in Berlin, and 14:25 UTC the same day (an hour and five minutes
// after the seal), and Friday 14:30 in Berlin (outside production's allow windows).
const WEDNESDAY_1330_UTC = '2026-11-25T13:30:00Z';
const WEDNESDAY_1425_UTC = '2026-11-25T14:25:00Z';
const FRIDAY_1430_BERLIN = '2026-11-27T13:30:00Z';

const STAGES_CONFIG = `
stages:
  - { name: staging, branch: staging, soak: 1h }
  - name: production
    branch: main
    allow: [{ days: [mon, tue, wed, thu], from: '09:00', to: '17:00' }]
apps:
  api: { paths: ['apps/api/**'], preflight: { change-size: { max-units: 4 } } }
  web: { paths: ['apps/web/**'] }
preflight:
  timezone: Europe/Berlin
  ci: { enabled: false }
  branch-protection: { enabled: false }
  change-size: { max-units: 10 }
`;

/** The same config with 12 apps declared: what it costs must not grow with them. */
const TWELVE_APPS_CONFIG = STAGES_CONFIG.replace(
  "  web: { paths: ['apps/web/**'] }\n",
  Array.from({ length: 11 }, (_, i) => `  app${i}: { paths: ['apps/app${i}/**'] }\n`).join(''),
);

interface Promotion {
  number: number;
  headSha: string;
  headRef: string;
  baseSha: string;
}

let branchCounter = 0;

/** A promotion into main whose commits change only apps/api. */
async function openPromotion(emu: Emulator): Promise<Promotion> {
  const headRef = `promote/api-${++branchCounter}`;
  const baseSha = (await emu.git.revParse('refs/heads/main'))!;
  await emu.git.branch(headRef, baseSha);
  await emu.git.commitMany(headRef, [
    {
      files: { 'apps/api/src/render.ts': `export const branch = '${headRef}';\n` },
      message: 'feat(api): render reports',
    },
    { files: { 'apps/api/README.md': 'The API.\n' }, message: 'docs(api): readme' },
  ]);
  const gh = createGitHubClient({
    token: 'test',
    logger: memoryLogger(),
    baseUrl: emu.url,
    env: {},
  });
  const { data } = await gh.rest.pulls.create({
    owner: emu.owner,
    repo: emu.repo,
    head: headRef,
    base: 'main',
    title: 'Promote the API',
    body: 'Promote the API',
  });
  return { number: data.number, headSha: data.head.sha, headRef, baseSha };
}

/** migrate-with-rollback deployed the SHA to staging for `app` and prod-smoke-seal sealed it green. */
function sealedGreenOnStaging(emu: Emulator, sha: string, app: string, sealedAt: string): void {
  const id = emu.nextId();
  const deployedAt = new Date(Date.parse(sealedAt) - 5 * 60_000).toISOString();
  emu.state.deployments.push({
    id,
    sha,
    ref: 'staging',
    task: 'deploy:migrate',
    payload: { app },
    environment: 'staging',
    original_environment: 'staging',
    description: null,
    creator: 'github-actions[bot]',
    transient_environment: false,
    production_environment: false,
    created_at: deployedAt,
    updated_at: deployedAt,
  });
  const status = (state: 'success', description: string, at: string) => ({
    id: emu.nextId(),
    deployment_id: id,
    state,
    description,
    environment: 'staging',
    target_url: 'https://github.com/acme/app/actions/runs/1',
    log_url: 'https://github.com/acme/app/actions/runs/1',
    environment_url: '',
    creator: 'github-actions[bot]',
    created_at: at,
    updated_at: at,
  });
  emu.state.deploymentStatuses.push(
    status('success', 'migrated', deployedAt),
    status('success', 'Smoke seal green: 12 checks passed', sealedAt),
  );
}

function prEvent(emu: Emulator, pr: Promotion, action = 'synchronize') {
  const payload = adaptPayload(examplePayload('pull_request', 'opened'), {
    owner: emu.owner,
    repo: emu.repo,
    number: pr.number,
    headSha: pr.headSha,
    headRef: pr.headRef,
    baseRef: 'main',
    baseSha: pr.baseSha,
    labels: [],
  });
  payload.action = action;
  return { name: 'pull_request', payload };
}

function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'preflight-stages-ws-'));
  mkdirSync(join(ws, '.github'), { recursive: true });
  writeFileSync(join(ws, '.github/promotion.yml'), STAGES_CONFIG);
  return ws;
}

async function run(
  emu: Emulator,
  now: string,
  event: { name: string; payload: object },
  inputs: Record<string, string> = {},
): Promise<BundleResult> {
  return await runBundle({
    action: 'preflight-gates',
    emulator: emu,
    cwd: workspace(),
    event,
    inputs,
    now,
    env: { PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0', PROMOTE_GITHUB_RETRY_BASE_MS: '0' },
  });
}

const checkRunsFor = (emu: Emulator, sha: string) =>
  emu.state.checkRuns.filter((c) => c.head_sha === sha && c.name === 'promote/preflight');

/** The log's table rows with the column padding collapsed: "✗ soak (api) …". */
function rows(log: string): string[] {
  return log
    .split('\n')
    .map((l) => l.replace(/^.*?([✓✗!–] )/, '$1'))
    .filter((l) => /^[✓✗!–] \S/.test(l))
    .map((l) => l.replace(/ {2,}/, ' '));
}

describe('preflight-gates with stages and apps, end to end', () => {
  let emu: Emulator;

  beforeAll(async () => {
    emu = await startEmulator({ routes: issueEventsRoutes });
    await emu.git.commit({
      branch: 'main',
      files: {
        '.github/promotion.yml': STAGES_CONFIG,
        '.github/twelve-apps.yml': TWELVE_APPS_CONFIG,
      },
      message: 'chore: promotion config with stages and apps',
    });
    await emu.git.branch('staging', (await emu.git.revParse('refs/heads/main'))!);
  }, 300_000);

  afterAll(async () => {
    await emu?.close();
  });

  afterEach(() => {
    expect(emu.contractViolations).toEqual([]);
    expect(emu.unimplemented).toEqual([]);
    expect(emu.errors).toEqual([]);
  });

  test('a promotion sealed green on staging 10 minutes ago, with a 1h soak, is refused with the time left; after the soak it passes; a PR changing only apps/api judges change-size for api only', async () => {
    const pr = await openPromotion(emu);
    sealedGreenOnStaging(emu, pr.headSha, 'api', '2026-11-25T13:20:00Z');
    const short = pr.headSha.slice(0, 7);

    const early = await run(emu, WEDNESDAY_1330_UTC, prEvent(emu, pr));
    expect(early.exitCode).toBe(1);
    expect(early.outputs['failed-gates']).toBe('["soak (api)"]');
    // web is declared but unchanged: no row of its own. The harness's clock starts at `now` and
    // runs on, so the run may see a few seconds more than 10 minutes; "ready at" is exact.
    expect(rows(early.log)).toEqual([
      '– ci disabled in promotion.yml (enabled: false)',
      expect.stringMatching(
        new RegExp(
          `^✗ soak \\(api\\) ${short} \\(app api\\) sealed green on staging 10m(?: \\d+s)? ago; soak 1h: (?:50m|49m \\d+s) left \\(ready at 2026-11-25T14:20:00\\.000Z\\)$`,
        ),
      ),
      "✓ freeze Wednesday 14:30 Europe/Berlin is inside production's allow window (mon,tue,wed,thu 09:00-17:00 Europe/Berlin)",
      '✓ change size (api) 1 unit (max 4)',
      '✓ diff guard 0 secrets, 0 debug leftovers, 0 protected changes',
      '– branch protection disabled in promotion.yml (enabled: false)',
    ]);
    const [check] = checkRunsFor(emu, pr.headSha);
    expect(check).toMatchObject({
      conclusion: 'failure',
      output: expect.objectContaining({ title: '1 of 4 gates failed: soak (api)' }),
    });
    // The check run's table says it too (the renderer may escape the parentheses).
    expect(check!.output.summary).toMatch(
      /\| ✗ fail \| soak \\?\(api\\?\) \| .* left \\?\(ready at 2026-11-25T14:20:00\.000Z\\?\) \|/,
    );

    const later = await run(emu, WEDNESDAY_1425_UTC, prEvent(emu, pr));
    expect(later.exitCode).toBe(0);
    expect(rows(later.log)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^✓ soak \\(api\\) ${short} \\(app api\\) sealed green on staging 1h 5m ago; soak 1h$`,
        ),
      ),
    );
    // The same one check run, now green.
    expect(checkRunsFor(emu, pr.headSha)).toEqual([
      expect.objectContaining({
        conclusion: 'success',
        output: expect.objectContaining({ title: 'All 4 gates passed' }),
      }),
    ]);
  }, 180_000);

  test('the emergency override lifts the soak, and the check run and the PR comment say who and why', async () => {
    const pr = await openPromotion(emu);
    sealedGreenOnStaging(emu, pr.headSha, 'api', '2026-11-25T13:20:00Z');
    recordLabelEvent(emu, {
      issueNumber: pr.number,
      label: 'emergency-override',
      actor: 'carol',
      at: '2026-11-25T13:25:00Z',
    });
    emu.state.comments.push({
      id: 888001,
      issue_number: pr.number,
      body: 'Override-Reason: payment outage hotfix INC-4711',
      user: 'carol',
      created_at: '2026-11-25T13:26:00Z',
      updated_at: '2026-11-25T13:26:00Z',
    });
    const r = await run(emu, WEDNESDAY_1330_UTC, prEvent(emu, pr, 'labeled'));
    expect(r.exitCode).toBe(0);
    expect(rows(r.log)).toContainEqual(
      expect.stringMatching(
        /^! soak \(api\) \w{7} \(app api\) sealed green on staging 10m.* left \(ready at 2026-11-25T14:20:00\.000Z\) \(overridden by carol: payment outage hotfix INC-4711\)$/,
      ),
    );
    const [check, ...more] = checkRunsFor(emu, pr.headSha);
    expect(more).toHaveLength(0);
    expect(check).toMatchObject({
      conclusion: 'success',
      output: expect.objectContaining({
        title: 'Passed with an emergency override by @carol (soak (api))',
      }),
    });
    expect(check!.output.summary).toContain(
      '**Emergency override** by @carol at 2026-11-25T13:25:00Z via label "emergency-override"',
    );
    expect(check!.output.summary).toContain('Reason: payment outage hotfix INC-4711');
    const audit = emu.state.comments.filter(
      (c) =>
        c.issue_number === pr.number && c.body.startsWith('<!-- promote:preflight-override -->'),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.body).toContain('by @carol');
    expect(audit[0]!.body).toContain('Reason: payment outage hotfix INC-4711');
    expect(audit[0]!.body).toContain('Lifted (failed, reported as warnings): soak (api).');
  }, 180_000);

  test("outside production's allow windows the freeze row fails with when promotions may run", async () => {
    const pr = await openPromotion(emu);
    sealedGreenOnStaging(emu, pr.headSha, 'api', '2026-11-27T10:00:00Z');
    const r = await run(emu, FRIDAY_1430_BERLIN, prEvent(emu, pr));
    expect(r.exitCode).toBe(1);
    expect(r.outputs['failed-gates']).toBe('["freeze"]');
    expect(rows(r.log)).toContain(
      "✗ freeze Friday 14:30 Europe/Berlin is outside production's allow windows (mon,tue,wed,thu 09:00-17:00 Europe/Berlin)",
    );
  }, 180_000);

  test('the API requests do not grow with the number of apps declared', async () => {
    const pr = await openPromotion(emu);
    sealedGreenOnStaging(emu, pr.headSha, 'api', '2026-11-25T12:00:00Z');
    const dry = { 'dry-run': 'true' };
    emu.resetCounters();
    const two = await run(emu, WEDNESDAY_1330_UTC, prEvent(emu, pr), dry);
    const withTwo = emu.countRequests({ git: false });
    emu.resetCounters();
    const twelve = await run(emu, WEDNESDAY_1330_UTC, prEvent(emu, pr), {
      ...dry,
      config: '.github/twelve-apps.yml',
    });
    const withTwelve = emu.countRequests({ git: false });
    expect(two.outputs.result).toBe('pass');
    expect(twelve.outputs.result).toBe('pass');
    expect(rows(twelve.log)).toEqual(rows(two.log));
    expect(withTwelve).toBe(withTwo);
  }, 180_000);
});
