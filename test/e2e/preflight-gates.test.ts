import { mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createGitHubClient } from '@promote/core/github/client';
import { memoryLogger } from '@promote/core/logger';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { issueEventsRoutes, recordLabelEvent } from '../support/emulator/routes/issue-events.js';
import { REPO_ROOT, runBundle, type BundleResult } from '../support/harness.js';
import { adaptPayload, examplePayload } from '../support/payloads.js';

/**
 * preflight-gates end to end: the bundle, run as the runner runs it, against the emulator, with
 * real webhook payloads. "now" is fixed by the harness (runBundle's `now` loads
 * test/support/fixed-now.mjs before the bundle); the bundle itself has no test clock.
 */

const FIXTURES = join(REPO_ROOT, 'test/fixtures/preflight');

// Wednesday 25 Nov 2026 14:30 in Berlin (UTC+1), and the Friday after.
const WEDNESDAY_1430_BERLIN = '2026-11-25T13:30:00Z';
const FRIDAY_1430_BERLIN = '2026-11-27T13:30:00Z';

const CLEAN_CONFIG = `
branches: { production: main, staging: staging }
preflight:
  timezone: Europe/Berlin
  freeze:
    - { days: [fri], from: '14:00', reason: no Friday afternoon deploys }
    - { dates: { from: '2026-12-24', to: '2026-12-26' }, reason: holidays }
  drift: { compare: { staging: staging, git: main } }
  findings: { sarif: [reports/findings.sarif], block-at: high }
  tests: { junit: [reports/junit.xml], lcov: [reports/lcov.info], min-coverage: 80 }
  backup: { command: [sh, scripts/last-backup.sh], max-age: 6h }
  custom: { commands: [{ name: role coverage, run: [sh, scripts/roles.sh] }] }
  change-size: { max-units: 10 }
`;

const EVERY_GATE_FAILS_CONFIG =
  CLEAN_CONFIG.replace('sarif: [reports/findings.sarif]', 'json: [reports/findings.json]')
    .replace('junit: [reports/junit.xml]', 'junit: [reports/junit-failing.xml]')
    .replace('max-units: 10', 'max-units: 2') +
  `  ci: { workflows: [CI], wait: 1m }
  approvals: { required: 1 }
  diff-guard: {}
  branch-protection: {}
`;

function write(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
}

/** 100 new lines in src/api/render.ts; the lcov report covers 87 of them. */
const RENDER_TS =
  Array.from({ length: 100 }, (_, i) => `export const line${i + 1} = ${i + 1};`).join('\n') + '\n';
const LCOV = [
  'SF:src/api/render.ts',
  ...Array.from({ length: 100 }, (_, i) => `DA:${i + 1},${i < 87 ? 1 : 0}`),
  'end_of_record',
  '',
].join('\n');

const FREEZE_ONLY =
  "preflight:\n  timezone: Europe/Berlin\n  freeze: [{ days: [fri], from: '14:00' }]\n";

/**
 * The config a PR is judged by is the one on its base branch (issue #16), so it is committed to
 * main before the PR is opened; a change only when it differs keeps main's history short.
 */
async function baseConfig(emu: Emulator, config = CLEAN_CONFIG): Promise<void> {
  const files = { '.github/promotion.yml': config, '.github/freeze-only.yml': FREEZE_ONLY };
  const main = (await emu.git.revParse('refs/heads/main'))!;
  const same = await Promise.all(
    Object.entries(files).map(async ([p, c]) => (await emu.git.readFile(main, p)) === c),
  );
  if (same.every(Boolean)) return;
  await emu.git.commit({ branch: 'main', files, message: 'chore: promotion config' });
}

function cleanWorkspace(config = CLEAN_CONFIG): string {
  const ws = mkdtempSync(join(tmpdir(), 'preflight-ws-'));
  write(ws, {
    // The checkout's copy is the PR's: preflight reads the base branch's, never this one.
    '.github/promotion.yml': config,
    'reports/findings.sarif': readFileSync(join(FIXTURES, 'findings.sarif'), 'utf8'),
    'reports/junit.xml': readFileSync(join(FIXTURES, 'junit.xml'), 'utf8'),
    'reports/lcov.info': LCOV,
    'scripts/last-backup.sh': 'echo "looking up the latest backup..."\necho 2026-11-25T13:00:00Z\n',
    'scripts/roles.sh': 'echo "Manager(3), Field Officer(27), Program Officer(8)"\n',
  });
  return ws;
}

interface Promotion {
  number: number;
  headSha: string;
  headRef: string;
  baseSha: string;
}

let branchCounter = 0;

async function openPromotion(
  emu: Emulator,
  extraFiles: Record<string, string> = {},
  body = 'Promote sprint 15\n\nFixes #12',
): Promise<Promotion> {
  const headRef = `promote/sprint-15-${++branchCounter}`;
  const baseSha = (await emu.git.revParse('refs/heads/main'))!;
  await emu.git.branch(headRef, baseSha);
  await emu.git.commitMany(headRef, [
    {
      // A file naming the branch keeps each PR's commits (and head SHA) distinct: git commits
      // with equal trees, parents and dates are the same commit.
      files: { 'src/api/render.ts': RENDER_TS, 'PROMOTION.md': `${headRef}\n` },
      message: 'feat(api): render reports',
    },
    {
      files: { 'src/web/app.ts': 'export const label = "Save";\n', ...extraFiles },
      message: 'fix(web): button label',
    },
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
    title: 'Promote sprint 15',
    body,
  });
  return { number: data.number, headSha: data.head.sha, headRef, baseSha };
}

function prEvent(emu: Emulator, pr: Promotion, action = 'synchronize') {
  const payload = adaptPayload(
    examplePayload('pull_request', action === 'synchronize' ? 'opened' : action),
    {
      owner: emu.owner,
      repo: emu.repo,
      number: pr.number,
      headSha: pr.headSha,
      headRef: pr.headRef,
      baseRef: 'main',
      baseSha: pr.baseSha,
      labels: [], // the replayed payload never has the override label: it must be read fresh
    },
  );
  payload.action = action;
  return { name: 'pull_request', payload };
}

async function run(
  emu: Emulator,
  opts: {
    cwd: string;
    now: string;
    event: { name: string; payload: object };
    inputs?: Record<string, string>;
  },
): Promise<BundleResult> {
  return runBundle({
    action: 'preflight-gates',
    emulator: emu,
    cwd: opts.cwd,
    event: opts.event,
    inputs: opts.inputs ?? {},
    now: opts.now,
    env: {
      PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0',
      PROMOTE_GITHUB_RETRY_BASE_MS: '0',
    },
  });
}

const checkRunsFor = (emu: Emulator, sha: string, name = 'promote/preflight') =>
  emu.state.checkRuns.filter((c) => c.head_sha === sha && c.name === name);

/** The plain table lines from the log (icon, padded name, summary). */
function tableLines(log: string): string[] {
  return log
    .split('\n')
    .map((l) => l.replace(/^.*?([✓✗!–] )/, '$1'))
    .filter((l) => /^[✓✗!–] \S/.test(l));
}

describe('preflight-gates end to end', () => {
  let emu: Emulator;

  beforeAll(async () => {
    emu = await startEmulator({ routes: issueEventsRoutes });
    // Production is protected and requires the check (branch-protection runs by default).
    emu.state.protection.main = {
      required_status_checks: { strict: false, contexts: ['promote/preflight'] },
    } as (typeof emu.state.protection)[string];
    await baseConfig(emu);
    const main = (await emu.git.revParse('refs/heads/main'))!;
    await emu.git.branch('staging', main);
  }, 300_000);

  beforeEach(() => baseConfig(emu));

  afterAll(async () => {
    await emu?.close();
  });

  afterEach(() => {
    expect(emu.contractViolations).toEqual([]);
    expect(emu.unimplemented).toEqual([]);
    expect(emu.errors).toEqual([]);
  });

  test('a clean promotion passes and reproduces the reference table in the log, the check run and the summary', async () => {
    const pr = await openPromotion(emu);
    emu.state.workflowRuns.push({
      id: 9000,
      name: 'CI',
      workflow_id: 1,
      path: '.github/workflows/ci.yml',
      head_branch: pr.headRef,
      head_sha: pr.headSha,
      event: 'pull_request',
      status: 'completed',
      conclusion: 'success',
      run_number: 6,
      run_attempt: 1,
      created_at: '2026-11-25T13:00:00Z',
      updated_at: '2026-11-25T13:10:00Z',
    });
    const r = await run(emu, {
      cwd: cleanWorkspace(),
      now: WEDNESDAY_1430_BERLIN,
      event: prEvent(emu, pr),
    });
    expect(r.exitCode).toBe(0);
    // ci, diff guard and branch protection run by default (issue #16).
    expect(tableLines(r.log)).toEqual([
      '✓ ci                CI succeeded',
      '✓ drift             staging vs main: 0 only on staging, 0 only in git, 0 changed',
      '✓ findings          0 CRITICAL, 0 HIGH, 1 MEDIUM, 3 LOW (block at HIGH)',
      '✓ tests             14/14 pass, 87% coverage on changed lines (min 80%)',
      '✓ backup            production backup taken 13:00 UTC (max age 6h)',
      '✓ custom            role coverage: Manager(3), Field Officer(27), Program Officer(8)',
      '✓ freeze            Wednesday 14:30 Europe/Berlin, no freeze window',
      '✓ change size       3 units (max 10)',
      '✓ diff guard        0 secrets, 0 debug leftovers, 0 protected changes',
      '✓ branch protection main protected (branch protection rule), requires promote/preflight',
    ]);
    expect(r.outputs).toMatchObject({ result: 'pass', 'failed-gates': '[]' });
    const [check, ...more] = checkRunsFor(emu, pr.headSha);
    expect(more).toHaveLength(0);
    expect(check).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(check!.output.title).toBe('All 10 gates passed');
    // The shared renderer decides how much markdown escaping a cell needs; parentheses may be escaped.
    expect(check!.output.summary).toMatch(
      /\| ✓ pass \| change size \| 3 units \\?\(max 10\\?\) \|/,
    );
    expect(check!.output.text).toContain('**api** (scope)');
    expect(String(r.outputs['check-run-id'])).toBe(String(check!.id));
    expect(r.summary).toMatch(
      /\| ✓ pass \| tests \| 14\/14 pass, 87% coverage on changed lines \\?\(min 80%\\?\) \|/,
    );
    // SARIF findings become annotations at file:line.
    expect(check!.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'src/api/render.ts',
          start_line: 12,
          annotation_level: 'warning',
        }),
      ]),
    );
  }, 120_000);

  test('each gate fails on its own bad input and says why', async () => {
    const token = ['ghp_', 'wWPw5k4aXcaT4fNP0Ucn', 'ZwJUVFk6LO0pINUx'].join('');
    // staging holds a hotfix production never got.
    await emu.git.commit({
      branch: 'staging',
      files: { 'db/hotfix.sql': 'update t set x = 1;\n' },
      message: 'hotfix straight on staging',
    });
    const protection = emu.state.protection.main;
    delete emu.state.protection.main;
    try {
      await baseConfig(emu, EVERY_GATE_FAILS_CONFIG);
      const pr = await openPromotion(
        emu,
        { 'src/web/debug.ts': `console.log(user);\nconst t = "${token}";\n` },
        'Promote\n\nFixes #12, closes #13',
      );
      emu.state.workflowRuns.push({
        id: 9001,
        name: 'CI',
        workflow_id: 1,
        path: '.github/workflows/ci.yml',
        head_branch: pr.headRef,
        head_sha: pr.headSha,
        event: 'pull_request',
        status: 'completed',
        conclusion: 'failure',
        run_number: 7,
        run_attempt: 1,
        created_at: '2026-11-27T13:00:00Z',
        updated_at: '2026-11-27T13:10:00Z',
      });
      const ws = cleanWorkspace(EVERY_GATE_FAILS_CONFIG);
      write(ws, {
        'reports/findings.json': readFileSync(join(FIXTURES, 'findings-critical.json'), 'utf8'),
        'reports/junit-failing.xml': readFileSync(join(FIXTURES, 'junit-failing.xml'), 'utf8'),
        'scripts/last-backup.sh': 'echo 2026-11-26T20:00:00Z\n',
        'scripts/roles.sh': 'echo "missing role: Auditor"\nexit 1\n',
      });
      const r = await run(emu, { cwd: ws, now: FRIDAY_1430_BERLIN, event: prEvent(emu, pr) });
      expect(r.exitCode).toBe(1);
      // The longest name sets the column: "branch protection" is 17 characters.
      const row = (name: string, summary: string) => `✗ ${name.padEnd(17)} ${summary}`;
      expect(tableLines(r.log)).toEqual([
        row('ci', 'CI (failure) did not succeed'),
        row('drift', 'staging vs main: 1 only on staging, 0 only in git, 0 changed'),
        row('findings', '1 CRITICAL, 0 HIGH, 0 MEDIUM, 1 LOW (block at HIGH)'),
        row('tests', '1/2 pass, 1 skipped (1 failed), 87% coverage on changed lines (min 80%)'),
        row('backup', 'production backup taken 2026-11-26 20:00 UTC, 17h 30m ago (max age 6h)'),
        row('custom', 'role coverage: exit 1: missing role: Auditor'),
        row(
          'freeze',
          'Friday 14:30 Europe/Berlin: inside freeze fri from 14:00 Europe/Berlin (no Friday afternoon deploys)',
        ),
        row('change size', '4 units (max 2): split suggested'),
        row('approvals', '0/1 approvals'),
        row('diff guard', '1 secrets, 1 debug leftovers, 0 protected changes'),
        row('branch protection', 'main is not protected'),
      ]);
      expect(JSON.parse(r.outputs['failed-gates']!)).toEqual([
        'ci',
        'drift',
        'findings',
        'tests',
        'backup',
        'custom',
        'freeze',
        'change-size',
        'approvals',
        'diff-guard',
        'branch-protection',
      ]);
      const [check] = checkRunsFor(emu, pr.headSha);
      expect(check).toMatchObject({
        conclusion: 'failure',
        output: expect.objectContaining({
          title:
            '11 of 11 gates failed: ci, drift, findings, tests, backup, custom, freeze, change-size, approvals, diff-guard, branch-protection',
        }),
      });
      expect(check!.output.text).toContain('db/hotfix.sql');
      expect(check!.output.text).toContain('Suggested split into 2 promotions');
      expect(check!.annotations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            path: 'src/web/debug.ts',
            start_line: 2,
            title: 'possible secret',
            annotation_level: 'failure',
          }),
          expect.objectContaining({
            path: 'src/web/debug.ts',
            start_line: 1,
            title: 'debug leftover',
          }),
          expect.objectContaining({
            path: 'src/api/report.ts',
            start_line: 7,
            annotation_level: 'failure',
          }),
        ]),
      );
      // The secret never reaches the log, the check run or any request body.
      expect(r.rawLog).not.toContain(token);
      expect(JSON.stringify(emu.state.checkRuns)).not.toContain(token);
    } finally {
      emu.state.protection.main = protection!;
      // Undo the staging hotfix for the tests that follow.
      await emu.git.updateRef('refs/heads/staging', (await emu.git.revParse('refs/heads/main'))!);
    }
  }, 120_000);

  test('Friday 14:30 in Berlin fails the freeze; the override label with a reason passes it with an audit trail; a re-run updates the same check run', async () => {
    const pr = await openPromotion(emu);
    const ws = cleanWorkspace();
    write(ws, { 'scripts/last-backup.sh': 'echo 2026-11-27T12:00:00Z\n' });
    const frozen = await run(emu, { cwd: ws, now: FRIDAY_1430_BERLIN, event: prEvent(emu, pr) });
    expect(frozen.exitCode).toBe(1);
    expect(frozen.outputs['failed-gates']).toBe('["freeze"]');
    expect(checkRunsFor(emu, pr.headSha)).toEqual([
      expect.objectContaining({ conclusion: 'failure' }),
    ]);

    // Carol adds the label; the reason comes in a comment. The label alone is not enough.
    recordLabelEvent(emu, {
      issueNumber: pr.number,
      label: 'emergency-override',
      actor: 'carol',
      at: '2026-11-27T13:25:00Z',
    });
    const noReason = await run(emu, {
      cwd: ws,
      now: FRIDAY_1430_BERLIN,
      event: prEvent(emu, pr, 'labeled'),
    });
    expect(noReason.exitCode).toBe(1);
    expect(noReason.log).toContain('no reason is given: add a line "Override-Reason: <why>"');

    emu.state.comments.push({
      id: 777001,
      issue_number: pr.number,
      body: 'Override-Reason: payment outage hotfix INC-4711',
      user: 'carol',
      created_at: '2026-11-27T13:26:00Z',
      updated_at: '2026-11-27T13:26:00Z',
    });
    const overridden = await run(emu, {
      cwd: ws,
      now: FRIDAY_1430_BERLIN,
      event: prEvent(emu, pr, 'labeled'),
    });
    expect(overridden.exitCode).toBe(0);
    expect(overridden.outputs.result).toBe('pass');
    expect(tableLines(overridden.log)).toContain(
      '! freeze            Friday 14:30 Europe/Berlin: inside freeze fri from 14:00 Europe/Berlin (no Friday afternoon deploys) (overridden by carol: payment outage hotfix INC-4711)',
    );
    const runs = checkRunsFor(emu, pr.headSha);
    expect(runs).toHaveLength(1); // re-runs updated the one check run
    expect(runs[0]).toMatchObject({
      conclusion: 'success',
      output: expect.objectContaining({
        title: 'Passed with an emergency override by @carol (freeze)',
      }),
    });
    expect(runs[0]!.output.summary).toContain(
      '**Emergency override** by @carol at 2026-11-27T13:25:00Z via label "emergency-override"',
    );
    expect(runs[0]!.output.summary).toContain('Reason: payment outage hotfix INC-4711');
    const audit = emu.state.comments.filter(
      (c) =>
        c.issue_number === pr.number && c.body.startsWith('<!-- promote:preflight-override -->'),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.body).toContain('Lifted (failed, reported as warnings): freeze.');

    // Re-run the same event: still one check run and one audit comment.
    const again = await run(emu, {
      cwd: ws,
      now: FRIDAY_1430_BERLIN,
      event: prEvent(emu, pr, 'labeled'),
    });
    expect(again.exitCode).toBe(0);
    expect(checkRunsFor(emu, pr.headSha)).toHaveLength(1);
    expect(
      emu.state.comments.filter(
        (c) =>
          c.issue_number === pr.number && c.body.startsWith('<!-- promote:preflight-override -->'),
      ),
    ).toHaveLength(1);
  }, 180_000);

  test.each([
    [
      'Friday 27 March, before Berlin springs forward: 12:30 UTC is 13:30 local',
      '2026-03-27T12:30:00Z',
      '✓ freeze            Friday 13:30 Europe/Berlin, no freeze window',
      0,
    ],
    [
      'Friday 3 April, after: the same 12:30 UTC is 14:30 local',
      '2026-04-03T12:30:00Z',
      '✗ freeze            Friday 14:30 Europe/Berlin: inside freeze fri from 14:00 Europe/Berlin',
      1,
    ],
    [
      'Friday 30 October, after Berlin falls back: 13:30 UTC is 14:30 local',
      '2026-10-30T13:30:00Z',
      '✗ freeze            Friday 14:30 Europe/Berlin: inside freeze fri from 14:00 Europe/Berlin',
      1,
    ],
  ])(
    'DST weeks: %s',
    async (_story, now, line, exitCode) => {
      const pr = await openPromotion(emu);
      const r = await run(emu, {
        cwd: cleanWorkspace(),
        now,
        event: prEvent(emu, pr),
        inputs: { config: '.github/freeze-only.yml' },
      });
      expect(tableLines(r.log)).toContain(line);
      expect(r.exitCode).toBe(exitCode);
    },
    120_000,
  );

  test('merge_group: the time gates are judged at merge time and reported on the queue commit', async () => {
    const pr = await openPromotion(emu);
    const queueRef = `gh-readonly-queue/main/pr-${pr.number}-${pr.baseSha}`;
    await emu.git.branch(queueRef, pr.headSha);
    const queueSha = await emu.git.commit({
      branch: queueRef,
      files: { 'QUEUE.md': 'merge group\n' },
      message: 'Merge group',
    });
    const payload = adaptPayload(examplePayload('merge_group', 'checks_requested'), {
      owner: emu.owner,
      repo: emu.repo,
      headSha: queueSha,
      baseSha: pr.baseSha,
      baseRef: 'main',
      headRef: `refs/heads/${queueRef}`,
    });
    const r = await run(emu, {
      cwd: cleanWorkspace(),
      now: FRIDAY_1430_BERLIN,
      event: { name: 'merge_group', payload },
      inputs: { config: '.github/freeze-only.yml' },
    });
    expect(r.exitCode).toBe(1);
    expect(checkRunsFor(emu, queueSha)).toEqual([
      expect.objectContaining({ conclusion: 'failure' }),
    ]);
    expect(checkRunsFor(emu, pr.headSha)).toHaveLength(0);
  }, 120_000);

  test('workflow_dispatch: a person overrides the freeze with a reason typed into the run form', async () => {
    const pr = await openPromotion(emu);
    const payload = adaptPayload(examplePayload('workflow_dispatch'), {
      owner: emu.owner,
      repo: emu.repo,
      sender: 'dave',
      ref: 'refs/heads/main',
      inputs: {
        'pull-request': String(pr.number),
        'override-reason': 'rollback of INC-9 needs this now',
      },
    });
    const r = await run(emu, {
      cwd: cleanWorkspace(),
      now: FRIDAY_1430_BERLIN,
      event: { name: 'workflow_dispatch', payload },
      inputs: {
        'pull-request': String(pr.number),
        'override-reason': 'rollback of INC-9 needs this now',
        config: '.github/freeze-only.yml',
      },
    });
    expect(r.exitCode).toBe(0);
    const [check, ...more] = checkRunsFor(emu, pr.headSha);
    expect(more).toHaveLength(0);
    expect(check).toMatchObject({
      conclusion: 'success',
      output: expect.objectContaining({
        title: 'Passed with an emergency override by @dave (freeze)',
      }),
    });
    expect(check!.output.summary).toContain('via workflow\\_dispatch input override-reason');
    const audit = emu.state.comments.filter(
      (c) =>
        c.issue_number === pr.number && c.body.startsWith('<!-- promote:preflight-override -->'),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.body).toContain('Reason: rollback of INC-9 needs this now');
  }, 120_000);

  test('a missing report file is a clear error before anything is written; dry-run writes nothing', async () => {
    const missingJunit = CLEAN_CONFIG.replace('reports/junit.xml', 'reports/missing-junit.xml');
    await baseConfig(emu, missingJunit);
    const pr = await openPromotion(emu);
    const ws = cleanWorkspace(missingJunit);
    emu.resetCounters();
    const r = await run(emu, { cwd: ws, now: WEDNESDAY_1430_BERLIN, event: prEvent(emu, pr) });
    expect(r.exitCode).toBe(1);
    expect(r.annotations.filter((a) => a.level === 'error')).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('preflight-gates: report file not found in '),
      }),
    ]);
    expect(r.log).toContain('reports/missing-junit.xml');
    // It reads the PR and the base branch's config; it writes nothing.
    expect(emu.countRequests({ writes: true })).toBe(0);
    await baseConfig(emu);

    const dry = await run(emu, {
      cwd: cleanWorkspace(),
      now: FRIDAY_1430_BERLIN,
      event: prEvent(emu, pr),
      inputs: { 'dry-run': 'true' },
    });
    expect(dry.outputs).toMatchObject({
      result: 'fail',
      // Friday: frozen, and Wednesday's backup is two days old by then.
      'failed-gates': '["backup","freeze"]',
      'check-run-id': '',
    });
    expect(dry.summary).toContain('| ✗ fail | freeze |');
    expect(emu.countRequests({ writes: true })).toBe(0);
    expect(checkRunsFor(emu, pr.headSha)).toHaveLength(0);
  }, 120_000);

  test('a bad config names the key and the fix', async () => {
    const bad = "preflight:\n  freeze: [{ days: [fri], from: '25:00' }]\n";
    await baseConfig(emu, bad);
    const pr = await openPromotion(emu);
    const ws = cleanWorkspace(bad);
    emu.resetCounters();
    const r = await run(emu, { cwd: ws, now: WEDNESDAY_1430_BERLIN, event: prEvent(emu, pr) });
    expect(r.exitCode).toBe(1);
    expect(r.log).toContain(
      'promotion.yml: preflight.freeze[0].from: "25:00" is not a time; use HH:MM',
    );
    expect(emu.countRequests({ writes: true })).toBe(0);
  }, 120_000);
});
