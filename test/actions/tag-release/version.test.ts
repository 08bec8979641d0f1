import {
  releaseSection,
  type ReleaseConfig,
} from '../../../packages/core/src/config/sections/release.js';
import { decideVersion, versionLogLine } from '../../../actions/tag-release/src/release-plan.js';
import { createGitHistory, type GitHistory } from '../../support/git-history.js';

function config(overrides: Record<string, unknown> = {}): ReleaseConfig {
  return releaseSection().parse(overrides);
}

let h: GitHistory;
beforeEach(() => {
  h = createGitHistory();
});
afterEach(() => h.cleanup());

async function decide(
  overrides: Record<string, unknown> = {},
  extra: Partial<Parameters<typeof decideVersion>[1]> = {},
) {
  return decideVersion(h.releaseHistory(), {
    targetSha: h.head(),
    config: config(overrides),
    ...extra,
  });
}

const visible = (d: Awaited<ReturnType<typeof decide>>) =>
  d.analysis.commits.filter((c) => c.heading).map((c) => `${c.heading}: ${c.parsed.subject}`);

describe('next version from conventional commits', () => {
  test('the first release is 0.1.0 unless configured', async () => {
    h.commit('feat: search');
    expect((await decide()).version).toBe('0.1.0');
    expect((await decide({ 'first-version': '1.0.0' })).version).toBe('1.0.0');
    expect((await decide()).previous).toBeNull();
  });

  test('two features and three fixes since 2.6.0 give 2.7.0, logged as the issue shows', async () => {
    h.tag('v2.6.0');
    h.commit('feat: search');
    h.commit('fix: crash on empty query');
    h.commit('feat(ui): dark mode');
    h.commit('fix: typo in footer');
    h.commit('perf: faster index');
    h.commit('docs: readme');
    const d = await decide();
    expect(d).toMatchObject({
      status: 'release',
      version: '2.7.0',
      tag: 'v2.7.0',
      bump: 'minor',
      currentVersion: '2.6.0',
    });
    expect(d.previous?.tag).toBe('v2.6.0');
    expect(versionLogLine(d)).toBe(
      'Current version: 2.6.0   Bump: minor (2 features, 3 fixes)   New version: 2.7.0',
    );
  });

  test('only fixes bump the patch; only chores and docs release nothing', async () => {
    h.tag('v2.6.0');
    h.commit('chore: deps');
    h.commit('docs: typo');
    expect(await decide()).toMatchObject({ status: 'nothing', version: null, bump: 'none' });
    h.commit('fix: null check');
    expect((await decide()).version).toBe('2.6.1');
  });

  test('a BREAKING CHANGE footer bumps the major', async () => {
    h.tag('v2.6.0');
    h.commit('feat: new auth\n\nBREAKING CHANGE: sessions from 2.x are invalid');
    const d = await decide();
    expect(d).toMatchObject({ version: '3.0.0', bump: 'major' });
    expect(versionLogLine(d)).toContain('Bump: major (1 breaking change, 1 feature)');
  });

  test('a `!` after the type bumps the major, even on a refactor', async () => {
    h.tag('v2.6.0');
    h.commit('refactor(api)!: rename /v1 routes');
    expect((await decide()).version).toBe('3.0.0');
  });

  test('in 0.x a breaking change bumps the minor unless major-on-zero', async () => {
    h.tag('v0.4.2');
    h.commit('feat!: drop legacy config');
    expect((await decide()).version).toBe('0.5.0');
    expect((await decide({ 'major-on-zero': true })).version).toBe('1.0.0');
  });
});

describe('merges and squash merges', () => {
  test('a merge commit with a conventional PR title stands for the commits it brought in', async () => {
    h.tag('v1.0.0');
    h.branch('feature/search');
    h.commit('wip');
    h.commit('fix: typo in search');
    h.mergePullRequest('feature/search', 12, 'feat(search): fuzzy matching');
    const d = await decide();
    expect(d.version).toBe('1.1.0');
    expect(visible(d)).toEqual(['Added: fuzzy matching']);
    expect(d.analysis.commits.find((c) => c.parsed.header === 'fix: typo in search')?.status).toBe(
      'covered-by-merge',
    );
  });

  test('a breaking footer inside a merged branch still bumps the major', async () => {
    h.tag('v1.0.0');
    h.branch('feature/auth');
    h.commit('feat: tokens\n\nBREAKING-CHANGE: old tokens rejected');
    h.mergePullRequest('feature/auth', 13, 'feat: token auth');
    expect((await decide()).version).toBe('2.0.0');
  });

  test('a merge commit without a conventional title lets the branch commits speak', async () => {
    h.tag('v1.0.0');
    h.branch('staging');
    h.commit('fix: rounding');
    h.checkout('main');
    h.commit('docs: changelog note');
    h.git(['merge', '-q', '--no-ff', '-m', "Merge branch 'staging'", 'staging']);
    const d = await decide();
    expect(d.version).toBe('1.0.1');
    expect(visible(d)).toEqual(['Fixed: rounding']);
  });

  test('PRs merged into staging, then promoted with a merge commit: each PR title is listed, none swallows another', async () => {
    h.tag('v1.0.0');
    h.branch('staging');
    h.branch('feature/search');
    h.commit('wip search');
    h.mergePullRequest('feature/search', 31, 'feat(search): fuzzy matching', 'staging');
    h.branch('fix/retry');
    h.commit('wip retry');
    h.mergePullRequest('fix/retry', 32, 'fix: retry on timeout', 'staging');
    h.checkout('main');
    h.mergePullRequest('staging', 33, 'Promote staging');
    const d = await decide();
    expect(d.version).toBe('1.1.0');
    expect(visible(d)).toEqual(['Added: fuzzy matching', 'Fixed: retry on timeout']);
  });

  test('a squash merge "(#123)" counts once and names its PR', async () => {
    h.tag('v1.0.0');
    h.branch('feature/export');
    h.commit('wip');
    h.commit('more wip');
    h.squashPullRequest('feature/export', 123, 'feat: CSV export');
    const d = await decide();
    expect(d.version).toBe('1.1.0');
    const counted = d.analysis.commits.filter((c) => c.status === 'counted' && c.heading);
    expect(counted).toHaveLength(1);
    expect(counted[0]?.parsed.pullRequest).toBe(123);
  });
});

describe('reverts', () => {
  test('a revert cancels the feature it reverts in the same range', async () => {
    h.tag('v1.0.0');
    const feat = h.commit('feat: risky cache');
    h.commit('fix: header alignment');
    h.revert(feat);
    const d = await decide();
    expect(d.version).toBe('1.0.1');
    expect(visible(d)).toEqual(['Fixed: header alignment']);
  });

  test('a revert of a revert brings the feature back', async () => {
    h.tag('v1.0.0');
    const feat = h.commit('feat: risky cache');
    const rev = h.revert(feat);
    h.revert(rev);
    const d = await decide();
    expect(d.version).toBe('1.1.0');
    expect(visible(d)).toEqual(['Added: risky cache']);
  });

  test('a revert of a feature that already shipped is a patch listed as Removed', async () => {
    const feat = h.commit('feat: beta banner');
    h.tag('v1.1.0');
    h.revert(feat);
    const d = await decide();
    expect(d.version).toBe('1.1.1');
    expect(visible(d)).toEqual(['Removed: Revert "feat: beta banner"']);
  });

  test('reverting a merged PR takes its branch commits with it', async () => {
    h.tag('v1.0.0');
    h.branch('feature/x');
    h.commit('feat: x part 1');
    h.commit('feat!: x part 2');
    const merge = h.mergePullRequest('feature/x', 20, 'Add x');
    h.commit('fix: unrelated');
    h.revert(merge);
    const d = await decide();
    expect(d.version).toBe('1.0.1');
    expect(visible(d)).toEqual(['Fixed: unrelated']);
  });
});

describe('prereleases', () => {
  test('rc.0, then rc.1, then the stable release with notes since the last stable', async () => {
    h.tag('v2.6.0');
    h.commit('feat: search');
    const rc0 = await decide({ prerelease: 'rc' });
    expect(rc0).toMatchObject({ version: '2.7.0-rc.0', prerelease: true, tag: 'v2.7.0-rc.0' });
    h.tag('v2.7.0-rc.0');
    h.commit('fix: search paging');
    const rc1 = await decide({ prerelease: 'rc' });
    expect(rc1.version).toBe('2.7.0-rc.1');
    expect(rc1.previous?.tag).toBe('v2.7.0-rc.0');
    expect(visible(rc1)).toEqual(['Fixed: search paging']);
    h.tag('v2.7.0-rc.1');
    h.commit('fix: last bug');
    const stable = await decide();
    expect(stable).toMatchObject({ version: '2.7.0', prerelease: false, currentVersion: '2.6.0' });
    expect(stable.previous?.tag).toBe('v2.6.0');
    expect(visible(stable)).toEqual(['Added: search', 'Fixed: search paging', 'Fixed: last bug']);
  });

  test('a breaking change after rc.0 of a minor moves the candidate to the next major', async () => {
    h.tag('v2.6.0');
    h.commit('feat: a');
    h.tag('v2.7.0-rc.0');
    h.commit('feat!: b');
    expect((await decide({ prerelease: 'rc' })).version).toBe('3.0.0-rc.0');
  });
});

describe('which tag is the last release', () => {
  test('only tags with the configured prefix count', async () => {
    h.tag('v9.0.0');
    h.tag('api/v1.2.0');
    h.tag('api/vnext', 'HEAD', { lightweight: true });
    h.commit('feat(api): pagination');
    const d = await decide({ 'tag-prefix': 'api/v' });
    expect(d).toMatchObject({ version: '1.3.0', tag: 'api/v1.3.0', currentVersion: '1.2.0' });
  });

  test('a higher, newer tag that is not on the branch is ignored', async () => {
    h.tag('v2.6.0');
    h.branch('hotfix/old');
    h.commit('fix: hotfix only on this branch');
    h.tag('v3.0.1');
    h.checkout('main');
    h.commit('fix: on main');
    const d = await decide();
    expect(d.currentVersion).toBe('2.6.0');
    expect(d.version).toBe('2.6.1');
  });

  test('with 150 tags the highest semver wins, not the first 100 nor string order', async () => {
    const shas = h.appendCommits(150, (i) => `fix: bug ${i}`);
    h.tagMany(shas.map((sha, i) => ({ name: `v1.${i}.0`, sha })));
    // v1.99.0 sorts after v1.149.0 as text; semver says 1.149.0.
    h.commit('feat: after all those');
    const history = h.releaseHistory();
    const d = await decideVersion(history, { targetSha: h.head(), config: config() });
    expect(d.currentVersion).toBe('1.149.0');
    expect(d.version).toBe('1.150.0');
    // Highest first, stop at the first reachable: one ancestry check, not 150.
    expect(history.calls.isAncestor).toBe(1);
  });

  test('a re-run on an already tagged commit finishes that release instead of making a new one', async () => {
    h.tag('v2.6.0');
    h.commit('feat: search');
    h.tag('v2.7.0');
    const d = await decide();
    expect(d).toMatchObject({
      status: 'already-tagged',
      version: '2.7.0',
      currentVersion: '2.6.0',
    });
    expect(visible(d)).toEqual(['Added: search']);
  });
});

describe('labels and explicit input', () => {
  test('labels on the merged PRs decide the bump when configured', async () => {
    h.tag('v1.4.0');
    h.branch('a');
    h.commit('docs: x');
    h.squashPullRequest('a', 31, 'Update docs');
    h.branch('b');
    h.commit('refactor: y');
    h.squashPullRequest('b', 32, 'Rework config loader');
    const labels = new Map([
      [31, ['documentation']],
      [32, ['release:major', 'area:config']],
    ]);
    const d = await decideVersion(h.releaseHistory(labels), {
      targetSha: h.head(),
      config: config({ 'version-source': 'labels' }),
    });
    expect(d).toMatchObject({ version: '2.0.0', source: 'labels' });
  });

  test('an explicit version or bump input wins', async () => {
    h.tag('v1.4.0');
    h.commit('fix: x');
    expect((await decide({}, { bump: 'minor' })).version).toBe('1.5.0');
    expect((await decide({}, { version: '4.0.0' })).version).toBe('4.0.0');
    await expect(decide({}, { version: 'v4' })).rejects.toThrow(
      'version: "v4" is not a semantic version',
    );
    await expect(decide({ 'version-source': 'input' })).rejects.toThrow(
      'neither the `version` nor the `bump` input',
    );
  });
});
