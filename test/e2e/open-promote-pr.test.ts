// open-promote-pr as the runner runs it: dist/open-promote-pr/index.js under Node 24, inputs from
// action.yml, against the GitHub emulator whose refs and commits are a real git repository.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundle, type BundleResult } from '../support/harness.js';
import { startEmulator, type Emulator } from '../support/emulator/server.js';
import type { FaultKind } from '../support/emulator/faults.js';

const BODY_BEGIN = '<!-- promote:begin -->';
const BODY_END = '<!-- promote:end -->';
const APP_TOKEN = 'ghs_appInstallationTokenForTests000000000';

let emu: Emulator;
let workspace: string;
let n = 0;

function config(yaml: string) {
  mkdirSync(join(workspace, '.github'), { recursive: true });
  writeFileSync(join(workspace, '.github', 'promotion.yml'), yaml);
}

async function commitToStaging(message: string): Promise<string> {
  n += 1;
  return emu.git.commit({
    branch: 'staging',
    message,
    files: { [`src/c${n}.ts`]: `export const c${n} = ${n};\n` },
  });
}

function promote(inputs: Record<string, string> = {}): Promise<BundleResult> {
  return Promise.resolve(
    runBundle({
      action: 'open-promote-pr',
      emulator: emu,
      cwd: workspace,
      inputs: { token: APP_TOKEN, name: 'sprint-15-beneficiary', ...inputs },
    }),
  );
}

const pulls = (state: 'open' | 'all' = 'all') =>
  emu.state.pulls.filter((p) => state === 'all' || p.state === state);

beforeEach(async () => {
  emu = await startEmulator({ owner: 'acme', repo: 'config-repo' });
  for (const login of ['alice', 'bob', 'carol']) {
    emu.state.users[login] = { login, id: 7000 + login.length, type: 'User' };
    emu.state.collaborators.push(login);
  }
  workspace = mkdtempSync(join(tmpdir(), 'promote-e2e-'));
  config('promote:\n  reviewers:\n    users: [alice, bob, carol]\n');
});

afterEach(async () => {
  expect(emu.contractViolations).toEqual([]);
  expect(emu.unimplemented).toEqual([]);
  await emu.close();
});

describe('open-promote-pr through the runner', () => {
  test('first run creates; a second run updates the same PR; staging advances into it; human edits survive', async () => {
    await commitToStaging('feat(api): beneficiary export (#12)');
    const first = await promote();
    expect(first.exitCode).toBe(0);
    expect(first.outputs.operation).toBe('created');
    expect(first.outputs.branch).toMatch(/^promote\/sprint-15-beneficiary-\d{8}-\d{4}$/);
    expect(first.log).toContain(`Snapshotting staging to ${first.outputs.branch} ...`);
    expect(first.log).toContain(`Opening PR ... ${first.outputs['pr-url']}`);
    expect(first.log).toContain('Reviewer requested: @alice');
    expect(first.summary).toContain(`PR [#${first.outputs['pr-number']}]`);
    expect(pulls()).toHaveLength(1);
    expect(pulls()[0]!.labels).toEqual(['promotion']);

    const writesBeforeSecond = emu.requests.filter((r) => r.method !== 'GET').length;
    const second = await promote();
    expect(second.exitCode).toBe(0);
    expect(second.outputs).toMatchObject({
      operation: 'updated',
      'pr-number': first.outputs['pr-number'],
      branch: first.outputs.branch,
    });
    expect(pulls()).toHaveLength(1);
    // Nothing new: the same body, labels and pending reviewer, so not a single write.
    expect(emu.requests.filter((r) => r.method !== 'GET').length).toBe(writesBeforeSecond);
    expect(second.log).toContain('Reviewer already requested: @alice');

    const pr = pulls()[0]!;
    pr.body = `Hold until the payroll run is done.\n\n${pr.body}`;
    const newHead = await commitToStaging('fix: totals rounding (#13)');
    const third = await promote();
    expect(third.exitCode).toBe(0);
    expect(third.outputs).toMatchObject({
      operation: 'updated',
      'pr-number': first.outputs['pr-number'],
      'head-sha': newHead,
    });
    expect(pulls()).toHaveLength(1);
    expect(pr.head.sha).toBe(newHead);
    expect(await emu.git.revParse(`refs/heads/${first.outputs.branch}`)).toBe(newHead);
    expect(pr.body!.startsWith(`Hold until the payroll run is done.\n\n${BODY_BEGIN}`)).toBe(true);
    expect(pr.body).toContain(
      'totals rounding ([#13](https://github.com/acme/config-repo/pull/13))',
    );
    expect(pr.body!.trimEnd().endsWith(BODY_END)).toBe(true);
    expect(pr.requested_reviewers).toEqual(['alice']);
  });

  test('three promotions request three reviewers in rotation order', async () => {
    config(
      'promote:\n  labels: []\n  close-superseded: false\n  reviewers:\n    users: [alice, bob, carol]\n',
    );
    for (const name of ['sprint-1', 'sprint-2', 'sprint-3']) {
      await commitToStaging(`feat: ${name}`);
      const run = await promote({ name });
      expect(run.exitCode).toBe(0);
    }
    expect(
      pulls().map((p) => [p.head.ref.replace(/-\d{8}-\d{4}$/, ''), p.requested_reviewers]),
    ).toEqual([
      ['promote/sprint-1', ['alice']],
      ['promote/sprint-2', ['bob']],
      ['promote/sprint-3', ['carol']],
    ]);
  });

  test('nothing ahead of production: no branch, no PR, operation none', async () => {
    await emu.git.branch('staging', (await emu.git.revParse('refs/heads/main'))!);
    const run = await promote();
    expect(run.exitCode).toBe(0);
    expect(run.outputs.operation).toBe('none');
    expect(run.outputs['pr-number']).toBe('');
    expect(run.log).toMatch(
      /Nothing ahead of production: staging \([0-9a-f]{7}\) is already in main/,
    );
    expect(pulls()).toHaveLength(0);
    expect(await emu.git.listRefs('refs/heads/promote/')).toEqual([]);
  });

  test("with the default GITHUB_TOKEN it warns that the PR's checks will not start", async () => {
    await commitToStaging('feat: x');
    const run = await Promise.resolve(
      runBundle({
        action: 'open-promote-pr',
        emulator: emu,
        cwd: workspace,
        inputs: { name: 'x' },
      }),
    );
    expect(run.exitCode).toBe(0);
    expect(
      run.annotations.some(
        (a) =>
          a.level === 'warning' &&
          /default GITHUB_TOKEN.*required checks will not start/.test(a.message),
      ),
    ).toBe(true);
    const app = await promote({ name: 'x' });
    expect(app.annotations.filter((a) => /GITHUB_TOKEN/.test(a.message))).toEqual([]);
  });

  test('a bad config fails before any write, naming the key', async () => {
    config('promote:\n  title: "Promote {nmae}"\n');
    await commitToStaging('feat: x');
    const run = await promote();
    expect(run.exitCode).toBe(1);
    expect(run.log).toMatch(/promotion\.yml.*promote\.title.*unknown placeholder \{nmae\}/);
    expect(emu.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  test.each<FaultKind>(['5xx', 'lost-response', 'secondary-rate-limit'])(
    '%s on each write still ends with exactly one PR in the right state',
    async (kind) => {
      await commitToStaging('feat: first');
      const writes = ['git/create-ref', 'pulls/create', 'pulls/request-reviewers'];
      for (const operationId of writes) emu.faults.inject({ operationId, kind });
      const first = await promote();
      expect(first.exitCode).toBe(0);
      const head = await commitToStaging('fix: second');
      for (const operationId of ['git/update-ref', 'pulls/update'])
        emu.faults.inject({ operationId, kind });
      const second = await promote();
      expect(second.exitCode).toBe(0);
      expect(
        new Set(emu.requests.filter((r) => r.fault === kind).map((r) => r.operationId)),
      ).toEqual(new Set([...writes, 'git/update-ref', 'pulls/update']));
      expect(pulls()).toHaveLength(1);
      expect(pulls('open')[0]!.head.sha).toBe(head);
      expect(pulls('open')[0]!.requested_reviewers).toEqual(['alice']);
      expect(pulls('open')[0]!.body).toContain('**2 commits**');
    },
  );
});
