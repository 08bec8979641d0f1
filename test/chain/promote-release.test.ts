// Promote releases itself with Promote (issue #17). A repository shaped like this one (its
// .github/workflows/release-promote.yml and .github/promotion.yml verbatim, actions/tag-release
// with its committed bundle in dist/, a CHANGELOG, a package.json with `check-dist`) lives in the
// emulator, v1.0.0 released by hand with `v1` on it. People merge pull requests into main through
// the API; each merge's push runs the workflow through the workflow runner: check-dist, then
// `uses: ./actions/tag-release` from the checkout, which tags, writes the CHANGELOG and the
// release, and moves the major tag.
//
// The one stand-in: the miniature's `npm run build` copies each action's src/ into dist/<name>/src/
// and its `check-dist` compares the two, where the real repository bundles with esbuild (which needs
// the toolchain from the registry). The real check-dist is tested in test/build/build.test.ts;
// here the workflow must run it and stop on it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { REPO_ROOT } from '../support/harness.js';
import { WorkflowRunner, type RunResult } from '../support/workflow-runner/index.js';
import { api, expectConclusion, jobOf, runsOf } from './chain-helpers.js';

const WORKFLOW = 'release-promote.yml';

/** A miniature `npm run check-dist`: dist/<name>/src/ must equal actions/<name>/src/. */
const CHECK_DIST = `import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const differing = [];
for (const name of readdirSync('actions')) {
  const src = join('actions', name, 'src');
  if (!existsSync(src)) continue;
  const built = join('dist', name, 'src');
  const files = new Set([...readdirSync(src), ...(existsSync(built) ? readdirSync(built) : [])]);
  for (const f of files) {
    const a = existsSync(join(src, f)) ? readFileSync(join(src, f), 'utf8') : null;
    const b = existsSync(join(built, f)) ? readFileSync(join(built, f), 'utf8') : null;
    if (a !== b) differing.push('differs: ' + join(built, f));
  }
}
if (differing.length) {
  console.error('check-dist failed: dist/ is not what the sources build to:\\n  ' + differing.join('\\n  ') + '\\n\\nFix: npm run build, then commit dist/.');
  process.exit(1);
}
console.log('dist/ matches a fresh build.');
`;

const PACKAGE = {
  name: 'promote',
  version: '1.0.0',
  private: true,
  type: 'module',
  scripts: { 'check-dist': 'node scripts/check-dist.mjs' },
};
const LOCK = {
  name: 'promote',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: { '': { name: 'promote', version: '1.0.0' } },
};

const repoFile = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');

/** The repository's shape: what release-promote.yml reads, from this checkout. */
function promoteShape(): Record<string, string> {
  const files: Record<string, string> = {
    [`.github/workflows/${WORKFLOW}`]: repoFile(`.github/workflows/${WORKFLOW}`),
    '.github/promotion.yml': repoFile('.github/promotion.yml'),
    'actions/tag-release/action.yml': repoFile('actions/tag-release/action.yml'),
    'package.json': `${JSON.stringify(PACKAGE, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify(LOCK, null, 2)}\n`,
    'scripts/check-dist.mjs': CHECK_DIST,
    'CHANGELOG.md': [
      '# Changelog',
      '',
      '## [Unreleased]',
      '',
      '## [1.0.0] - 2026-11-01',
      '',
      '### Added',
      '',
      '- five actions and four reusable workflows',
      '',
    ].join('\n'),
    ...source('tag-release.ts', 'export const VERSION_TAGS = 1;\n', { built: true }),
  };
  for (const f of readdirSync(join(REPO_ROOT, 'dist', 'tag-release'))) {
    files[`dist/tag-release/${f}`] = repoFile(`dist/tag-release/${f}`);
  }
  return files;
}

/** A source file of the tag-release action, and its build output unless the author forgot it. */
function source(name: string, text: string, { built }: { built: boolean }) {
  return {
    [`actions/tag-release/src/${name}`]: text,
    ...(built ? { [`dist/tag-release/src/${name}`]: text } : {}),
  };
}

describe('Promote releases itself: release-promote.yml on a push to main', () => {
  let gh: Emulator;
  let runner: WorkflowRunner;
  let maintainer: string;
  let v100: string;
  let pr = 0;

  beforeAll(async () => {
    gh = await startEmulator({ owner: 'acme', repo: 'promote', defaultBranch: 'main' });
    maintainer = gh.tokens!.mint({ kind: 'pat', login: 'amira' });
    v100 = await gh.git.commit({
      branch: 'main',
      files: promoteShape(),
      message: 'feat: Promote 1.0',
    });
    // v1.0.0 and v1 as a maintainer made them by hand before this workflow existed.
    const tagObject = await api(gh, maintainer, 'POST', '/repos/acme/promote/git/tags', {
      tag: 'v1.0.0',
      message: 'v1.0.0',
      object: v100,
      type: 'commit',
    });
    for (const [ref, sha] of [
      ['refs/tags/v1.0.0', tagObject.body.sha],
      ['refs/tags/v1', v100],
    ]) {
      expect(
        (await api(gh, maintainer, 'POST', '/repos/acme/promote/git/refs', { ref, sha })).status,
      ).toBe(201);
    }
    runner = new WorkflowRunner({ emulator: gh });
    runner.attach();
  }, 60_000);

  afterAll(async () => {
    runner?.cancelAll();
    await runner?.idle();
    runner?.close();
    await gh?.close();
  });

  async function settle(): Promise<void> {
    await gh.settled();
    await runner.idle();
    await gh.settled();
    await runner.idle();
  }

  /** A person's pull request with one commit, merged with a merge commit; the runs it started. */
  async function merge(
    title: string,
    files: Record<string, string>,
  ): Promise<{ mergeSha: string; runs: RunResult[] }> {
    const branch = `change-${++pr}`;
    await gh.git.commit({ branch, files, message: title });
    const opened = await api(gh, maintainer, 'POST', '/repos/acme/promote/pulls', {
      title,
      head: branch,
      base: 'main',
    });
    expect(opened.status).toBe(201);
    const before = runner.runs.length;
    const merged = await api(
      gh,
      maintainer,
      'PUT',
      `/repos/acme/promote/pulls/${opened.body.number}/merge`,
      { merge_method: 'merge' },
    );
    expect(merged.status).toBe(200);
    await settle();
    return { mergeSha: merged.body.sha, runs: runsOf(runner.runs.slice(before), WORKFLOW) };
  }

  const tags = () => gh.git.tags();
  const release = (tag: string) => gh.state.releases.find((r: any) => r.tag_name === tag)!;
  const mainHead = async () => (await gh.git.revParse('main'))!;
  const changelog = async () => (await gh.git.readFile('main', 'CHANGELOG.md'))!;

  function expectReleased(run: RunResult | undefined): void {
    expect(run?.event).toBe('push');
    expectConclusion(jobOf(run, 'check-dist'), 'success');
    expectConclusion(jobOf(run, 'release'), 'success');
    expect(run!.conclusion).toBe('success');
  }

  test('the repository holds the workflow, the config and the action with its bundle as committed here', async () => {
    for (const f of [
      `.github/workflows/${WORKFLOW}`,
      '.github/promotion.yml',
      'dist/tag-release/index.js',
    ]) {
      expect(await gh.git.readFile(v100, f)).toBe(repoFile(f));
    }
    expect(await tags()).toMatchObject({
      'v1.0.0': { type: 'annotated', sha: v100 },
      v1: { type: 'lightweight', sha: v100 },
    });
  });

  test('a merged feat: v1.1.0 annotated on the merge commit, a CHANGELOG commit, release notes, v1 moved to it', async () => {
    const { mergeSha, runs } = await merge('feat(tag-release): move the major tag (#21)', {
      ...source('major-tag.ts', 'export const MAJOR = true;\n', { built: true }),
    });
    // One run: the CHANGELOG commit, pushed with the job's GITHUB_TOKEN, started none.
    expect(runs).toHaveLength(1);
    expectReleased(runs[0]);
    // What the maintainer reads in the job summary.
    expect(jobOf(runs[0], 'release').summary).toContain(
      `| Major tag | v1 moved from ${v100.slice(0, 12)} to ${mergeSha.slice(0, 12)} |`,
    );

    const t = await tags();
    expect(t['v1.1.0']).toMatchObject({ type: 'annotated', sha: mergeSha });
    expect(t['v1.1.0']!.message).toContain('move the major tag');
    expect(t.v1).toMatchObject({ type: 'lightweight', sha: mergeSha });
    expect(t['v1.0.0']!.sha).toBe(v100);

    // The CHANGELOG commit comes right after the merge commit.
    const head = await gh.git.readCommit(await mainHead());
    expect(head?.parents).toEqual([mergeSha]);
    expect(head?.message).toMatch(/^chore\(release\): v1\.1\.0 \[skip ci\]/);
    const log = await changelog();
    expect(log).toMatch(
      /## \[1\.1\.0\] - \d{4}-\d{2}-\d{2}\n\n### Added\n\n- \*\*tag-release:\*\* move the major tag/,
    );
    expect(log).toContain('## [1.0.0] - 2026-11-01');

    const rel = release('v1.1.0');
    expect(rel).toMatchObject({ name: 'v1.1.0', draft: false, prerelease: false });
    expect(rel.body).toContain('**tag-release:** move the major tag');
    expect(rel.body).toContain('https://github.com/acme/promote/compare/v1.0.0...v1.1.0');
  }, 180_000);

  test('the next merge (a fix) releases v1.1.1 and moves v1 again', async () => {
    const before = (await tags()).v1!.sha;
    const { mergeSha, runs } = await merge('fix(tag-release): keep the tag message (#22)', {
      ...source('major-tag.ts', 'export const MAJOR = 1;\n', { built: true }),
    });
    expect(runs).toHaveLength(1);
    expectReleased(runs[0]);
    const t = await tags();
    expect(t['v1.1.1']).toMatchObject({ type: 'annotated', sha: mergeSha });
    expect(t.v1).toMatchObject({ type: 'lightweight', sha: mergeSha });
    expect(t.v1!.sha).not.toBe(before);
    expect(release('v1.1.1').body).toContain('keep the tag message');
    expect(await changelog()).toMatch(/## \[1\.1\.1\] - \d{4}-\d{2}-\d{2}\n/);
  }, 180_000);

  test('"Re-run all jobs" on the last release changes nothing', async () => {
    const last = runsOf(runner.runs, WORKFLOW).at(-1)!;
    const released = (await tags())['v1.1.1']!.sha;
    expect(last.jobs.find((j) => j.id === 'release')?.conclusion).toBe('success');
    const head = await mainHead();
    const before = {
      tags: await tags(),
      releases: structuredClone(gh.state.releases),
      log: await changelog(),
    };
    gh.resetCounters();
    const again = await runner.rerun(last.id);
    expectReleased(again);
    expect(gh.countRequests({ writes: true })).toBe(0);
    expect(await tags()).toEqual(before.tags);
    expect(gh.state.releases).toEqual(before.releases);
    expect(await mainHead()).toBe(head);
    expect(await changelog()).toBe(before.log);
    expect(jobOf(again, 'release').summary).toContain(`v1 already at ${released.slice(0, 12)}`);
  }, 180_000);

  test('a stale dist/ fails the workflow before anything is tagged', async () => {
    const before = { tags: await tags(), releases: gh.state.releases.length };
    const { mergeSha, runs } = await merge('feat(tag-release): prerelease notes (#23)', {
      ...source('notes.ts', 'export const NOTES = 1;\n', { built: false }),
    });
    expect(runs).toHaveLength(1);
    const check = jobOf(runs[0], 'check-dist');
    expectConclusion(check, 'failure');
    expect(check.steps.find((s) => s.name === 'npm run check-dist')?.log).toContain(
      'differs: dist/tag-release/src/notes.ts',
    );
    expect(jobOf(runs[0], 'release').conclusion).toBe('skipped');
    expect(runs[0]!.conclusion).toBe('failure');
    // No tag, no v1 move, no release, no CHANGELOG commit.
    expect(await tags()).toEqual(before.tags);
    expect(gh.state.releases).toHaveLength(before.releases);
    expect(await mainHead()).toBe(mergeSha);
  }, 180_000);

  test('a breaking change: v2.0.0 creates v2, and v1 stays on the last 1.x release', async () => {
    const v1 = (await tags()).v1!.sha;
    const { mergeSha, runs } = await merge('feat(tag-release)!: drop the `ref` input (#24)', {
      // The stale file of the previous merge built at last, and the change itself.
      ...source('notes.ts', 'export const NOTES = 1;\n', { built: true }),
      ...source('inputs.ts', 'export const REF = undefined;\n', { built: true }),
    });
    expect(runs).toHaveLength(1);
    expectReleased(runs[0]);
    const t = await tags();
    expect(t['v2.0.0']).toMatchObject({ type: 'annotated', sha: mergeSha });
    expect(t.v2).toMatchObject({ type: 'lightweight', sha: mergeSha });
    expect(t.v1!.sha).toBe(v1);
    expect(t.v1!.sha).toBe(t['v1.1.1']!.sha);
    // Commit subjects are data: their markdown is escaped (untrusted text), so backticks show as typed.
    expect(release('v2.0.0').body).toContain('drop the \\`ref\\` input');
    expect(await changelog()).toMatch(/## \[2\.0\.0\] - \d{4}-\d{2}-\d{2}\n/);
  }, 180_000);

  test('contents: write is the one scope the release needs: with read, the release job fails and writes nothing', async () => {
    const workflow = repoFile(`.github/workflows/${WORKFLOW}`);
    const readOnly = workflow.replace(/^( {6}contents: )write( # CHANGELOG commit)/m, '$1read$2');
    expect(readOnly).not.toBe(workflow);
    await gh.git.commit({
      branch: 'main',
      files: { [`.github/workflows/${WORKFLOW}`]: readOnly },
      message: 'ci: try the release with a read-only token',
    });
    const before = { tags: await tags(), releases: gh.state.releases.length };
    const { mergeSha, runs } = await merge('fix(tag-release): a fix to release (#25)', {
      ...source('inputs.ts', 'export const REF = null;\n', { built: true }),
    });
    const job = jobOf(runs[0], 'release');
    expect(job.permissions).toEqual({ contents: 'read' });
    expectConclusion(job, 'failure');
    expect(job.steps.map((s) => s.log).join('\n')).toContain(
      'Resource not accessible by integration',
    );
    expect(await tags()).toEqual(before.tags);
    expect(gh.state.releases).toHaveLength(before.releases);
    expect(await mainHead()).toBe(mergeSha);

    expect(runner.errors).toEqual([]);
    expect(gh.errors).toEqual([]);
    expect(gh.contractViolations).toEqual([]);
    expect(gh.unimplemented).toEqual([]);
  }, 180_000);
});
