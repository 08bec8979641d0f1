// One app of a monorepo (issue #20): its version line is the tags with its own prefix, and its
// next version comes from the commits that change its paths only, read from a real git history.
import { parseConfig } from '../../../packages/core/src/config/parse.js';
import { ConfigurationError } from '../../../packages/core/src/errors.js';
import { decideVersion } from '../../../actions/tag-release/src/release-plan.js';
import { releaseConfigFor } from '../../../actions/tag-release/src/release-config.js';
import { prunePathspecs } from '../../../actions/tag-release/src/app-paths.js';
import type { ReleaseHistory } from '../../../actions/tag-release/src/history.js';
import { createGitHistory, type GitHistory } from '../../support/git-history.js';

const MONOREPO = `
release:
  tag-prefix: v
apps:
  api:
    paths: [apps/api/**, packages/shared/**]
  worker:
    paths: [apps/worker/**]
`;

const inputs = (more: Partial<Parameters<typeof releaseConfigFor>[1]> = {}) => ({
  app: undefined,
  stage: undefined,
  tagPrefix: undefined,
  changelogMode: undefined,
  ...more,
});

let h: GitHistory;
beforeEach(() => {
  h = createGitHistory();
});
afterEach(() => h.cleanup());

/** api-v1.0.0, worker-v2.0.0 and the repository's own v3.0.0 on one commit, then `commits`. */
function monorepo(): void {
  h.commit('feat(api): first endpoint', { file: 'apps/api/index.ts' });
  h.commit('feat(worker): first job', { file: 'apps/worker/index.ts' });
  h.tag('api-v1.0.0');
  h.tag('worker-v2.0.0');
  h.tag('v3.0.0');
}

async function decide(app: string, yaml = MONOREPO, history?: ReleaseHistory) {
  const config = releaseConfigFor(parseConfig(yaml), inputs({ app }));
  return decideVersion(history ?? h.releaseHistory(), {
    targetSha: h.head(),
    config: config.release,
    app: config.app,
  });
}

const listed = (d: Awaited<ReturnType<typeof decide>>) =>
  d.analysis.commits.filter((c) => c.heading).map((c) => `${c.heading}: ${c.parsed.header}`);

describe('an app is released from the commits that change its paths', () => {
  test('a feature in apps/api gives api-v1.1.0; the fix in apps/worker and the root docs are not in it', async () => {
    monorepo();
    h.commit('feat(api): search endpoint (#12)', { file: 'apps/api/search.ts' });
    h.commit('fix(worker): retry a failed job (#13)', { file: 'apps/worker/retry.ts' });
    h.commit('fix: typo in the root readme', { file: 'README.md' });
    const d = await decide('api');
    expect(d).toMatchObject({ status: 'release', version: '1.1.0', tag: 'api-v1.1.0' });
    expect(d.previous?.tag).toBe('api-v1.0.0');
    expect(listed(d)).toEqual(['Added: feat(api): search endpoint (#12)']);
    expect(d.analysis.commits.filter((c) => c.status === 'other-app')).toHaveLength(2);
  });

  test("other apps' tags and the repository's v tags are ignored, however high", async () => {
    monorepo();
    h.commit('fix(worker): retry a failed job', { file: 'apps/worker/retry.ts' });
    h.tag('worker-v9.0.0');
    h.commit('fix(api): timeout', { file: 'apps/api/timeout.ts' });
    const d = await decide('api');
    expect(d).toMatchObject({ version: '1.0.1', tag: 'api-v1.0.1', currentVersion: '1.0.0' });
  });

  test('no commit since its tag touched the app: nothing to release for it, while the other app has a release', async () => {
    monorepo();
    h.commit('feat(api): search endpoint', { file: 'apps/api/search.ts' });
    h.commit('docs: root readme', { file: 'README.md' });
    expect(await decide('worker')).toMatchObject({ status: 'nothing', version: null, tag: null });
    expect(await decide('api')).toMatchObject({ status: 'release', version: '1.1.0' });
  });

  test("a shared package listed in the app's paths counts; dotfiles count too", async () => {
    monorepo();
    h.commit('fix: shared date parsing', { file: 'packages/shared/date.ts' });
    h.commit('feat: an api setting', { file: 'apps/api/.env.example' });
    const d = await decide('api');
    expect(d.version).toBe('1.1.0');
    expect(listed(d)).toEqual(['Fixed: fix: shared date parsing', 'Added: feat: an api setting']);
    expect((await decide('worker')).status).toBe('nothing');
  });

  test('a file moved out of the app counts for both apps', async () => {
    monorepo();
    h.git(['mv', 'apps/api/index.ts', 'apps/worker/from-api.ts']);
    h.git(['commit', '-q', '-m', 'refactor: move the endpoint to the worker']);
    expect((await decide('api')).version).toBe('1.0.1');
    expect((await decide('worker')).version).toBe('2.0.1');
  });

  test("a merged PR's conventional title stands for its commits in the app it changes, and in no other", async () => {
    monorepo();
    h.branch('feature');
    h.commit('feat(api): wip', { file: 'apps/api/export.ts' });
    h.commit('docs: notes', { file: 'docs/export.md' });
    h.checkout('main');
    h.mergePullRequest('feature', 21, 'feat(api): CSV export');
    h.branch('chore');
    h.commit('chore: bump worker deps', { file: 'apps/worker/package.json' });
    h.checkout('main');
    h.mergePullRequest('chore', 22, 'fix(worker): pin a dependency');
    const api = await decide('api');
    expect(listed(api)).toEqual(['Added: feat(api): CSV export']);
    expect(api.version).toBe('1.1.0');
    const worker = await decide('worker');
    expect(listed(worker)).toEqual(['Fixed: fix(worker): pin a dependency']);
    expect(worker.version).toBe('2.0.1');
  });

  test('PRs merged into staging, then the promotion merged into main: each app lists its own PRs', async () => {
    monorepo();
    h.branch('staging');
    h.branch('api-search');
    h.commit('feat(api): wip search', { file: 'apps/api/search.ts' });
    h.mergePullRequest('api-search', 31, 'feat(api): search', 'staging');
    h.branch('worker-retry');
    h.commit('fix(worker): wip retry', { file: 'apps/worker/retry.ts' });
    h.mergePullRequest('worker-retry', 32, 'fix(worker): retry', 'staging');
    h.checkout('main');
    h.mergePullRequest('staging', 33, 'Promote staging');
    const api = await decide('api');
    expect(listed(api)).toEqual(['Added: feat(api): search']);
    expect(api.version).toBe('1.1.0');
    const worker = await decide('worker');
    expect(listed(worker)).toEqual(['Fixed: fix(worker): retry']);
    expect(worker.version).toBe('2.0.1');
  });

  test('two api PRs merged into staging, then promoted: both titles in api, neither in worker', async () => {
    monorepo();
    h.branch('staging');
    h.branch('api-search');
    h.commit('feat(api): wip search', { file: 'apps/api/search.ts' });
    h.mergePullRequest('api-search', 41, 'feat(api): search', 'staging');
    h.branch('api-limits');
    h.commit('fix(api): wip limits', { file: 'apps/api/limits.ts' });
    h.mergePullRequest('api-limits', 42, 'fix(api): rate limits', 'staging');
    h.checkout('main');
    h.mergePullRequest('staging', 43, 'Promote staging');
    expect(listed(await decide('api'))).toEqual([
      'Added: feat(api): search',
      'Fixed: fix(api): rate limits',
    ]);
    expect((await decide('worker')).status).toBe('nothing');
  });

  test('the first release of an app counts only its own commits since the beginning', async () => {
    h.commit('feat(worker): first job', { file: 'apps/worker/index.ts' });
    h.commit('fix(api): first endpoint', { file: 'apps/api/index.ts' });
    const d = await decide('api');
    expect(d).toMatchObject({ status: 'release', version: '0.1.0', tag: 'api-v0.1.0' });
    expect(listed(d)).toEqual(['Fixed: fix(api): first endpoint']);
  });

  test('a history source that cannot tell which commits changed the app (the API) is refused', async () => {
    monorepo();
    h.commit('feat(api): search', { file: 'apps/api/search.ts' });
    const { commitsTouching: _none, ...api } = h.releaseHistory();
    await expect(decide('api', MONOREPO, api)).rejects.toThrow(
      /releasing app api needs the files each commit changes/,
    );
  });
});

describe('the config of an app release', () => {
  test("an app's own prefix and changelog, unless the inputs say otherwise", () => {
    const config = parseConfig(MONOREPO);
    const api = releaseConfigFor(config, inputs({ app: 'api' }));
    expect(api.release['tag-prefix']).toBe('api-v');
    expect(api.release.changelog.path).toBe('apps/api/CHANGELOG.md');
    expect(api.app).toEqual({ name: 'api', paths: ['apps/api/**', 'packages/shared/**'] });
    const given = releaseConfigFor(
      config,
      inputs({ app: 'api', tagPrefix: 'api/v', changelogMode: 'skip' }),
    );
    expect(given.release['tag-prefix']).toBe('api/v');
    expect(given.release.changelog.mode).toBe('skip');
    expect(releaseConfigFor(config, inputs()).release['tag-prefix']).toBe('v');
  });

  test("the top level's version files are not written by every app: an app names its own, or none", () => {
    const shared = `release:\n  changelog:\n    version-files: [package.json]\n${MONOREPO.replace('release:\n  tag-prefix: v\n', '')}`;
    expect(() => releaseConfigFor(parseConfig(shared), inputs({ app: 'api' }))).toThrow(
      /^release\.changelog\.version-files \(package\.json\) is the top level's, and every app would write its own version into it; set apps\.api\.release\.changelog\.version-files/,
    );
    expect(
      releaseConfigFor(parseConfig(shared), inputs()).release.changelog['version-files'],
    ).toEqual(['package.json']);
    const own = `${shared}    release:\n      changelog:\n        version-files: []\n`;
    expect(
      releaseConfigFor(parseConfig(own), inputs({ app: 'worker' })).release.changelog[
        'version-files'
      ],
    ).toEqual([]);
  });

  test('a bad tag-prefix input is named as the input', () => {
    expect(() =>
      releaseConfigFor(parseConfig(MONOREPO), inputs({ app: 'api', tagPrefix: 'a b' })),
    ).toThrow(/input tag-prefix/);
  });

  test('an unknown app names the declared ones', () => {
    expect(() => releaseConfigFor(parseConfig(MONOREPO), inputs({ app: 'web' }))).toThrow(
      'app "web" is not declared in promotion.yml (apps: api, worker); use one of those names',
    );
  });

  test('releases are cut on the last stage only: an earlier stage is refused, the last is fine', () => {
    const staged = `stages:\n  - name: staging\n    branch: staging\n  - name: production\n    branch: main\n${MONOREPO}`;
    const config = parseConfig(staged);
    expect(() => releaseConfigFor(config, inputs({ app: 'api', stage: 'staging' }))).toThrow(
      new ConfigurationError(
        'input stage is "staging", but releases are cut on the last stage only (production): a version names what reaches production; omit stage or use production',
      ),
    );
    expect(() => releaseConfigFor(config, inputs({ stage: 'qa' }))).toThrow(
      /stage "qa" is not in the chain \(staging, production\)/,
    );
    const last = releaseConfigFor(config, inputs({ app: 'api', stage: 'production' }));
    expect(last.branches.production).toBe('main');
    expect(last.stage.name).toBe('production');
  });
});

describe('git prunes by directory; the app matcher decides', () => {
  test.each([
    [['apps/api/**'], [':(top,literal)apps/api']],
    [
      ['apps/api/**', 'packages/shared/**'],
      [':(top,literal)apps/api', ':(top,literal)packages/shared'],
    ],
    [['apps/{api,web}/**'], [':(top,literal)apps']],
    [['apps/api/*.ts', 'apps/api/**/*.sql'], [':(top,literal)apps/api']],
    [['**/*.sql'], []],
    [['apps/api/**', '!apps/api/docs/**'], []],
  ])('%j -> %j', (paths, specs) => {
    expect(prunePathspecs(paths)).toEqual(specs);
  });
});
