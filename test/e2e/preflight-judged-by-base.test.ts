import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createGitHubClient } from '@promote/core/github/client';
import { memoryLogger } from '@promote/core/logger';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { REPO_ROOT, runBundle, type BundleResult } from '../support/harness.js';
import { adaptPayload, examplePayload } from '../support/payloads.js';

/**
 * Issue #16: a promotion PR is judged by production's (the base branch's) config and gate
 * scripts, never by its own copies; a required check with nothing to check fails and says how to
 * set it up. The committed preflight-gates bundle runs as the runner runs it, against the
 * emulator (after a source change: `node scripts/build.mjs preflight-gates`).
 */

const FRIDAY_1430_BERLIN = '2026-11-27T13:30:00Z';
const WEDNESDAY_1430_BERLIN = '2026-11-25T13:30:00Z';

/** Production's config: coverage minimum 80, no Friday afternoon deploys, a role-coverage gate. */
const PRODUCTION_CONFIG = `branches: { production: __PRODUCTION__ }
preflight:
  timezone: Europe/Berlin
  freeze:
    - { days: [fri], from: '14:00', reason: no Friday afternoon deploys }
  tests:
    lcov: [reports/lcov.info]
    min-coverage: 80
  custom:
    commands:
      - { name: role coverage, run: [sh, scripts/roles.sh] }
  ci: { enabled: false }
`;
/** The same file as the PR rewrites it: a lower minimum, the freeze window gone. */
const RELAXED_CONFIG = `branches: { production: __PRODUCTION__ }
preflight:
  timezone: Europe/Berlin
  tests:
    lcov: [reports/lcov.info]
    min-coverage: 50
  custom:
    commands:
      - { name: role coverage, run: [sh, scripts/roles.sh] }
  ci: { enabled: false }
`;
// The base's script judges the PR's files (roles.txt in the checkout); the PR's copy always passes.
const STRICT_ROLES_SH =
  'grep -q Auditor roles.txt || { echo "missing role: Auditor"; exit 1; }\necho "all roles covered"\n';
const LENIENT_ROLES_SH = 'echo "all roles covered, trust me"\n';

/** 100 new lines in src/api/render.ts; the lcov report covers 70 of them. */
const RENDER_TS =
  Array.from({ length: 100 }, (_, i) => `export const line${i + 1} = ${i + 1};`).join('\n') + '\n';
const LCOV = [
  'SF:src/api/render.ts',
  ...Array.from({ length: 100 }, (_, i) => `DA:${i + 1},${i < 70 ? 1 : 0}`),
  'end_of_record',
  '',
].join('\n');

function write(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
}

interface Pr {
  number: number;
  headSha: string;
  headRef: string;
  baseSha: string;
}

let prCounter = 0;

/** A fresh production branch holding `base`, and a PR into it that changes `head`. */
async function openPr(
  emu: Emulator,
  base: Record<string, string>,
  head: Record<string, string>,
): Promise<Pr & { production: string }> {
  const production = `production-${++prCounter}`;
  // Each test gets its own production branch; the config names it.
  const named = (files: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(files).map(([p, c]) => [p, c.replaceAll('__PRODUCTION__', production)]),
    );
  base = named(base);
  head = named(head);
  const root = (await emu.git.revParse('refs/heads/main'))!;
  await emu.git.branch(production, root);
  const baseSha = Object.keys(base).length
    ? await emu.git.commit({ branch: production, files: base, message: 'chore: production' })
    : root;
  const headRef = `promote/sprint-${prCounter}`;
  await emu.git.branch(headRef, baseSha);
  const headSha = await emu.git.commit({
    branch: headRef,
    files: { ...head, 'PROMOTION.md': `${headRef}\n` },
    message: 'feat(api): render reports',
  });
  emu.state.protection[production] = {
    required_status_checks: { strict: false, contexts: ['promote/preflight'] },
  } as (typeof emu.state.protection)[string];
  const gh = createGitHubClient({ token: 't', logger: memoryLogger(), baseUrl: emu.url, env: {} });
  const { data } = await gh.rest.pulls.create({
    owner: emu.owner,
    repo: emu.repo,
    head: headRef,
    base: production,
    title: 'Promote sprint',
  });
  return { number: data.number, headSha, headRef, baseSha, production };
}

function prEvent(emu: Emulator, pr: Pr & { production: string }) {
  const payload = adaptPayload(examplePayload('pull_request', 'opened'), {
    owner: emu.owner,
    repo: emu.repo,
    number: pr.number,
    headSha: pr.headSha,
    headRef: pr.headRef,
    baseRef: pr.production,
    baseSha: pr.baseSha,
    labels: [],
  });
  payload.action = 'synchronize';
  return { name: 'pull_request', payload };
}

/** The workspace is the PR's checkout: every file as the PR has it, plus the CI reports. */
function checkout(files: Record<string, string>): string {
  const ws = mkdtempSync(join(tmpdir(), 'preflight-trust-ws-'));
  write(ws, files);
  return ws;
}

function run(
  emu: Emulator,
  pr: Pr & { production: string },
  cwd: string,
  opts: { now?: string; inputs?: Record<string, string> } = {},
): PromiseLike<BundleResult> {
  return runBundle({
    action: 'preflight-gates',
    emulator: emu,
    cwd,
    event: prEvent(emu, pr),
    inputs: opts.inputs ?? {},
    now: opts.now ?? FRIDAY_1430_BERLIN,
    env: {
      PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0',
      PROMOTE_GITHUB_RETRY_BASE_MS: '0',
    },
  });
}

const checkRunOf = (emu: Emulator, sha: string) => {
  const runs = emu.state.checkRuns.filter(
    (c) => c.head_sha === sha && c.name === 'promote/preflight',
  );
  expect(runs).toHaveLength(1);
  return runs[0]!;
};

/** The plain table lines from the log (icon, padded name, summary). */
function tableLines(log: string): string[] {
  return log
    .split('\n')
    .map((l) => l.replace(/^.*?([✓✗!–] )/, '$1'))
    .filter((l) => /^[✓✗!–] \S/.test(l));
}

describe('preflight judges a promotion by production’s config, never by the PR’s', () => {
  let emu: Emulator;

  beforeAll(async () => {
    readFileSync(join(REPO_ROOT, 'dist/preflight-gates/index.js'));
    emu = await startEmulator();
  }, 120_000);

  afterAll(async () => {
    await emu?.close();
  });

  afterEach(() => {
    expect(emu.contractViolations).toEqual([]);
    expect(emu.unimplemented).toEqual([]);
    expect(emu.errors).toEqual([]);
  });

  test('a PR that lowers the coverage minimum, removes the freeze window and rewrites the custom gate’s script is judged by production’s versions, fails the gate-file change for want of approval and shows the diff', async () => {
    const pr = await openPr(
      emu,
      {
        '.github/promotion.yml': PRODUCTION_CONFIG,
        'scripts/roles.sh': STRICT_ROLES_SH,
        'roles.txt': 'Manager\n',
      },
      {
        '.github/promotion.yml': RELAXED_CONFIG,
        'scripts/roles.sh': LENIENT_ROLES_SH,
        'src/api/render.ts': RENDER_TS,
      },
    );
    // The job's checkout is the PR's head: its config and script are the relaxed ones.
    const ws = checkout({
      '.github/promotion.yml': RELAXED_CONFIG,
      'scripts/roles.sh': LENIENT_ROLES_SH,
      'roles.txt': 'Manager\n',
      'src/api/render.ts': RENDER_TS,
      'reports/lcov.info': LCOV,
    });
    const r = await run(emu, pr, ws);
    expect(r.exitCode).toBe(1);
    const rows = tableLines(r.log);
    expect(rows).toEqual([
      '– ci                disabled in promotion.yml (enabled: false)',
      '✗ tests             70% coverage on changed lines (min 80%)',
      '✗ custom            role coverage: exit 1: missing role: Auditor',
      '✗ freeze            Friday 14:30 Europe/Berlin: inside freeze fri from 14:00 Europe/Berlin (no Friday afternoon deploys)',
      '✗ diff guard        0 secrets, 0 debug leftovers, 2 protected changes',
      `✓ branch protection ${pr.production} protected (branch protection rule), requires promote/preflight`,
    ]);

    const check = checkRunOf(emu, pr.headSha);
    expect(check.conclusion).toBe('failure');
    expect(check.output.title).toBe('4 of 5 gates failed: tests, custom, freeze, diff-guard');
    // What the PR would change about the judging, as a diff, before anything else in the text.
    const text = check.output.text!;
    expect(text.startsWith('## Changes to the gate files')).toBe(true);
    expect(text).toMatch(
      /```diff\n@@[^\n]*\n[\s\S]*- {4}min-coverage: 80\n\+ {4}min-coverage: 50\n/,
    );
    expect(text).toContain(
      "-  freeze:\n-    - { days: [fri], from: '14:00', reason: no Friday afternoon deploys }",
    );
    expect(text).toContain('+echo "all roles covered, trust me"');
    expect(text).toContain('-grep -q Auditor roles.txt');
    expect(check.output.summary).toContain('**This PR changes the gate files**');
    expect(check.output.summary).toContain(`versions on \`${pr.production}\``);
    expect(text).toContain(
      `gate file .github/promotion.yml changed without label "promote-gates-approved"; this PR was judged by the version on ${pr.production}`,
    );
    expect(check.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'scripts/roles.sh', annotation_level: 'failure' }),
        expect.objectContaining({ path: '.github/promotion.yml', annotation_level: 'failure' }),
      ]),
    );
    expect(r.log).toContain(`Gate commands ran scripts/roles.sh as ${pr.production} has them.`);

    // The approval label lifts only the gate-file change: the PR is still judged by production's rules.
    const gh = createGitHubClient({
      token: 't',
      logger: memoryLogger(),
      baseUrl: emu.url,
      env: {},
    });
    await gh.rest.issues.addLabels({
      owner: emu.owner,
      repo: emu.repo,
      issue_number: pr.number,
      labels: ['promote-gates-approved'],
    });
    const approved = await run(emu, pr, ws);
    expect(tableLines(approved.log)).toContain(
      '✓ diff guard        0 secrets, 0 debug leftovers, 0 protected changes',
    );
    expect(checkRunOf(emu, pr.headSha)).toMatchObject({
      conclusion: 'failure',
      output: expect.objectContaining({
        title: '3 of 5 gates failed: tests, custom, freeze',
      }),
    });
  }, 120_000);

  test('a gate script that only the PR has is not run: the gate cannot be evaluated and says to merge the script first', async () => {
    const config = PRODUCTION_CONFIG.replace('scripts/roles.sh', 'scripts/new-check.sh').replace(
      / {2}freeze:\n.*\n/,
      '',
    );
    const pr = await openPr(
      emu,
      { '.github/promotion.yml': config },
      { 'scripts/new-check.sh': 'echo fine\n', 'src/api/render.ts': RENDER_TS },
    );
    const ws = checkout({
      '.github/promotion.yml': config,
      'scripts/new-check.sh': 'echo fine\n',
      'reports/lcov.info': LCOV.replace(/,0$/gm, ',1'),
    });
    const r = await run(emu, pr, ws);
    expect(r.exitCode).toBe(1);
    const check = checkRunOf(emu, pr.headSha);
    expect(check.output.title).toBe('2 of 4 gates failed: custom, diff-guard');
    expect(check.output.summary).toContain(
      `scripts/new-check.sh is not on ${pr.production} (${pr.baseSha.slice(0, 12)}); this PR adds it.`,
    );
  }, 120_000);

  test('the PR that adds Promote (no config on production yet) fails with how to bootstrap, and shows the config it adds', async () => {
    const pr = await openPr(emu, {}, { '.github/promotion.yml': PRODUCTION_CONFIG });
    const r = await run(emu, pr, checkout({ '.github/promotion.yml': PRODUCTION_CONFIG }), {
      now: WEDNESDAY_1430_BERLIN,
    });
    expect(r.exitCode).toBe(1);
    expect(r.outputs).toMatchObject({ result: 'fail', 'failed-gates': '["config"]' });
    const check = checkRunOf(emu, pr.headSha);
    expect(check.conclusion).toBe('failure');
    expect(check.output.title).toBe(
      `No promotion config: .github/promotion.yml not found on ${pr.production}`,
    );
    expect(check.output.summary).toContain(
      `This PR adds \`.github/promotion.yml\`: it is shown below, but it cannot judge the PR that brings it`,
    );
    expect(check.output.summary).toContain('To set it up, add `.github/promotion.yml`');
    expect(check.output.text).toContain('+    min-coverage: 80');
    expect(r.annotations.filter((a) => a.level === 'error')).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          `preflight-gates: No promotion config: .github/promotion.yml not found on ${pr.production}.`,
        ),
      }),
    ]);
  }, 120_000);

  test.each([
    [
      'a typo in the config input',
      { '.github/promotion.yml': PRODUCTION_CONFIG },
      { config: '.github/promotion.yaml' },
      'No promotion config: .github/promotion.yaml not found on',
      'the default is `.github/promotion.yml`',
    ],
    [
      'an empty config',
      { '.github/promotion.yml': '# TODO: gates\n' },
      {},
      'Empty promotion config: .github/promotion.yml on',
      'An empty file is most likely a mistake',
    ],
    [
      'a config that switches every gate off',
      {
        '.github/promotion.yml':
          'preflight:\n  ci: { enabled: false }\n  diff-guard: { enabled: false }\n  branch-protection: { enabled: false }\n',
      },
      {},
      'No gate enabled: .github/promotion.yml on',
      'enables no gate',
    ],
  ])(
    '%s fails the required check and says how to set it up',
    async (_story, base, inputs, title, hint) => {
      const pr = await openPr(emu, base, { 'src/a.ts': 'export const a = 1;\n' });
      const r = await run(emu, pr, checkout({}), { inputs });
      expect(r.exitCode).toBe(1);
      const check = checkRunOf(emu, pr.headSha);
      expect(check.conclusion).toBe('failure');
      expect(check.output.title).toContain(title);
      expect(check.output.summary).toContain(hint);
      expect(check.output.title).not.toContain('passed');
    },
    120_000,
  );

  test('`preflight: {}` runs the default gates: ci, diff guard (secrets) and branch protection', async () => {
    const pr = await openPr(
      emu,
      { '.github/promotion.yml': 'branches: { production: __PRODUCTION__ }\npreflight: {}\n' },
      { 'src/a.ts': 'export const a = 1;\n' },
    );
    const r = await run(emu, pr, checkout({}));
    expect(tableLines(r.log)).toEqual([
      '! ci                no other workflow ran for the head SHA',
      '✓ diff guard        0 secrets, 0 debug leftovers, 0 protected changes',
      `✓ branch protection ${pr.production} protected (branch protection rule), requires promote/preflight`,
    ]);
    expect(r.exitCode).toBe(0);
    expect(checkRunOf(emu, pr.headSha).conclusion).toBe('success');
  }, 120_000);
});
