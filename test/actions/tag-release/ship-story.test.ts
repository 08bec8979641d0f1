import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitHubClient } from '@promote/core/github/client';
import { memoryLogger } from '@promote/core/logger';
import { startWebhookReceiver } from '../../support/webhook-receiver.js';
import { HttpError } from '../../support/emulator/errors.js';
import { gitDataRoutes } from '../../support/emulator/routes/git-data.js';
import { createReleaseWorld, type ReleaseWorld } from './world.js';

const CHANGELOG = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '## [2.6.0] - 2026-10-01',
  '',
  '### Fixed',
  '',
  '- older fix',
  '',
  '[Unreleased]: https://github.com/acme/shop/compare/v2.6.0...HEAD',
  '[2.6.0]: https://github.com/acme/shop/compare/v2.5.0...v2.6.0',
  '',
].join('\n');

/** v2.6.0 on main, then a promotion PR with 2 features and 3 fixes merged with a merge commit. */
function promotionHistory(w: ReleaseWorld): { mergeSha: string; headSha: string } {
  const { h } = w;
  h.commit('docs: changelog', { file: 'CHANGELOG.md', content: CHANGELOG });
  h.commit('chore: package', {
    file: 'package.json',
    content: '{\n  "name": "shop",\n  "version": "2.6.0"\n}\n',
  });
  h.tag('v2.6.0');
  h.branch('staging');
  h.commit('feat(search): fuzzy matching (#40)');
  h.commit('fix: crash on empty cart (#41)');
  h.commit('feat: CSV export (#42)');
  h.commit('fix: header alignment (#43)');
  const headSha = h.commit('perf: faster index (#44)');
  h.checkout('main');
  h.git([
    'merge',
    '-q',
    '--no-ff',
    '-m',
    'Merge pull request #77 from acme/promote/staging-20261122-2200',
    '-m',
    'Promote staging',
    'staging',
  ]);
  return { mergeSha: h.head(), headSha };
}

let w: ReleaseWorld;
beforeEach(async () => {
  w = await createReleaseWorld();
});
afterEach(async () => {
  await w.close();
});

describe('a merged promotion ships a release', () => {
  test('CHANGELOG commit after the merge, annotated tag on the merge commit, release with notes and seal', async () => {
    const { mergeSha, headSha } = promotionHistory(w);
    w.writeConfig('release:\n  changelog:\n    version-files: [package.json]\n');
    w.publish();
    const r = await w.release(mergeSha, {
      seal: 'green',
      'seal-summary': '12 of 12 checks passed',
      'deployment-url': 'https://shop.example.com',
    });
    expect(r.failed).toBeUndefined();
    expect(r.log).toContain(
      'Current version: 2.6.0   Bump: minor (2 features, 3 fixes)   New version: 2.7.0',
    );
    expect(r.outputs).toMatchObject({
      version: '2.7.0',
      'previous-version': '2.6.0',
      tag: 'v2.7.0',
      bump: 'minor',
    });

    // The tag: annotated, on the merge commit (never the PR head), message holding the changelog.
    const tags = await w.tags();
    expect(tags['v2.7.0']).toMatchObject({ type: 'annotated', sha: mergeSha });
    expect(tags['v2.7.0']?.sha).not.toBe(headSha);
    expect(tags['v2.7.0']?.message).toContain('### Added');
    expect(tags['v2.7.0']?.message).toContain('fuzzy matching');

    // The changelog commit comes right after the merge commit, through the API.
    const head = await w.emu.git.readCommit((await w.emu.git.resolveCommit('main')) as string);
    expect(head?.parents).toEqual([mergeSha]);
    expect(head?.message).toMatch(/^chore\(release\): v2\.7\.0 \[skip ci\]/);
    const changelog = await w.fileOnMain('CHANGELOG.md');
    expect(changelog).toContain(
      [
        '## [Unreleased]',
        '',
        '## [2.7.0] - 2026-11-22',
        '',
        '### Added',
        '',
        '- **search:** fuzzy matching ([#40](https://github.com/acme/shop/pull/40))',
        '- CSV export ([#42](https://github.com/acme/shop/pull/42))',
        '',
        '### Fixed',
        '',
      ].join('\n'),
    );
    expect(changelog).toContain('[2.7.0]: https://github.com/acme/shop/compare/v2.6.0...v2.7.0');
    expect(changelog).toContain('[Unreleased]: https://github.com/acme/shop/compare/v2.7.0...HEAD');
    expect(await w.fileOnMain('package.json')).toContain('"version": "2.7.0"');

    // The release: one, by tag, with the section, the seal and the links.
    expect(w.emu.state.releases).toHaveLength(1);
    const rel = w.emu.state.releases[0]!;
    expect(rel).toMatchObject({
      tag_name: 'v2.7.0',
      name: 'v2.7.0',
      draft: false,
      prerelease: false,
      make_latest: 'true',
    });
    expect(rel.body).toContain('### Added\n\n- **search:** fuzzy matching');
    expect(rel.body).toContain('🟢 **green**\n\n12 of 12 checks passed');
    expect(rel.body).toContain(
      '[v2.6.0...v2.7.0](https://github.com/acme/shop/compare/v2.6.0...v2.7.0)',
    );
    expect(rel.body).toContain('[Deployment](https://shop.example.com)');
    expect(r.outputs['release-url']).toMatch(/\/releases\/tag\/v2\.7\.0$/);
    expect(r.outputs.changelog).toMatch(/^## \[2\.7\.0\] - 2026-11-22\n/);

    // The ship report.
    expect(r.summary).toContain('## Shipped v2.7.0');
    expect(r.summary).toContain(
      'gh workflow run promote-rollback.yml --repo acme/shop -f release=v2.6.0',
    );
  });

  test('a re-run writes nothing and reports the same release', async () => {
    const { mergeSha } = promotionHistory(w);
    w.publish();
    const first = await w.release(mergeSha);
    expect(first.failed).toBeUndefined();
    w.emu.resetCounters();
    const again = await w.release(mergeSha);
    expect(again.failed).toBeUndefined();
    expect(w.emu.countRequests({ writes: true })).toBe(0);
    expect(again.outputs).toMatchObject({
      version: '2.7.0',
      tag: 'v2.7.0',
      'previous-version': '2.6.0',
      'release-url': first.outputs['release-url'],
    });
    expect(again.outputs.changelog).toBe(first.outputs.changelog);
    expect(w.emu.state.releases).toHaveLength(1);
    expect((await w.fileOnMain('CHANGELOG.md'))?.match(/## \[2\.7\.0\]/g)).toHaveLength(1);
  });

  test('dry-run computes and prints everything and writes nothing', async () => {
    const { mergeSha } = promotionHistory(w);
    w.publish();
    w.emu.resetCounters();
    const r = await w.release(mergeSha, { 'dry-run': 'true' });
    expect(r.failed).toBeUndefined();
    expect(w.emu.countRequests({ writes: true })).toBe(0);
    expect(r.outputs).toMatchObject({ version: '2.7.0', tag: 'v2.7.0', 'release-url': '' });
    expect(r.summary).toContain('## Dry run: would ship v2.7.0');
    expect(r.log.join('\n')).toContain('### Added');
    expect(await w.tags()).not.toHaveProperty('v2.7.0');
  });

  test('nothing release-worthy since the last tag: no tag, no release, bump none', async () => {
    w.h.tag('v1.0.0');
    w.h.commit('docs: readme');
    const sha = w.h.commit('chore: deps');
    w.publish();
    const r = await w.release(sha);
    expect(r.failed).toBeUndefined();
    expect(r.outputs).toMatchObject({ version: '', bump: 'none', tag: '' });
    expect(Object.keys(await w.tags())).toEqual(['v1.0.0']);
    expect(w.emu.state.releases).toHaveLength(0);
  });
});

describe('version files ahead of the release', () => {
  test('the first release after adopting Promote with package.json at 1.4.0 and no tag: refused, nothing written', async () => {
    w.h.commit('chore: package', {
      file: 'package.json',
      content: '{\n  "name": "shop",\n  "version": "1.4.0"\n}\n',
    });
    const sha = w.h.commit('feat: saved carts (#12)');
    w.writeConfig('release:\n  changelog:\n    version-files: [package.json]\n');
    w.publish();
    w.emu.resetCounters();
    const r = await w.release(sha);
    expect(r.failed).toContain(
      'release.changelog.version-files: package.json is at 1.4.0, above the version being released (0.1.0)',
    );
    expect(r.failed).toContain('set release.first-version above 1.4.0');
    expect(w.emu.countRequests({ writes: true })).toBe(0);
    expect(await w.tags()).toEqual({});
    expect(await w.fileOnMain('package.json')).toContain('"version": "1.4.0"');
  });
});

describe('tags that already exist', () => {
  test('the tag at another commit fails and names both SHAs', async () => {
    const { mergeSha } = promotionHistory(w);
    const elsewhere = w.h.head('v2.6.0');
    // Someone tagged v2.7.0 by hand on v2.6.0's commit; this release asks for 2.7.0 explicitly.
    w.h.tag('v2.7.0', elsewhere);
    w.writeConfig('release:\n  changelog:\n    mode: skip\n');
    w.publish();
    const r = await w.release(mergeSha, { version: '2.7.0' });
    expect(r.failed).toContain(
      `tag v2.7.0 already exists at ${elsewhere}, but this release is ${mergeSha}`,
    );
    expect(w.emu.state.releases).toHaveLength(0);
  });
});

describe('branch protection', () => {
  test('a protected production branch refuses the CHANGELOG commit (the default mode): the merge commit is still tagged and released, the changelog comes as a pull request, and the summary says why', async () => {
    const { mergeSha } = promotionHistory(w);
    w.publish();
    w.protectedBranches.add('main');
    const r = await w.release(mergeSha);
    expect(r.failed).toBeUndefined();
    expect((await w.tags())['v2.7.0']?.sha).toBe(mergeSha);
    expect(w.emu.state.releases).toEqual([
      expect.objectContaining({ tag_name: 'v2.7.0', body: expect.stringContaining('CSV export') }),
    ]);
    // main is untouched; the changelog waits in a pull request into it.
    expect(await w.fileOnMain('CHANGELOG.md')).not.toContain('## [2.7.0]');
    const prs = w.emu.state.pulls.filter((p) => p.state === 'open');
    expect(prs).toEqual([
      expect.objectContaining({ title: 'chore(release): changelog for v2.7.0' }),
    ]);
    expect(await w.emu.git.readFile('promote/changelog-v2.7.0', 'CHANGELOG.md')).toContain(
      '## [2.7.0] - 2026-11-22',
    );
    const why =
      'main refused the direct changelog commit (422 Protected branch update failed for refs/heads/main. Changes must be made through a pull request.';
    expect(r.summary).toContain(why);
    expect(r.log.join('\n')).toMatch(
      /::warning::main refused the direct changelog commit .*: opening the changelog as a pull request instead; the tag and the release go ahead\./,
    );
    // A re-run finds the tag, the release and the changelog PR, and writes nothing.
    w.emu.resetCounters();
    const again = await w.release(mergeSha);
    expect(again.failed).toBeUndefined();
    expect(w.emu.countRequests({ writes: true })).toBe(0);
    expect(w.emu.state.pulls.filter((p) => p.state === 'open')).toHaveLength(1);
  });

  test('a ruleset requiring pull requests refuses the commit the same way: tag, release and a changelog PR', async () => {
    await w.close();
    w = await createReleaseWorld({
      routes: {
        // GitHub's answer when a ruleset blocks a direct update of the branch.
        'git/update-ref': async (ctx) => {
          if (String(ctx.params.ref) === 'heads/main') {
            throw new HttpError(
              422,
              'Repository rule violations found\n\nChanges must be made through a pull request.\n\n',
            );
          }
          return gitDataRoutes['git/update-ref']!(ctx);
        },
      },
    });
    const { mergeSha } = promotionHistory(w);
    w.publish();
    const r = await w.release(mergeSha);
    expect(r.failed).toBeUndefined();
    expect((await w.tags())['v2.7.0']?.sha).toBe(mergeSha);
    expect(w.emu.state.releases).toHaveLength(1);
    expect(w.emu.state.pulls.filter((p) => p.state === 'open')).toHaveLength(1);
    expect(r.summary).toContain('Repository rule violations found');
  });

  test('when the changelog pull request cannot be opened either, the release still happens and the summary says what to fix', async () => {
    await w.close();
    w = await createReleaseWorld({
      routes: {
        'pulls/create': () => {
          throw new HttpError(403, 'Resource not accessible by integration');
        },
      },
    });
    const { mergeSha } = promotionHistory(w);
    w.publish();
    w.protectedBranches.add('main');
    const r = await w.release(mergeSha);
    expect(r.failed).toBeUndefined();
    expect((await w.tags())['v2.7.0']?.sha).toBe(mergeSha);
    expect(w.emu.state.releases).toHaveLength(1);
    expect(r.summary).toContain('not written (main refused the direct changelog commit');
    expect(r.summary).toContain('give the token pull-requests: write');
    // A re-run (the token still cannot open PRs) ends the same way, green.
    const again = await w.release(mergeSha);
    expect(again.failed).toBeUndefined();
    expect(again.summary).toContain('give the token pull-requests: write');
  });

  test('changelog.mode pull-request opens a changelog PR and still tags and releases', async () => {
    const { mergeSha } = promotionHistory(w);
    w.writeConfig('release:\n  changelog:\n    mode: pull-request\n');
    w.publish();
    w.protectedBranches.add('main');
    const r = await w.release(mergeSha);
    expect(r.failed).toBeUndefined();
    const prs = w.emu.state.pulls.filter((p) => p.state === 'open');
    expect(prs).toHaveLength(1);
    expect(prs[0]).toMatchObject({ title: 'chore(release): changelog for v2.7.0' });
    expect(await w.emu.git.readFile('promote/changelog-v2.7.0', 'CHANGELOG.md')).toContain(
      '## [2.7.0] - 2026-11-22',
    );
    expect((await w.tags())['v2.7.0']?.sha).toBe(mergeSha);
    expect(w.emu.state.releases).toHaveLength(1);
    // A re-run finds the PR and changes nothing.
    w.emu.resetCounters();
    expect((await w.release(mergeSha)).failed).toBeUndefined();
    expect(w.emu.countRequests({ writes: true })).toBe(0);
  });
});

describe('prereleases and notifications', () => {
  test('a prerelease is never marked latest', async () => {
    const { mergeSha } = promotionHistory(w);
    w.writeConfig('release:\n  changelog:\n    mode: skip\n');
    w.publish();
    const r = await w.release(mergeSha, { prerelease: 'rc' });
    expect(r.outputs.version).toBe('2.7.0-rc.0');
    expect(w.emu.state.releases[0]).toMatchObject({
      tag_name: 'v2.7.0-rc.0',
      prerelease: true,
      make_latest: 'false',
    });
  });

  test('chat hears about a release once, even when the step is re-run', async () => {
    const chat = await startWebhookReceiver();
    try {
      const { mergeSha } = promotionHistory(w);
      w.writeConfig('notify:\n  slack:\n    webhook-env: SLACK_WEBHOOK_URL\n');
      w.publish();
      const env = { SLACK_WEBHOOK_URL: chat.hook('/slack') };
      expect((await w.release(mergeSha, { seal: 'green' }, env)).failed).toBeUndefined();
      expect((await w.release(mergeSha, { seal: 'green' }, env)).failed).toBeUndefined();
      const got = chat.on('/slack');
      expect(got).toHaveLength(1);
      expect(JSON.stringify(got[0]?.json)).toContain('v2.7.0');
    } finally {
      await chat.close();
    }
  });
});

describe('where the history is read', () => {
  test('a full clone answers tags and commits: no compare or tag-list requests, same release', async () => {
    const { mergeSha } = promotionHistory(w);
    w.publish();
    w.emu.resetCounters();
    const r = await w.release(mergeSha, {}, { GITHUB_WORKSPACE: w.h.dir });
    expect(r.failed).toBeUndefined();
    expect(r.log).toContain('Reading tags and commits from the checkout (full clone).');
    expect(r.outputs).toMatchObject({ version: '2.7.0', 'previous-version': '2.6.0' });
    expect(w.emu.countRequests({ operationId: 'repos/compare-commits-with-basehead' })).toBe(0);
    expect(w.emu.countRequests({ operationId: 'repos/list-tags' })).toBe(0);
    expect((await w.tags())['v2.7.0']).toMatchObject({ type: 'annotated', sha: mergeSha });
  });

  test('a production branch that moved past the checkout still gets the changelog on its new head', async () => {
    const { mergeSha } = promotionHistory(w);
    w.publish();
    // Someone merged a docs fix after the checkout: the clone does not know the new head.
    const moved = await w.emu.git.commit({
      branch: 'main',
      message: 'docs: typo',
      files: { 'docs/x.md': 'x\n' },
    });
    const r = await w.release(mergeSha, {}, { GITHUB_WORKSPACE: w.h.dir });
    expect(r.failed).toBeUndefined();
    const head = await w.emu.git.readCommit((await w.emu.git.resolveCommit('main')) as string);
    expect(head?.parents).toEqual([moved]);
    expect(await w.fileOnMain('CHANGELOG.md')).toContain('## [2.7.0] - 2026-11-22');
    expect((await w.tags())['v2.7.0']?.sha).toBe(mergeSha);
  });

  test('a shallow checkout falls back to the API, and history: git refuses it with the fix', async () => {
    const { mergeSha } = promotionHistory(w);
    w.publish();
    const shallow = `${w.workspace}/shallow`;
    w.h.git(['clone', '-q', '--depth', '1', `file://${w.h.dir}`, shallow]);
    const refused = await w.release(
      mergeSha,
      { history: 'git', 'dry-run': 'true' },
      { GITHUB_WORKSPACE: shallow },
    );
    expect(refused.failed).toContain('the checkout is shallow (use fetch-depth: 0)');
    const r = await w.release(mergeSha, { 'dry-run': 'true' }, { GITHUB_WORKSPACE: shallow });
    expect(r.failed).toBeUndefined();
    expect(r.log).toContain(
      'Reading tags and commits through the API (the checkout is shallow (use fetch-depth: 0)).',
    );
    expect(r.outputs.version).toBe('2.7.0');
  });
});

describe('labels decide the bump', () => {
  test('labels are read from the API on the PRs merged since the last release', async () => {
    const { h } = w;
    h.tag('v1.4.0');
    h.branch('docs-update');
    h.commit('docs: clarify setup');
    h.checkout('main');
    h.branch('config-rework');
    h.commit('refactor: new loader');
    h.checkout('main');
    w.publish();
    const gh = createGitHubClient({
      token: 'setup-token',
      logger: memoryLogger(),
      baseUrl: w.emu.url,
    });
    const repo = { owner: 'acme', repo: 'shop' };
    const docs = await gh.rest.pulls.create({
      ...repo,
      head: 'docs-update',
      base: 'main',
      title: 'Update docs',
    });
    const rework = await gh.rest.pulls.create({
      ...repo,
      head: 'config-rework',
      base: 'main',
      title: 'Rework config loader',
    });
    await gh.rest.issues.addLabels({
      ...repo,
      issue_number: docs.data.number,
      labels: ['documentation'],
    });
    await gh.rest.issues.addLabels({
      ...repo,
      issue_number: rework.data.number,
      labels: ['release:major'],
    });
    h.squashPullRequest('docs-update', docs.data.number, 'Update docs');
    const merge = h.squashPullRequest('config-rework', rework.data.number, 'Rework config loader');
    w.writeConfig('release:\n  version-source: labels\n  changelog:\n    mode: skip\n');
    w.publish();
    const r = await w.release(merge);
    expect(r.failed).toBeUndefined();
    expect(r.outputs).toMatchObject({
      version: '2.0.0',
      bump: 'major',
      'previous-version': '1.4.0',
    });
    expect(w.emu.countRequests({ operationId: 'issues/get' })).toBe(2);
  });
});

describe('no full clone: a treeless fetch instead of compare pages', () => {
  /** The emulator as the git server too (its API under /api/v3, GitHub Enterprise Server's layout). */
  const served = (w: ReleaseWorld, workspace: string, runnerTemp: string) => ({
    GITHUB_WORKSPACE: workspace,
    GITHUB_SERVER_URL: w.emu.url,
    GITHUB_API_URL: `${w.emu.url}/api/v3`,
    RUNNER_TEMP: runnerTemp,
  });

  test('a shallow checkout: tags and commits come from git, no compare or tag-list request, the token only in a header, nothing left behind', async () => {
    const { mergeSha } = promotionHistory(w);
    w.publish();
    const shallow = `${w.workspace}/shallow`;
    w.h.git(['clone', '-q', '--depth', '1', `file://${w.h.dir}`, shallow]);
    const temp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
    w.emu.resetCounters();

    const r = await w.release(mergeSha, {}, served(w, shallow, temp));

    expect(r.failed).toBeUndefined();
    expect(r.log).toContain(
      `Reading tags and commits from a treeless fetch of ${w.emu.url}/acme/shop.git (the checkout is shallow (use fetch-depth: 0); commits and tags only, no REST requests).`,
    );
    expect(r.outputs).toMatchObject({ version: '2.7.0', 'previous-version': '2.6.0' });
    expect(w.emu.countRequests({ operationId: 'repos/compare-commits-with-basehead' })).toBe(0);
    expect(w.emu.countRequests({ operationId: 'repos/list-commits' })).toBe(0);
    expect(w.emu.countRequests({ operationId: 'repos/list-tags' })).toBe(0);
    const git = w.emu.filterRequests({ git: true });
    expect(git.length).toBeGreaterThan(0);
    expect(git.every((q) => q.token === 'job-github-token' && q.status === 200)).toBe(true);
    expect(git.some((q) => `${q.path}${q.query}`.includes('job-github-token'))).toBe(false);
    expect(r.log.join('\n')).not.toContain('job-github-token');
    expect((await w.tags())['v2.7.0']).toMatchObject({ type: 'annotated', sha: mergeSha });
    // The fetched repository is removed; the shallow checkout is untouched.
    expect(readdirSync(temp)).toEqual([]);
    expect(w.h.git(['-C', shallow, 'rev-parse', '--is-shallow-repository'])).toBe('true');
    rmSync(temp, { recursive: true, force: true });
  });

  test('a git server that fails: the API answers instead, same release, and the log says why', async () => {
    const { mergeSha } = promotionHistory(w);
    w.publish();
    const temp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
    w.emu.faults.inject({ path: /\.git\//, kind: '5xx', status: 503, times: 10 });

    const r = await w.release(mergeSha, { 'dry-run': 'true' }, served(w, w.workspace, temp));

    expect(r.failed).toBeUndefined();
    expect(
      r.log.some((l) => l.startsWith('No treeless fetch of the history: git fetch failed')),
    ).toBe(true);
    expect(r.log).toContain(
      'Reading tags and commits through the API (no git checkout in the workspace).',
    );
    expect(r.outputs.version).toBe('2.7.0');
    expect(
      w.emu.countRequests({ operationId: 'repos/compare-commits-with-basehead' }),
    ).toBeGreaterThan(0);
    expect(readdirSync(temp)).toEqual([]);
    rmSync(temp, { recursive: true, force: true });
  });
});
