// tag-release end to end: the committed bundle (dist/tag-release/index.js) run the way the runner
// runs it, against the GitHub emulator whose repository is a real git history.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundle } from '../support/harness.js';
import { startEmulator, type Emulator } from '../support/emulator/server.js';
import type { FaultKind } from '../support/emulator/faults.js';
import { createGitHistory, type GitHistory } from '../support/git-history.js';
import { mergedPullRequestEvent, OWNER, REPO } from '../actions/tag-release/world.js';

const FAST_RETRIES = {
  PROMOTE_GITHUB_RETRY_BASE_MS: '1',
  PROMOTE_GITHUB_RETRY_AFTER_BASE_MS: '1',
  PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0',
  // Nothing here holds a request: a loaded machine's slow answer must not become a retry.
  PROMOTE_GITHUB_TIMEOUT_MS: '30000',
};

interface World {
  emu: Emulator;
  h: GitHistory;
  workspace: string;
  mergeSha: string;
}

async function world(): Promise<World> {
  const emu = await startEmulator({ owner: OWNER, repo: REPO });
  const h = createGitHistory();
  h.commit('docs: changelog', {
    file: 'CHANGELOG.md',
    content: '# Changelog\n\n## [Unreleased]\n',
  });
  h.tag('v2.6.0');
  h.branch('staging');
  h.commit('feat(search): fuzzy matching (#40)');
  h.commit('fix: crash on empty cart (#41)');
  h.commit('feat: CSV export (#42)');
  h.commit('fix: header alignment (#43)');
  h.commit('perf: faster index (#44)');
  h.checkout('main');
  h.git([
    'merge',
    '-q',
    '--no-ff',
    '-m',
    'Merge pull request #77 from acme/promote/staging',
    '-m',
    'Promote staging',
    'staging',
  ]);
  const mergeSha = h.head();
  h.pushTo(emu.git.dir);
  const workspace = mkdtempSync(join(tmpdir(), 'promote-e2e-release-'));
  mkdirSync(join(workspace, '.github'));
  writeFileSync(join(workspace, '.github', 'promotion.yml'), 'release:\n  tag-prefix: v\n');
  return { emu, h, workspace, mergeSha };
}

async function close(w: World): Promise<void> {
  await w.emu.close();
  await w.emu.git.remove();
  w.h.cleanup();
  rmSync(w.workspace, { recursive: true, force: true });
}

function ship(w: World, inputs: Record<string, string> = {}) {
  return runBundle({
    action: 'tag-release',
    emulator: w.emu,
    cwd: w.workspace,
    sha: w.mergeSha,
    token: 'ghs_e2eJobToken000000000000000000000000',
    event: { name: 'pull_request', payload: mergedPullRequestEvent(w.mergeSha) },
    inputs: { seal: 'green', ...inputs },
    env: FAST_RETRIES,
  });
}

/** What a user checks after the release, whatever happened on the way. */
async function expectOneRelease(w: World): Promise<void> {
  const tags = await w.emu.git.tags();
  expect(Object.keys(tags).sort()).toEqual(['v2.6.0', 'v2.7.0']);
  expect(tags['v2.7.0']).toMatchObject({ type: 'annotated', sha: w.mergeSha });
  expect(w.emu.state.releases.filter((r) => r.tag_name === 'v2.7.0')).toHaveLength(1);
  expect(w.emu.state.releases).toHaveLength(1);
  const changelog = (await w.emu.git.readFile('main', 'CHANGELOG.md')) ?? '';
  expect(changelog.match(/^## \[2\.7\.0\]/gm)).toHaveLength(1);
  // Exactly one changelog commit between the merge commit and the branch head.
  const after = await w.emu.git.revList('main', w.mergeSha);
  expect(after).toHaveLength(1);
}

describe('tag-release through the runner harness', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(async () => {
    await close(w);
  });

  test('a merged promotion: annotated tag on the merge commit, changelog, release body; a re-run is a no-op', async () => {
    const run = await ship(w);
    expect(run.exitCode).toBe(0);
    expect(run.log).toContain(
      'Current version: 2.6.0   Bump: minor (2 features, 3 fixes)   New version: 2.7.0',
    );
    expect(run.log).toContain(`Tag v2.7.0 (annotated) at ${w.mergeSha} created`);
    expect(run.outputs).toMatchObject({
      version: '2.7.0',
      'previous-version': '2.6.0',
      tag: 'v2.7.0',
      bump: 'minor',
    });
    await expectOneRelease(w);

    const tag = (await w.emu.git.tags())['v2.7.0']!;
    expect(tag.message).toMatch(
      /^v2\.7\.0\n\n## \[2\.7\.0\] - \d{4}-\d{2}-\d{2}\n\n### Added\n\n- \*\*search:\*\* fuzzy matching/,
    );
    const changelog = (await w.emu.git.readFile('main', 'CHANGELOG.md'))!;
    expect(changelog).toMatch(
      /## \[Unreleased\]\n\n## \[2\.7\.0\] - \d{4}-\d{2}-\d{2}\n\n### Added\n\n- \*\*search:\*\* fuzzy matching \(\[#40\]\(https:\/\/github\.com\/acme\/shop\/pull\/40\)\)\n- CSV export/,
    );
    expect(changelog).toContain(
      '### Fixed\n\n- crash on empty cart ([#41](https://github.com/acme/shop/pull/41))\n- header alignment ([#43](https://github.com/acme/shop/pull/43))\n- faster index ([#44](https://github.com/acme/shop/pull/44))',
    );
    expect(changelog).toContain('[2.7.0]: https://github.com/acme/shop/compare/v2.6.0...v2.7.0');
    const body = w.emu.state.releases[0]!.body!;
    expect(body.startsWith('### Added\n\n- **search:** fuzzy matching')).toBe(true);
    expect(body).toContain('### Production smoke seal\n\n🟢 **green**');
    expect(body).toContain(
      '**Full changelog**: [v2.6.0...v2.7.0](https://github.com/acme/shop/compare/v2.6.0...v2.7.0)',
    );
    expect(run.summary).toContain('## Shipped v2.7.0');

    w.emu.resetCounters();
    const again = await ship(w);
    expect(again.exitCode).toBe(0);
    expect(w.emu.countRequests({ writes: true })).toBe(0);
    expect(again.outputs).toMatchObject({
      version: '2.7.0',
      tag: 'v2.7.0',
      'release-url': run.outputs['release-url'],
    });
    await expectOneRelease(w);
  });

  const WRITES = [
    'git/create-tree',
    'git/create-commit',
    'git/update-ref',
    'git/create-tag',
    'git/create-ref',
    'repos/create-release',
  ];
  // On every write: the write lands but its answer is lost (the retry must find it, not double
  // it), and the write fails more often than the client retries (the run stops after the writes
  // before it; the re-run finishes the job). A retried 5xx or secondary rate limit on each write
  // is the reliability suite's: a sample in `npm test` (test/reliability/faults.test.ts), every
  // endpoint in `npm run test:reliability`.
  const cases = WRITES.flatMap((op) => [
    { op, kind: 'lost-response' as FaultKind, times: 1 },
    { op, kind: '5xx' as FaultKind, times: 4 },
  ]);

  test.each(cases)(
    '$kind x$times on $op still ends with one tag, one release, one changelog entry',
    async ({ op, kind, times }) => {
      const fault = w.emu.faults.inject({ operationId: op, kind, times });
      const first = await ship(w);
      expect(fault.hits).toBe(times);
      if (times > 1) {
        expect(first.exitCode).not.toBe(0);
        const rerun = await ship(w);
        expect(rerun.exitCode).toBe(0);
      } else {
        expect(first.exitCode).toBe(0);
      }
      await expectOneRelease(w);
    },
  );
});
