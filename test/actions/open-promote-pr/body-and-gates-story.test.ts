// What the reviewer reads and what stops a promotion: a full promote: section, pre-open gates
// (preflight's gate code, in-process), audited overrides, superseded PRs. Emulator + real git.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorld, type World } from './world.js';

const FULL = `promote:
  title: "Promote {name} ({date})"
  labels: [promotion, needs-review]
  assignees: [octocat]
  draft: true
  reviewers:
    users: [alice]
  areas:
    database: ["migrations/**"]
    api: ["src/api/**"]
    web: ["web/**"]
  migrations:
    paths: ["migrations/*.sql"]
  audit:
    file: audit.log
    max-lines: 2
  checklist: ["Payroll team informed"]
`;

describe('the promotion PR a reviewer opens', () => {
  let world: World;
  afterEach(async () => {
    expect(world.emu.contractViolations).toEqual([]);
    expect(world.emu.unimplemented).toEqual([]);
    await world.close();
  });

  test('carries title, labels, assignee, draft, areas, migrations, audit excerpt, rollback and checklist', async () => {
    world = await createWorld(['alice']);
    world.writeConfig(FULL);
    writeFileSync(join(world.workspace, 'audit.log'), 'one\ntwo\nthree\nfour\n');
    await world.emu.git.commit({
      branch: 'main',
      message: 'chore: init schema',
      files: { 'migrations/0001_init.sql': 'create table a(id int);\n' },
    });
    await world.commitToStaging('fix(db): comment in an applied migration', {
      'migrations/0001_init.sql': '-- applied\ncreate table a(id int);\n',
    });
    await world.commitToStaging('feat(db): add beneficiaries table (#21)', {
      'migrations/0007_beneficiaries.sql': 'create table b(id int);\n',
    });
    await world.commitToStaging('fix(api): | pipes <script>alert(1)</script> @channel', {
      'src/api/export.ts': 'export {};\n',
    });
    const r = await world.promote({ name: 'Sprint 15: Beneficiary' });
    expect(r.failed).toBeUndefined();
    expect(r.log).toContain(
      'Promotion name "Sprint 15: Beneficiary" becomes "sprint-15-beneficiary" in branch names.',
    );
    const pr = world.pulls()[0]!;
    expect(pr.title).toBe('Promote Sprint 15: Beneficiary (2026-05-03 14:32)');
    expect(pr.labels).toEqual(['promotion', 'needs-review']);
    expect(pr.assignees).toEqual(['octocat']);
    expect(pr.draft).toBe(true);
    const body = pr.body!;
    expect(body).toContain('- database (2 files)');
    expect(body).not.toContain('`migrations/0001_init.sql`'); // changed, not new: it will not run again
    expect(body).toContain('- api (1 file)');
    expect(body).not.toContain('- web');
    expect(body).toContain(
      '### Migrations that will run on merge\n\n- `migrations/0007_beneficiaries.sql`',
    );
    // paths: only what the promotion adds, and the section says production was not asked.
    expect(body).toContain(
      '- `migrations/0007_beneficiaries.sql`\n\n_These are the files this promotion adds; production was not asked, so migrations pending from earlier promotions are not listed._',
    );
    expect(body).toContain('_(last 2 lines; 2 earlier lines left out)_');
    expect(body).toMatch(/```\nthree\nfour\n```/);
    expect(body).toContain(
      'gh workflow run promote-rollback.yml --repo acme/config-repo --ref main -f release=RELEASE_TAG',
    );
    expect(body).toContain('- [ ] Payroll team informed');
    expect(body).toContain(
      'add beneficiaries table ([#21](https://github.com/acme/config-repo/pull/21))',
    );
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('@channel');
    expect(r.summary).toContain(`PR [#${pr.number}]`);
  });

  test('migrations from a command (argv, output tail) and a failing audit command shown with its exit code', async () => {
    world = await createWorld();
    world.writeConfig(`promote:
  labels: []
  migrations:
    command: ["sh", "-c", "echo 'Migrations to be applied:'; echo '0007_beneficiaries.sql'"]
  audit:
    command: ["sh", "-c", "echo 'audit store unreachable' >&2; exit 2"]
`);
    await world.commitToStaging('feat: a');
    const r = await world.promote();
    expect(r.failed).toBeUndefined();
    const body = world.pulls()[0]!.body!;
    expect(body).toMatch(
      /From `sh -c echo 'Migrations to be applied:'; echo '0007_beneficiaries.sql'`:\n\n```\nMigrations to be applied:\n0007_beneficiaries.sql\n```/,
    );
    expect(body).toMatch(
      /### Audit log\n\nFrom `[^`]+`:\n\n```\n\(command exited with 2; check by hand\)\naudit store unreachable\n```/,
    );
  });

  test('dry run: plans and shows the body, writes nothing', async () => {
    world = await createWorld();
    world.writeConfig('');
    await world.commitToStaging('feat: a');
    const r = await world.promote({ 'dry-run': 'true' });
    expect(r.failed).toBeUndefined();
    expect(r.outputs.operation).toBe('none');
    expect(r.outputs.branch).toBe('promote/sprint-15-beneficiary-20260503-1432');
    expect(r.log).toContain(
      'Dry run: would create a PR from promote/sprint-15-beneficiary-20260503-1432 into main.',
    );
    expect(r.summary).toContain('<!-- promote:begin -->');
    expect(world.emu.requests.filter((q) => q.method !== 'GET')).toEqual([]);
  });

  test('an older promotion contained in the new one is closed with a comment pointing at it', async () => {
    world = await createWorld();
    world.writeConfig('promote:\n  labels: []\n');
    await world.commitToStaging('feat: a');
    const old = await world.promote({ name: 'sprint-14' });
    await world.commitToStaging('feat: b');
    const next = await world.promote({ name: 'sprint-15' });
    const [first, second] = world.pulls();
    expect(first!.state).toBe('closed');
    expect(second!.state).toBe('open');
    const comments = world.emu.state.comments.filter(
      (c) => c.issue_number === Number(old.outputs['pr-number']),
    );
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(`Superseded by #${next.outputs['pr-number']}`);
    // A re-run does not comment twice.
    await world.promote({ name: 'sprint-15' });
    expect(
      world.emu.state.comments.filter((c) => c.issue_number === Number(old.outputs['pr-number'])),
    ).toHaveLength(1);
  });

  const GATED = (lifts: string) => `preflight:
  override:
    lifts: [${lifts}]
  drift:
    command: ["sh", "-c", "echo 'prod has 2 files not in git'; exit 3"]
  change-size:
    max-units: 5
promote:
  labels: []
`;

  test('a failing pre-open gate refuses with the table and writes nothing', async () => {
    world = await createWorld();
    world.writeConfig(GATED('freeze, change-size'));
    await world.commitToStaging('feat: a');
    const r = await world.promote();
    expect(r.failed).toMatch(
      /^open-promote-pr: 1 pre-open gate failed \(drift\); nothing was written\./,
    );
    // (Compared without markdown escapes: the renderer decides which characters need them.)
    expect(r.summary.replace(/\\/g, '')).toContain(
      '| ✗ fail | drift | drift found: exit code 3 (clean is 0) |',
    );
    expect(r.summary).toContain('| ✓ pass | change size |');
    expect(world.emu.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(world.pulls()).toHaveLength(0);
  });

  test('an audited override opens the PR anyway and records who, why and the table in the body and a comment', async () => {
    world = await createWorld();
    world.writeConfig(GATED('drift'));
    await world.commitToStaging('feat: a');
    const r = await world.promote(
      { 'override-reason': 'INC-42: hotfix must ship' },
      { actor: 'oncall-ana' },
    );
    expect(r.failed).toBeUndefined();
    const pr = world.pulls()[0]!;
    expect(pr.body).toContain(
      'Pre-open gates failed and were overridden by @\u200boncall-ana in [this run](https://github.com/acme/config-repo/actions/runs/4242): INC-42: hotfix must ship',
    );
    expect(pr.body!.replace(/\\/g, '')).toContain(
      '| ! warning | drift | drift found: exit code 3 (clean is 0) (overridden by oncall-ana: INC-42: hotfix must ship) |',
    );
    const comments = world.emu.state.comments.filter((c) => c.issue_number === pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('Pre-open gates overridden** by @oncall-ana');
    expect(comments[0]!.body).toContain('INC-42: hotfix must ship');
  });

  test('an override cannot lift a gate preflight does not let it lift', async () => {
    world = await createWorld();
    world.writeConfig(GATED('freeze'));
    await world.commitToStaging('feat: a');
    const r = await world.promote({ 'override-reason': 'please' });
    expect(r.failed).toMatch(/drift failed and cannot be overridden/);
    expect(world.pulls()).toHaveLength(0);
  });
});
