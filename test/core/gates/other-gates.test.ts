import { fixedClock } from '../../../packages/core/src/clock.js';
import { approvalsGate } from '../../../packages/core/src/gates/approvals.js';
import { backupGate, parseTimestamp } from '../../../packages/core/src/gates/backup.js';
import { branchProtectionGate } from '../../../packages/core/src/gates/branch-protection.js';
import { changeSizeGate } from '../../../packages/core/src/gates/change-size.js';
import { ciGate } from '../../../packages/core/src/gates/ci.js';
import { customGate } from '../../../packages/core/src/gates/custom.js';
import { diffGuardGate } from '../../../packages/core/src/gates/diff-guard.js';
import { driftGate } from '../../../packages/core/src/gates/drift.js';
import { evaluateGates } from '../../../packages/core/src/gates/evaluate.js';
import { applyOverride } from '../../../packages/core/src/gates/override.js';
import { fact, missing } from '../../../packages/core/src/gates/types.js';
import { facts, file, preflight, reports } from './facts-builder.js';

const out = (stdout: string, exitCode = 0) =>
  fact({ stdout, stderr: '', exitCode, timedOut: false });

describe('drift gate', () => {
  test('a compare with nothing different reads like the reference table', () => {
    const r = driftGate(
      facts(),
      preflight({ drift: { compare: { staging: 'staging', git: 'main' } } }),
    );
    expect(r.row).toMatchObject({
      status: 'pass',
      summary: 'staging vs main: 0 only on staging, 0 only in git, 0 changed',
    });
  });
  test('files only on one side or changed fail and are listed', () => {
    const compare = fact({
      files: [
        { filename: 'hotfix.sql', status: 'added' },
        { filename: 'old.ts', status: 'removed' },
        { filename: 'a.ts', status: 'modified' },
      ],
    });
    const r = driftGate(
      facts({ compare }),
      preflight({ drift: { compare: { staging: 'staging', git: 'main' } } }),
    );
    expect(r.row).toMatchObject({
      status: 'fail',
      summary: 'staging vs main: 1 only on staging, 1 only in git, 1 changed',
    });
    expect(r.row.details).toContain('hotfix.sql');
  });
  test('exactly 300 compared files may be truncated: fail closed and say why', () => {
    const compare = fact({ files: [], truncated: "the compare lists 300 files, GitHub's maximum" });
    expect(
      driftGate(facts({ compare }), preflight({ drift: { compare: { staging: 's', git: 'm' } } }))
        .row.summary,
    ).toContain('300 files');
  });
  test('a command: clean by exit code and pattern, else its output is shown', () => {
    const cfg = preflight({ drift: { command: ['./drift.sh'], 'clean-pattern': '^No changes' } });
    expect(
      driftGate(
        facts({ commands: new Map([['drift', out('No changes. Infrastructure matches.')]]) }),
        cfg,
      ).row.status,
    ).toBe('pass');
    const bad = driftGate(facts({ commands: new Map([['drift', out('1 to change', 2)]]) }), cfg);
    expect(bad.row).toMatchObject({
      status: 'fail',
      summary: 'drift found: exit code 2 (clean is 0)',
    });
    expect(bad.row.details).toContain('1 to change');
  });
});

describe('backup gate', () => {
  const now = new Date('2026-11-25T15:00:00Z');
  test('ISO and epoch timestamps', () => {
    expect(parseTimestamp('2026-11-25T13:00:00Z')?.toISOString()).toBe('2026-11-25T13:00:00.000Z');
    expect(parseTimestamp('1795525200')?.toISOString()).toBe(
      new Date(1795525200 * 1000).toISOString(),
    );
    expect(parseTimestamp('yesterday')).toBeUndefined();
  });
  test('a 2-hour-old backup passes max age 6h; a 9-hour-old one fails', () => {
    const cfg = preflight({ backup: { command: ['./last-backup.sh'], 'max-age': '6h' } });
    const fresh = backupGate(
      facts({ now, commands: new Map([['backup', out('checking...\n2026-11-25T13:00:00Z\n')]]) }),
      cfg,
    );
    expect(fresh.row).toMatchObject({
      status: 'pass',
      summary: 'production backup taken 13:00 UTC (max age 6h)',
    });
    const old = backupGate(
      facts({ now, commands: new Map([['backup', out('2026-11-25T06:00:00Z')]]) }),
      cfg,
    );
    expect(old.row).toMatchObject({
      status: 'fail',
      summary: 'production backup taken 06:00 UTC, 9h ago (max age 6h)',
    });
  });
  test('unparseable output or a missing file cannot pass', () => {
    const cfg = preflight({ backup: { command: ['x'] } });
    expect(
      backupGate(facts({ now, commands: new Map([['backup', out('ok')]]) }), cfg).row.status,
    ).toBe('fail');
    const file = preflight({ backup: { file: { path: 'b.txt' } } });
    expect(
      backupGate(facts({ now, backupFile: missing('backup file b.txt: ENOENT') }), file).row
        .summary,
    ).toContain('ENOENT');
    expect(
      backupGate(
        facts({ now, backupFile: fact({ mtime: new Date('2026-11-25T14:00:00Z'), contents: '' }) }),
        file,
      ).row.status,
    ).toBe('pass');
  });
});

describe('change size gate', () => {
  const messages = [
    'feat(api): add export',
    'fix(web): button',
    'chore(api): tidy\n\nFixes #12',
    'Merge pull request #9 from o/x\n\nfeat(ignored): y',
  ];
  test('scopes, areas and linked issues are distinct units; same-named scope and area are one', () => {
    const f = facts({
      commits: fact({ messages }),
      files: fact({ files: [file('src/api/a.ts', ['x']), file('docs/x.md', ['y'])] }),
    });
    const r = changeSizeGate(
      f,
      preflight({ 'change-size': { areas: { api: 'src/api/**', docs: 'docs/**' } } }),
    );
    expect(r.row).toMatchObject({ status: 'pass', summary: '4 units (max 10)' });
    expect(r.row.details).toMatch(/\*\*api\*\* \(scope \+ area\)/);
    expect(r.row.details).toContain('**\\#12**');
  });
  test('squash-merge "(#11)" suffixes name PRs, not linked issues: three scopes are three units', () => {
    const r = changeSizeGate(
      facts({
        commits: fact({
          messages: [
            'feat(checkout): saved carts (#11)',
            'fix(checkout): round (#12)',
            'feat(catalog): search (#13)',
            'feat(orders): status (#14)\n\nCloses #40',
          ],
        }),
      }),
      preflight({ 'change-size': {} }),
    );
    expect(r.row.summary).toBe('4 units (max 10)');
    expect(r.row.details).toContain('**\\#40**');
    expect(r.row.details).not.toContain('**\\#11**');
  });
  test('too many units fail with a suggested split', () => {
    const many = Array.from({ length: 5 }, (_, i) => `feat(s${i}): x`);
    const r = changeSizeGate(
      facts({ commits: fact({ messages: many }) }),
      preflight({ 'change-size': { 'max-units': 2 } }),
    );
    expect(r.row).toMatchObject({ status: 'fail', summary: '5 units (max 2): split suggested' });
    expect(r.row.details).toContain(
      'Suggested split into 3 promotions:\n1. s0, s1\n2. s2, s3\n3. s4',
    );
  });
  test('250 commits (GitHub’s maximum) is only a lower bound: fail closed', () => {
    const r = changeSizeGate(
      facts({
        commits: fact({
          messages: ['feat(a): x'],
          truncated: 'the PR has 400 commits but GitHub lists at most 250',
        }),
      }),
      preflight({ 'change-size': {} }),
    );
    expect(r.row).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('at most 250'),
    });
  });
});

describe('approvals gate', () => {
  const reviews = fact([
    { user: 'bob', state: 'CHANGES_REQUESTED', submittedAt: '2026-11-25T10:00:00Z' },
    { user: 'bob', state: 'APPROVED', submittedAt: '2026-11-25T11:00:00Z' },
    { user: 'bob', state: 'COMMENTED', submittedAt: '2026-11-25T12:00:00Z' },
    { user: 'alice', state: 'APPROVED', submittedAt: '2026-11-25T12:00:00Z' },
  ]);
  test('latest decisive review per reviewer counts; the author’s own does not', () => {
    const r = approvalsGate(facts({ reviews }), preflight({ approvals: { required: 1 } }));
    expect(r.row).toMatchObject({ status: 'pass', summary: '1/1 approvals (bob)' });
    expect(
      approvalsGate(facts({ reviews }), preflight({ approvals: { required: 2 } })).row.status,
    ).toBe('fail');
  });
  test('a staging deployment of the head SHA and a state-file key', () => {
    const cfg = preflight({
      approvals: {
        required: 0,
        'staging-deployment': { environment: 'staging' },
        'state-files': [
          { path: 's.yml', key: 'manual_gates.staging_validation.status', equals: 'approved' },
        ],
      },
    });
    const ok = approvalsGate(
      facts({
        deployments: fact([{ environment: 'staging', state: 'success' }]),
        reports: reports({
          's.yml': 'manual_gates:\n  staging_validation:\n    status: approved\n',
        }),
      }),
      cfg,
    );
    expect(ok.row).toMatchObject({
      status: 'pass',
      summary: 'staging deployment succeeded, manual_gates.staging_validation.status: approved',
    });
    const pending = approvalsGate(
      facts({
        deployments: fact([]),
        reports: reports({
          's.yml': '{"manual_gates":{"staging_validation":{"status":"pending"}}}',
        }),
      }),
      cfg,
    );
    expect(pending.row.status).toBe('fail');
    expect(pending.row.details).toContain(
      'manual\\_gates.staging\\_validation.status is "pending", needs "approved"',
    );
  });
});

describe('diff guard gate', () => {
  // Built from parts so repository secret scanners do not flag the fixture itself.
  const awsKey = ['ghp_', 'wWPw5k4aXcaT4fNP0Ucn', 'ZwJUVFk6LO0pINUx'].join('');
  test('a secret in an added line fails with an annotation that never shows it', async () => {
    const f = facts({
      files: fact({ files: [file('src/config.ts', ['const a = 1;', `const key = "${awsKey}";`])] }),
    });
    const r = await diffGuardGate(f, preflight({ 'diff-guard': {} }));
    expect(r.row.status).toBe('fail');
    expect(r.row.summary).toBe('1 secrets, 0 debug leftovers, 0 protected changes');
    expect(r.annotations[0]).toMatchObject({
      path: 'src/config.ts',
      start_line: 2,
      annotation_level: 'failure',
    });
    expect(JSON.stringify(r)).not.toContain(awsKey);
  });
  test('debug leftovers by pattern', async () => {
    const f = facts({
      files: fact({ files: [file('src/a.ts', ['ok()', 'console.log(user)', 'debugger;'])] }),
    });
    const r = await diffGuardGate(f, preflight({ 'diff-guard': { secrets: false } }));
    expect(r.row.summary).toBe('0 secrets, 2 debug leftovers, 0 protected changes');
    expect(r.annotations.map((a) => a.start_line)).toEqual([2, 3]);
  });
  test('a protected JSON path changed without the named approval fails; another section does not count', async () => {
    const cfg = preflight({
      'diff-guard': {
        secrets: false,
        'protected-paths': [
          {
            path: 'wrangler.jsonc',
            'json-path': '$.env.production',
            'approval-label': 'prod-config-approved',
          },
        ],
      },
    });
    const base =
      '{ "name": "app", // the worker\n "env": { "production": { "vars": { "A": "1" } }, "staging": { "vars": { "A": "1" } } } }';
    const stagingOnly = base.replace(
      '"staging": { "vars": { "A": "1" }',
      '"staging": { "vars": { "A": "2" }',
    );
    const prodChanged = base.replace(
      '"production": { "vars": { "A": "1" }',
      '"production": { "vars": { "A": "2" }',
    );
    const run = (head: string, labels: string[] = []) =>
      diffGuardGate(
        facts({
          pr: { ...facts().pr, labels },
          files: fact({ files: [file('wrangler.jsonc', ['x'], 'modified')] }),
          protectedContents: new Map([['wrangler.jsonc', fact({ base, head })]]),
        }),
        cfg,
      );
    expect((await run(stagingOnly)).row.status).toBe('pass');
    const bad = await run(prodChanged);
    expect(bad.row.status).toBe('fail');
    expect(bad.row.details).toContain(
      'protected $.env.production in wrangler.jsonc changed without label "prod-config-approved"',
    );
    expect((await run(prodChanged, ['prod-config-approved'])).row.status).toBe('pass');
  });
});

describe('branch protection, ci, custom', () => {
  test('an unprotected production branch refuses success unless allowed', () => {
    const unprotected = facts({
      branch: fact({ protected: false, requiredChecks: [], sources: [] }),
    });
    expect(
      branchProtectionGate(unprotected, preflight({ 'branch-protection': {} })).row,
    ).toMatchObject({ status: 'fail', summary: 'main is not protected' });
    expect(
      branchProtectionGate(
        unprotected,
        preflight({ 'branch-protection': { 'allow-unprotected': true } }),
      ).row.status,
    ).toBe('warn');
    const other = facts({
      branch: fact({
        protected: true,
        requiredChecks: ['build'],
        sources: ['branch protection rule' as const],
      }),
    });
    expect(branchProtectionGate(other, preflight({ 'branch-protection': {} })).row.summary).toBe(
      'main is protected (branch protection rule) but does not require promote/preflight',
    );
  });

  test('ci waits for a pending run with the clock, then passes; a run that never ends fails after wait', async () => {
    const cfg = preflight({ ci: { workflows: ['CI'], wait: '2m', 'poll-interval': '30s' } });
    const pending = fact([
      { name: 'CI', status: 'in_progress', conclusion: null, runNumber: 3, url: '' },
    ]);
    const done = fact([
      { name: 'CI', status: 'completed', conclusion: 'success', runNumber: 3, url: '' },
    ]);
    let reads = 0;
    const clock = fixedClock('2026-11-25T12:00:00Z');
    const r = await ciGate(pending, async () => (++reads >= 2 ? done : pending), clock, cfg);
    expect(r.row).toMatchObject({ status: 'pass', summary: 'CI succeeded' });
    expect(clock.now().toISOString()).toBe('2026-11-25T12:01:00.000Z');
    const never = await ciGate(
      pending,
      async () => pending,
      fixedClock('2026-11-25T12:00:00Z'),
      cfg,
    );
    expect(never.row).toMatchObject({ status: 'fail', summary: 'still pending after 2m: CI' });
    const failed = fact([
      { name: 'CI', status: 'completed', conclusion: 'failure', runNumber: 4, url: '' },
    ]);
    expect(
      (await ciGate(failed, async () => failed, fixedClock('2026-11-25T12:00:00Z'), cfg)).row
        .summary,
    ).toBe('CI (failure) did not succeed');
  });

  test('custom commands: exit code decides, last line is the summary', () => {
    const cfg = preflight({
      custom: { commands: [{ name: 'role coverage', run: ['./roles.sh'] }] },
    });
    const ok = customGate(
      facts({
        commands: new Map([
          ['custom:role coverage', out('Manager(3), Field Officer(27), Program Officer(8)')],
        ]),
      }),
      cfg,
    );
    expect(ok.row).toMatchObject({
      status: 'pass',
      summary: 'role coverage: Manager(3), Field Officer(27), Program Officer(8)',
    });
    const bad = customGate(
      facts({ commands: new Map([['custom:role coverage', out('missing role: Auditor', 1)]]) }),
      cfg,
    );
    expect(bad.row).toMatchObject({
      status: 'fail',
      summary: 'role coverage: exit 1: missing role: Auditor',
    });
  });
});

describe('evaluation and override', () => {
  test('configured gates and the default ones run; a disabled one is skipped with its reason', async () => {
    const cfg = preflight({ freeze: [], 'change-size': { enabled: false } });
    const rs = await evaluateGates(facts(), cfg, { clock: fixedClock('2026-11-25T12:00:00Z') });
    expect(rs.map((r) => [r.gate, r.row.status])).toEqual([
      ['ci', 'warn'],
      ['freeze', 'pass'],
      ['change-size', 'skip'],
      ['diff-guard', 'pass'],
      ['branch-protection', 'pass'],
    ]);
  });

  test('an override lifts freeze to warn with the audit, but never the diff guard', async () => {
    const cfg = preflight({
      freeze: [{ days: ['fri'], from: '14:00', timezone: 'Europe/Berlin' }],
      'diff-guard': { secrets: false },
      ci: { enabled: false },
      'branch-protection': { enabled: false },
    });
    const f = facts({
      now: new Date('2026-11-27T13:30:00Z'),
      files: fact({ files: [file('a.ts', ['debugger;'])] }),
    });
    const rs = await evaluateGates(f, cfg, { clock: fixedClock(f.now) });
    const lifted = applyOverride(
      rs,
      { actor: 'carol', at: '2026-11-27T13:25:00Z', reason: 'payment outage hotfix', via: 'label' },
      cfg,
    );
    expect(lifted.map((r) => [r.gate, r.row.status, r.overridden ?? false])).toEqual([
      ['ci', 'skip', false],
      ['freeze', 'warn', true],
      ['diff-guard', 'fail', false],
      ['branch-protection', 'skip', false],
    ]);
    expect(lifted[1]!.row.summary).toBe(
      'Friday 14:30 Europe/Berlin: inside freeze fri from 14:00 Europe/Berlin (overridden by carol: payment outage hotfix)',
    );
  });
});
