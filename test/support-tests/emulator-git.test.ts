// The emulator's refs, commits, compare and tags are git's own answers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { client, expectClean } from './emulator-helpers.js';

let gh: Emulator;
let api: ReturnType<typeof client>;
beforeEach(async () => {
  gh = await startEmulator();
  api = client(gh);
});
afterEach(async () => {
  try {
    expectClean(gh);
  } finally {
    await gh.close();
  }
});

function git(args: string[]): string {
  return execFileSync('git', ['--git-dir', gh.git.dir, ...args], { encoding: 'utf8' }).trim();
}

test('a commit made with the helper is the branch tip git reports, and the API agrees', async () => {
  const sha = await gh.git.commit({
    branch: 'feature/login',
    files: { 'src/login.ts': 'export {};\n' },
    message: 'feat: login',
  });
  expect(git(['rev-parse', 'refs/heads/feature/login'])).toBe(sha);
  const ref = await api('GET', '/repos/acme/app/git/ref/heads/feature/login');
  expect(ref.status).toBe(200);
  expect(ref.body.object.sha).toBe(sha);
  const encoded = await api(
    'GET',
    `/repos/acme/app/git/ref/${encodeURIComponent('heads/feature/login')}`,
  );
  expect(encoded.body.object.sha).toBe(sha);
  const commit = await api('GET', `/repos/acme/app/commits/${sha}`);
  expect(commit.body.commit.message).toBe('feat: login');
  expect(commit.body.parents.map((p: { sha: string }) => p.sha)).toEqual([
    git(['rev-parse', 'main']),
  ]);
  expect(commit.body.files).toEqual([
    expect.objectContaining({
      filename: 'src/login.ts',
      status: 'added',
      additions: 1,
      deletions: 0,
      patch: '@@ -0,0 +1 @@\n+export {};',
    }),
  ]);
  expect(await gh.git.readFile(sha, 'src/login.ts')).toBe('export {};\n');
});

test('compare reports ahead/behind/diverged and the merge base exactly as git computes them', async () => {
  const mainTip = await gh.git.revParse('main');
  const f1 = await gh.git.commit({ branch: 'feature', files: { 'a.txt': '1\n' }, message: 'one' });
  const f2 = await gh.git.commit({
    branch: 'feature',
    files: { 'a.txt': '2\n', 'README.md': null },
    message: 'two',
  });
  const ahead = await api('GET', '/repos/acme/app/compare/main...feature');
  expect(ahead.body).toMatchObject({
    status: 'ahead',
    ahead_by: 2,
    behind_by: 0,
    total_commits: 2,
  });
  expect(ahead.body.merge_base_commit.sha).toBe(mainTip);
  expect(ahead.body.commits.map((c: { sha: string }) => c.sha)).toEqual([f1, f2]);
  expect(
    ahead.body.files.map((f: { filename: string; status: string }) => [f.filename, f.status]),
  ).toEqual([
    ['README.md', 'removed'],
    ['a.txt', 'added'],
  ]);
  expect((await api('GET', '/repos/acme/app/compare/feature...main')).body).toMatchObject({
    status: 'behind',
    ahead_by: 0,
    behind_by: 2,
  });
  expect((await api('GET', '/repos/acme/app/compare/main...main')).body).toMatchObject({
    status: 'identical',
    ahead_by: 0,
  });
  await gh.git.commit({ branch: 'main', files: { 'b.txt': 'b\n' }, message: 'main moves' });
  const diverged = await api('GET', '/repos/acme/app/compare/main...feature');
  expect(diverged.body).toMatchObject({ status: 'diverged', ahead_by: 2, behind_by: 1 });
  expect(diverged.body.merge_base_commit.sha).toBe(git(['merge-base', 'main', 'feature']));
});

test('compare pages commits 250 at a time without page params, and per_page with a Link header', async () => {
  const shas: string[] = [];
  shas.push(
    ...(await gh.git.commitMany(
      'big',
      Array.from({ length: 260 }, (_, i) => ({ files: { 'n.txt': `${i}\n` }, message: `c${i}` })),
    )),
  );
  const first = await api('GET', '/repos/acme/app/compare/main...big');
  expect(first.body.total_commits).toBe(260);
  expect(first.body.commits).toHaveLength(250);
  expect(first.body.commits[0].sha).toBe(shas[0]);
  const paged = await api('GET', '/repos/acme/app/compare/main...big?per_page=100&page=3');
  expect(paged.body.commits.map((c: { sha: string }) => c.sha)).toEqual(shas.slice(200));
  expect(paged.headers.get('link')).toContain('rel="prev"');
  expect(paged.headers.get('link')).not.toContain('rel="next"');
});

test('annotated tags are written with git mktag and listed as git lists them', async () => {
  const sha = (await gh.git.revParse('main')) as string;
  const tag = await api('POST', '/repos/acme/app/git/tags', {
    tag: 'v1.0.0',
    message: 'Release 1.0.0',
    object: sha,
    type: 'commit',
    tagger: { name: 'Rel Bot', email: 'rel@example.com', date: '2026-05-01T10:00:00Z' },
  });
  expect(tag.status).toBe(201);
  expect(git(['cat-file', '-t', tag.body.sha])).toBe('tag');
  const forged = await api('POST', '/repos/acme/app/git/tags', {
    tag: 'v9\ntagger Mallory <m@x> 0 +0000',
    message: 'x',
    object: sha,
    type: 'commit',
  });
  expect(forged.status).toBe(422);
  const ref = await api('POST', '/repos/acme/app/git/refs', {
    ref: 'refs/tags/v1.0.0',
    sha: tag.body.sha,
  });
  expect(ref.status).toBe(201);
  expect(ref.body.object.type).toBe('tag');
  await gh.git.branch('light', sha);
  git(['tag', 'v0.9.0', sha]);
  expect(await gh.git.tags()).toEqual({
    'v1.0.0': { sha, type: 'annotated', message: 'Release 1.0.0\n', objectSha: tag.body.sha },
    'v0.9.0': { sha, type: 'lightweight', message: '', objectSha: sha },
  });
  const list = await api('GET', '/repos/acme/app/tags');
  expect(
    list.body.map((t: { name: string; commit: { sha: string } }) => [t.name, t.commit.sha]),
  ).toEqual([
    ['v1.0.0', sha],
    ['v0.9.0', sha],
  ]);
  // reverse lexicographic, as github.com lists them: v1.9.0 before v1.10.0
  git(['tag', 'v1.10.0', sha]);
  git(['tag', 'v1.9.0', sha]);
  const sorted = await api('GET', '/repos/acme/app/tags');
  expect(sorted.body.map((t: { name: string }) => t.name)).toEqual([
    'v1.9.0',
    'v1.10.0',
    'v1.0.0',
    'v0.9.0',
  ]);
  const again = await api('POST', '/repos/acme/app/git/refs', { ref: 'refs/tags/v1.0.0', sha });
  expect(again.status).toBe(422);
  expect(again.body.message).toBe('Reference already exists');
});

test('refs move only fast-forward unless forced, and deleting a missing ref is a 422', async () => {
  const base = (await gh.git.revParse('main')) as string;
  const ahead = await gh.git.commit({ branch: 'feature', files: { x: 'x' }, message: 'x' });
  const other = await gh.git.commit({ branch: 'other', files: { y: 'y' }, message: 'y' });
  expect((await api('PATCH', '/repos/acme/app/git/refs/heads/main', { sha: ahead })).status).toBe(
    200,
  );
  const nonFf = await api('PATCH', '/repos/acme/app/git/refs/heads/main', { sha: other });
  expect(nonFf.status).toBe(422);
  expect(nonFf.body.message).toBe('Update is not a fast forward');
  expect(
    (await api('PATCH', '/repos/acme/app/git/refs/heads/main', { sha: base, force: true })).body
      .object.sha,
  ).toBe(base);
  expect(git(['rev-parse', 'main'])).toBe(base);
  for (const bad of [
    'refs/heads/a b',
    'refs/heads/x..y',
    'refs/heads/x.lock',
    'heads/x',
    'refs/heads/x~1',
  ]) {
    expect((await api('POST', '/repos/acme/app/git/refs', { ref: bad, sha: base })).status).toBe(
      422,
    );
  }
  expect((await api('DELETE', '/repos/acme/app/git/refs/heads/other')).status).toBe(204);
  expect((await api('DELETE', '/repos/acme/app/git/refs/heads/other')).status).toBe(422);
});

test('a branch that requires pull requests refuses direct ref updates and deletion', async () => {
  const ahead = await gh.git.commit({ branch: 'feature', files: { x: 'x' }, message: 'x' });
  gh.state.protection.main = {
    required_pull_request_reviews: { required_approving_review_count: 1 },
  };
  const refused = await api('PATCH', '/repos/acme/app/git/refs/heads/main', { sha: ahead });
  expect(refused.status).toBe(422);
  expect(refused.body.message).toBe(
    'Protected branch update failed for refs/heads/main. Changes must be made through a pull request.',
  );
  expect((await api('DELETE', '/repos/acme/app/git/refs/heads/main')).status).toBe(422);
  expect(git(['rev-parse', 'main'])).not.toBe(ahead);
  expect(
    (await api('PATCH', '/repos/acme/app/git/refs/heads/feature', { sha: ahead })).status,
  ).toBe(200);
});

test('blobs, trees and commits made through the Git Database API land in the repository', async () => {
  const parent = (await gh.git.revParse('main')) as string;
  const blob = await api('POST', '/repos/acme/app/git/blobs', {
    content: Buffer.from('bin\0ary').toString('base64'),
    encoding: 'base64',
  });
  const tree = await api('POST', '/repos/acme/app/git/trees', {
    base_tree: parent,
    tree: [
      { path: 'CHANGELOG.md', mode: '100644', type: 'blob', content: '# Changelog\n' },
      { path: 'bin/data', mode: '100644', type: 'blob', sha: blob.body.sha },
    ],
  });
  expect(tree.status).toBe(201);
  const commit = await api('POST', '/repos/acme/app/git/commits', {
    message: 'chore: changelog',
    tree: tree.body.sha,
    parents: [parent],
  });
  expect(commit.status).toBe(201);
  await api('PATCH', '/repos/acme/app/git/refs/heads/main', { sha: commit.body.sha });
  expect(await gh.git.readFile('main', 'CHANGELOG.md')).toBe('# Changelog\n');
  expect(await gh.git.readFile('main', 'README.md')).toBe('# app\n');
  const got = await api('GET', `/repos/acme/app/git/blobs/${blob.body.sha}`);
  expect(Buffer.from(got.body.content, 'base64').toString()).toBe('bin\0ary');
  const recursive = await api('GET', `/repos/acme/app/git/trees/${tree.body.sha}?recursive=1`);
  expect(recursive.body.tree.map((e: { path: string }) => e.path)).toEqual([
    'CHANGELOG.md',
    'README.md',
    'bin',
    'bin/data',
  ]);
});

test('a test can clone the bare repository and push with the real git CLI', async () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'emu-clone-'));
  try {
    const env = {
      ...process.env,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'a',
      GIT_AUTHOR_EMAIL: 'a@b.c',
      GIT_COMMITTER_NAME: 'a',
      GIT_COMMITTER_EMAIL: 'a@b.c',
    };
    execFileSync('git', ['clone', '-q', gh.git.dir, work], { env });
    writeFileSync(path.join(work, 'pushed.txt'), 'pushed\n');
    execFileSync('git', ['-C', work, 'add', '.'], { env });
    execFileSync('git', ['-C', work, 'commit', '-qm', 'pushed'], { env });
    execFileSync('git', ['-C', work, 'push', '-q', 'origin', 'HEAD:refs/heads/pushed'], { env });
    const head = execFileSync('git', ['-C', work, 'rev-parse', 'HEAD'], {
      encoding: 'utf8',
    }).trim();
    expect((await api('GET', '/repos/acme/app/branches/pushed')).body.commit.sha).toBe(head);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
