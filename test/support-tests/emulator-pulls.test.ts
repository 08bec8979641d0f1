// Pull requests, reviews and merges behave as on github.com, with git doing the merging.
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

test('opening the same promotion PR twice answers GitHub\'s 422 "already exists"', async () => {
  await gh.git.commit({ branch: 'promote/x', files: { 'a.txt': 'a\n' }, message: 'feat: a' });
  const first = await api('POST', '/repos/acme/app/pulls', {
    title: 'Promote',
    head: 'promote/x',
    base: 'main',
    body: 'b',
  });
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({
    number: 1,
    state: 'open',
    commits: 1,
    changed_files: 1,
    mergeable: true,
    head: { ref: 'promote/x' },
  });
  const second = await api('POST', '/repos/acme/app/pulls', {
    title: 'Promote',
    head: 'acme:promote/x',
    base: 'main',
  });
  expect(second.status).toBe(422);
  expect(second.body).toEqual({
    message: 'Validation Failed',
    errors: [
      {
        resource: 'PullRequest',
        code: 'custom',
        message: 'A pull request already exists for acme:promote/x.',
      },
    ],
    documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
    status: '422',
  });
  expect(gh.state.pulls).toHaveLength(1);
  const listed = await api('GET', '/repos/acme/app/pulls?head=acme:promote/x&base=main');
  expect(listed.body.map((p: { number: number }) => p.number)).toEqual([1]);
});

test('a head filter without the owner is ignored, as on github.com; a body over 65,536 chars is refused', async () => {
  await gh.git.commit({ branch: 'one', files: { 'a.txt': 'a\n' }, message: 'a' });
  await gh.git.commit({ branch: 'two', files: { 'b.txt': 'b\n' }, message: 'b' });
  await api('POST', '/repos/acme/app/pulls', { title: 'One', head: 'one', base: 'main' });
  await api('POST', '/repos/acme/app/pulls', { title: 'Two', head: 'two', base: 'main' });
  const bare = await api('GET', '/repos/acme/app/pulls?head=one');
  expect(bare.body.map((p: { title: string }) => p.title)).toEqual(['Two', 'One']);
  const owned = await api('GET', '/repos/acme/app/pulls?head=acme:one');
  expect(owned.body.map((p: { title: string }) => p.title)).toEqual(['One']);
  const tooLong = await api('PATCH', '/repos/acme/app/pulls/1', { body: 'x'.repeat(65537) });
  expect(tooLong.status).toBe(422);
  expect(tooLong.body.errors[0].message).toBe('body is too long (maximum is 65536 characters)');
});

test('two creates of the same PR arriving together: one 201, one 422', async () => {
  await gh.git.commit({ branch: 'promote/x', files: { 'a.txt': 'a\n' }, message: 'a' });
  const create = () =>
    api('POST', '/repos/acme/app/pulls', { title: 'P', head: 'promote/x', base: 'main' });
  const statuses = (await Promise.all([create(), create(), create()])).map((r) => r.status).sort();
  expect(statuses).toEqual([201, 422, 422]);
  expect(gh.state.pulls).toHaveLength(1);
});

test('a PR with no commits between base and head is refused', async () => {
  await gh.git.branch('same', (await gh.git.revParse('main')) as string);
  const res = await api('POST', '/repos/acme/app/pulls', {
    title: 'x',
    head: 'same',
    base: 'main',
  });
  expect(res.status).toBe(422);
  expect(res.body.errors[0].message).toBe('No commits between main and same');
});

test('a PR follows pushes to its head, lists files and commits, and merges with a real merge commit', async () => {
  await gh.git.commit({ branch: 'feature', files: { 'a.txt': 'a\n' }, message: 'feat: a' });
  await api('POST', '/repos/acme/app/pulls', { title: 'Feature', head: 'feature', base: 'main' });
  const second = await gh.git.commit({
    branch: 'feature',
    files: { 'b.txt': 'b\n' },
    message: 'feat: b',
  });
  const pr = await api('GET', '/repos/acme/app/pulls/1');
  expect(pr.body.head.sha).toBe(second);
  expect(pr.body.commits).toBe(2);
  const files = await api('GET', '/repos/acme/app/pulls/1/files');
  expect(files.body.map((f: { filename: string }) => f.filename)).toEqual(['a.txt', 'b.txt']);
  const commits = await api('GET', '/repos/acme/app/pulls/1/commits');
  expect(commits.body.map((c: { commit: { message: string } }) => c.commit.message)).toEqual([
    'feat: a',
    'feat: b',
  ]);
  const stale = await api('PUT', '/repos/acme/app/pulls/1/merge', { sha: 'a'.repeat(40) });
  expect(stale.status).toBe(409);
  // two merge clicks at once: one merge, one refusal
  const both = await Promise.all(
    [1, 2].map(() => api('PUT', '/repos/acme/app/pulls/1/merge', { merge_method: 'merge' })),
  );
  expect(both.map((r) => r.status).sort()).toEqual([200, 405]);
  const merged = both.find((r) => r.status === 200)!;
  expect(merged.status).toBe(200);
  const log = await gh.git.log('main', { max: 1 });
  expect(log[0]?.sha).toBe(merged.body.sha);
  expect(log[0]?.parents).toHaveLength(2);
  expect(log[0]?.message).toBe('Merge pull request #1 from acme/feature\n\nFeature');
  const after = await api('GET', '/repos/acme/app/pulls/1');
  expect(after.body).toMatchObject({
    merged: true,
    state: 'closed',
    merge_commit_sha: merged.body.sha,
    head: { sha: second },
  });
  const forMerge = await api('GET', `/repos/acme/app/commits/${merged.body.sha}/pulls`);
  expect(forMerge.body.map((p: { number: number }) => p.number)).toEqual([1]);
  const again = await api('PUT', '/repos/acme/app/pulls/1/merge', {});
  expect(again.status).toBe(405);
  expect(await gh.git.readFile('main', 'b.txt')).toBe('b\n');
});

test('squash merge makes one commit; required checks block the merge until green', async () => {
  const head = await gh.git.commit({
    branch: 'feature',
    files: { 'a.txt': 'a\n' },
    message: 'feat: a',
  });
  gh.state.protection.main = { required_status_checks: { contexts: ['preflight'] } };
  await api('POST', '/repos/acme/app/pulls', { title: 'Feature', head: 'feature', base: 'main' });
  const blocked = await api('PUT', '/repos/acme/app/pulls/1/merge', { merge_method: 'squash' });
  expect(blocked.status).toBe(405);
  expect(blocked.body.message).toBe('Required status check "preflight" is expected.');
  await api('POST', '/repos/acme/app/check-runs', {
    name: 'preflight',
    head_sha: head,
    conclusion: 'success',
    output: { title: 'ok', summary: 'ok' },
  });
  const merged = await api('PUT', '/repos/acme/app/pulls/1/merge', { merge_method: 'squash' });
  expect(merged.status).toBe(200);
  const [tip] = await gh.git.log('main', { max: 1 });
  expect(tip?.parents).toHaveLength(1);
  expect(tip?.message).toBe('Feature (#1)');
  const protection = await api('GET', '/repos/acme/app/branches/main/protection');
  expect(protection.body.required_status_checks.contexts).toEqual(['preflight']);
  expect((await api('GET', '/repos/acme/app/branches/feature/protection')).body.message).toBe(
    'Branch not protected',
  );
});

test('rebase merge replays each commit on the base with git cherry-pick, keeping authors', async () => {
  await gh.git.commit({
    branch: 'feature',
    files: { 'a.txt': 'a\n' },
    message: 'feat: a',
    author: { name: 'Ada', email: 'ada@example.com' },
  });
  await gh.git.commit({ branch: 'feature', files: { 'b.txt': 'b\n' }, message: 'feat: b' });
  const mainMoved = await gh.git.commit({
    branch: 'main',
    files: { 'c.txt': 'c\n' },
    message: 'chore: c',
  });
  await api('POST', '/repos/acme/app/pulls', { title: 'F', head: 'feature', base: 'main' });
  const merged = await api('PUT', '/repos/acme/app/pulls/1/merge', { merge_method: 'rebase' });
  expect(merged.status).toBe(200);
  const log = await gh.git.log('main', { max: 3 });
  expect(log.map((c) => c.message)).toEqual(['feat: b', 'feat: a', 'chore: c']);
  expect(log[0]?.sha).toBe(merged.body.sha);
  expect(log[2]?.sha).toBe(mainMoved);
  expect(log.every((c) => c.parents.length === 1)).toBe(true);
  expect(log[1]?.author.name).toBe('Ada');
  expect(await gh.git.readFile('main', 'a.txt')).toBe('a\n');
  expect((await gh.git.run(['worktree', 'list'])).trim().split('\n')).toHaveLength(1);
});

test('conflicting branches are not mergeable', async () => {
  await gh.git.commit({ branch: 'feature', files: { 'README.md': 'feature\n' }, message: 'x' });
  await gh.git.commit({ branch: 'main', files: { 'README.md': 'main\n' }, message: 'y' });
  await api('POST', '/repos/acme/app/pulls', { title: 'F', head: 'feature', base: 'main' });
  expect((await api('GET', '/repos/acme/app/pulls/1')).body).toMatchObject({
    mergeable: false,
    mergeable_state: 'dirty',
  });
  const mainTip = await gh.git.revParse('main');
  expect(
    (await api('PUT', '/repos/acme/app/pulls/1/merge', { merge_method: 'rebase' })).status,
  ).toBe(405);
  expect(await gh.git.revParse('main')).toBe(mainTip);
  expect((await api('PUT', '/repos/acme/app/pulls/1/merge', {})).status).toBe(405);
});

test('reviewers are requested from collaborators only, and reviews are recorded', async () => {
  await gh.git.commit({ branch: 'feature', files: { 'a.txt': 'a\n' }, message: 'a' });
  await api('POST', '/repos/acme/app/pulls', { title: 'F', head: 'feature', base: 'main' });
  const outsider = await api('POST', '/repos/acme/app/pulls/1/requested_reviewers', {
    reviewers: ['mallory'],
  });
  expect(outsider.status).toBe(422);
  const ok = await api('POST', '/repos/acme/app/pulls/1/requested_reviewers', {
    reviewers: ['octocat'],
  });
  expect(ok.status).toBe(201);
  expect(
    (await api('GET', '/repos/acme/app/pulls/1/requested_reviewers')).body.users.map(
      (u: { login: string }) => u.login,
    ),
  ).toEqual(['octocat']);
  gh.state.tokens = { 'octocat-token': 'octocat' };
  const review = await client(gh, 'octocat-token')('POST', '/repos/acme/app/pulls/1/reviews', {
    event: 'APPROVE',
    body: 'lgtm',
  });
  expect(review.body).toMatchObject({ state: 'APPROVED', user: { login: 'octocat' } });
  const reviews = await client(gh, 'octocat-token')('GET', '/repos/acme/app/pulls/1/reviews');
  expect(reviews.body.map((r: { state: string }) => r.state)).toEqual(['APPROVED']);
  expect(gh.state.pulls[0]?.requested_reviewers).toEqual([]);
  expect((await api('GET', '/repos/acme/app/pulls/1')).status).toBe(401);
});

test('update changes title, body and state, and a closed PR reopens', async () => {
  await gh.git.commit({ branch: 'feature', files: { 'a.txt': 'a\n' }, message: 'a' });
  await api('POST', '/repos/acme/app/pulls', { title: 'F', head: 'feature', base: 'main' });
  const updated = await api('PATCH', '/repos/acme/app/pulls/1', {
    title: 'New',
    body: 'Body',
    state: 'closed',
  });
  expect(updated.body).toMatchObject({ title: 'New', body: 'Body', state: 'closed' });
  expect((await api('GET', '/repos/acme/app/pulls?state=open')).body).toEqual([]);
  expect((await api('PATCH', '/repos/acme/app/pulls/1', { state: 'open' })).body.state).toBe(
    'open',
  );
});
