import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../../packages/core/src/clock.js';
import { createGitHubClient } from '../../../packages/core/src/github/client.js';
import { memoryLogger } from '../../../packages/core/src/logger.js';
import { createBaseScripts } from '../../../packages/core/src/gates/base-scripts.js';
import { ciGate } from '../../../packages/core/src/gates/ci.js';
import { diffGuardGate } from '../../../packages/core/src/gates/diff-guard.js';
import { evaluateGates } from '../../../packages/core/src/gates/evaluate.js';
import {
  changedGateFiles,
  gateFilePaths,
  repoPathOf,
} from '../../../packages/core/src/gates/gate-files.js';
import { fact } from '../../../packages/core/src/gates/types.js';
import { startEmulator } from '../../support/emulator/index.js';
import { facts, file, preflight } from './facts-builder.js';

describe('gate files: the config and the scripts gate commands name', () => {
  test.each([
    ['scripts/roles.sh', 'scripts/roles.sh'],
    ['./scripts/roles.sh', 'scripts/roles.sh'],
    ['check.py', 'check.py'],
    ['python3', undefined],
    ['--min', undefined],
    ['1', undefined],
    ['KEY=value', undefined],
    ['/usr/bin/env', undefined],
    ['../outside.sh', undefined],
    ['https://example.com/x.sh', undefined],
    ['scripts/', undefined],
  ])('%s names the repository file %s', (arg, path) => {
    expect(repoPathOf(arg)).toBe(path);
  });

  test('every enabled command gate contributes its files; a disabled one does not', () => {
    const cfg = preflight({
      custom: {
        commands: [{ name: 'roles', run: ['python3', 'scripts/role_coverage.py', '--min', '1'] }],
      },
      drift: { command: ['./scripts/drift.sh'] },
      backup: { enabled: false, command: ['./scripts/last-backup.sh'] },
    });
    expect(gateFilePaths('.github/promotion.yml', cfg)).toEqual([
      '.github/promotion.yml',
      'scripts/drift.sh',
      'scripts/role_coverage.py',
    ]);
  });

  test('a rename away from a gate file counts as a change to it', () => {
    const moved = { ...file('scripts/other.sh', ['x']), previous_filename: 'scripts/roles.sh' };
    expect(
      changedGateFiles([moved, file('src/a.ts', ['a'])], ['scripts/roles.sh']).map(
        (f) => f.filename,
      ),
    ).toEqual(['scripts/other.sh']);
  });
});

describe('diff guard protects the gate files by default', () => {
  const changed = fact({
    files: [
      file('.github/promotion.yml', ['    min-coverage: 50'], 'modified'),
      file('src/a.ts', ['a']),
    ],
  });

  test('a change to the config without the approval label fails, naming the label', async () => {
    const r = await diffGuardGate(
      facts({ files: changed, gateFiles: ['.github/promotion.yml'] }),
      preflight({}),
    );
    expect(r.row.status).toBe('fail');
    expect(r.row.summary).toBe('0 secrets, 0 debug leftovers, 1 protected changes');
    expect(r.row.details).toContain(
      'gate file .github/promotion.yml changed without label "promote-gates-approved"; this PR was judged by the version on main',
    );
  });

  test('the label, or a review by a named approver, approves it; protected: false switches it off', async () => {
    const base = facts({ files: changed, gateFiles: ['.github/promotion.yml'] });
    const labelled = { ...base, pr: { ...base.pr, labels: ['promote-gates-approved'] } };
    expect((await diffGuardGate(labelled, preflight({}))).row.status).toBe('pass');
    const reviewed = {
      ...base,
      reviews: fact([{ user: 'ops-lead', state: 'APPROVED', submittedAt: '2026-11-25T10:00:00Z' }]),
    };
    const cfg = preflight({ 'diff-guard': { 'gate-files': { 'approved-by': ['ops-lead'] } } });
    expect((await diffGuardGate(reviewed, cfg)).row.status).toBe('pass');
    expect((await diffGuardGate(reviewed, preflight({}))).row.status).toBe('fail');
    const off = preflight({ 'diff-guard': { 'gate-files': { protected: false } } });
    expect((await diffGuardGate(base, off)).row.status).toBe('pass');
  });
});

describe('the default gates', () => {
  test('an empty preflight section runs ci, diff guard and branch protection', async () => {
    const results = await evaluateGates(facts(), preflight({}), {
      clock: fixedClock('2026-11-25T12:00:00Z'),
    });
    expect(results.map((r) => [r.gate, r.row.status])).toEqual([
      ['ci', 'warn'],
      ['diff-guard', 'pass'],
      ['branch-protection', 'pass'],
    ]);
  });

  test('ci without named workflows waits for every other workflow of the head SHA, not for its own', async () => {
    const cfg = preflight({ ci: { wait: '1m', 'poll-interval': '30s' } });
    const run = (name: string, status: string, conclusion: string | null, runNumber = 1) => ({
      name,
      status,
      conclusion,
      runNumber,
      url: '',
    });
    const runs = fact([
      run('CI', 'completed', 'success'),
      run('Lint', 'completed', 'skipped'),
      run('Promote preflight', 'in_progress', null),
    ]);
    const clock = fixedClock('2026-11-25T12:00:00Z');
    const green = await ciGate(runs, async () => runs, clock, cfg, 'Promote preflight');
    expect(green.row).toMatchObject({ status: 'pass', summary: 'CI, Lint succeeded' });
    const red = fact([run('CI', 'completed', 'failure', 2), run('CI', 'completed', 'success', 1)]);
    expect((await ciGate(red, async () => red, clock, cfg, 'x')).row).toMatchObject({
      status: 'fail',
      summary: 'CI (failure) did not succeed',
    });
    const pending = fact([run('E2E', 'queued', null)]);
    expect((await ciGate(pending, async () => pending, clock, cfg, 'x')).row).toMatchObject({
      status: 'fail',
      summary: 'still pending after 1m: E2E',
    });
    const none = fact([run('Promote preflight', 'in_progress', null)]);
    expect(
      (await ciGate(none, async () => none, clock, cfg, 'Promote preflight')).row,
    ).toMatchObject({
      status: 'warn',
      summary: 'no other workflow ran for the head SHA',
    });
  });
});

describe('base scripts: gate commands run the base branch’s files', () => {
  test('a repository file comes from the base SHA, runnable; a tool on PATH stays; a file only the PR adds is refused', async () => {
    const emu = await startEmulator();
    const temp = mkdtempSync(join(tmpdir(), 'base-scripts-'));
    try {
      const base = await emu.git.commit({
        branch: 'main',
        files: { 'scripts/roles.sh': 'echo base\n', 'scripts/lib.py': 'print("base")\n' },
        message: 'base',
      });
      await emu.git.branch('pr', base);
      const head = await emu.git.commit({
        branch: 'pr',
        files: { 'scripts/roles.sh': 'echo head\n', 'scripts/new.sh': 'echo new\n' },
        message: 'head',
      });
      const github = createGitHubClient({
        token: 't',
        logger: memoryLogger(),
        baseUrl: emu.url,
        env: {},
      });
      const scripts = await createBaseScripts({
        github,
        repo: { owner: emu.owner, repo: emu.repo },
        base: { ref: 'main', sha: base },
        headSha: head,
        tempRoot: temp,
      });
      const [program, ...rest] = await scripts.resolve(['./scripts/roles.sh', '--quiet']);
      expect(rest).toEqual(['--quiet']);
      expect(program!.startsWith(temp)).toBe(true);
      expect(statSync(program!).mode & 0o111).not.toBe(0);
      expect(spawnSync(program!, { encoding: 'utf8' }).stdout).toBe('base\n');
      const [py, arg] = await scripts.resolve(['python3', 'scripts/lib.py']);
      expect(py).toBe('python3');
      expect(arg!.startsWith(temp)).toBe(true);
      await expect(scripts.resolve(['sh', 'scripts/new.sh'])).rejects.toThrow(
        `scripts/new.sh is not on main (${base.slice(0, 12)}); this PR adds it.`,
      );
      expect(await scripts.resolve(['sh', 'generated/tool.sh'])).toEqual([
        'sh',
        'generated/tool.sh',
      ]);
      expect([...scripts.taken].sort()).toEqual(['scripts/lib.py', 'scripts/roles.sh']);
      await scripts.dispose();
      expect(readdirSync(temp)).toEqual([]);
      expect(emu.contractViolations).toEqual([]);
    } finally {
      chmodSync(temp, 0o755);
      rmSync(temp, { recursive: true, force: true });
      await emu.close();
    }
  }, 60_000);
});
