// Repository events: what GitHub would send to workflows, emitted by the routes that cause them and
// delivered after the response. Events caused with a GITHUB_TOKEN start no workflow (GitHub's rule).
import { startEmulator, type Emulator, type RepoEvent } from '../support/emulator/index.js';
import { client, expectClean } from './emulator-helpers.js';

let gh: Emulator;
let api: ReturnType<typeof client>;
let events: RepoEvent[];
beforeEach(async () => {
  gh = await startEmulator();
  api = client(gh);
  events = [];
  gh.onEvent((e) => {
    events.push(e);
  });
});
afterEach(async () => {
  try {
    expectClean(gh);
  } finally {
    await gh.close();
  }
});

async function delivered(): Promise<RepoEvent[]> {
  await gh.settled();
  const out = [...events];
  events.length = 0;
  return out;
}

const summary = (list: RepoEvent[]) =>
  list.map((e) => `${e.name}${e.payload.action ? `:${e.payload.action}` : ''} ${e.ref}`);

test('a PR opened: pull_request opened on refs/pull/N/merge at a test merge of head into base', async () => {
  const head = await gh.git.commit({ branch: 'staging', files: { a: 'a\n' }, message: 'feat: a' });
  const base = (await gh.git.revParse('main')) as string;
  let statusWhenDelivered = 0;
  gh.onEvent(() => {
    statusWhenDelivered = gh.requests.at(-1)!.status;
  });
  const pr = await api('POST', '/repos/acme/app/pulls', {
    head: 'staging',
    base: 'main',
    title: 'Promote',
  });
  const [opened, ...rest] = await delivered();
  expect(rest).toEqual([]);
  expect(statusWhenDelivered).toBe(201); // the answer was sent before any listener ran
  expect(opened).toMatchObject({
    name: 'pull_request',
    ref: `refs/pull/${pr.body.number as number}/merge`,
    actor: { login: 'github-actions[bot]', tokenKind: 'default', startsWorkflows: true },
    payload: {
      action: 'opened',
      number: pr.body.number,
      pull_request: { head: { ref: 'staging', sha: head }, base: { ref: 'main' } },
      repository: { full_name: 'acme/app' },
      sender: { login: 'github-actions[bot]' },
    },
  });
  const merge = await gh.git.readCommits([opened!.sha]);
  expect(merge[0]?.parents).toEqual([base, head]);
  expect(await gh.git.revParse(`refs/pull/${pr.body.number as number}/head`)).toBe(head);
});

test('pushes: create, update and delete a ref; a commit through the contents API synchronizes the open PR', async () => {
  const main = (await gh.git.revParse('main')) as string;
  await api('POST', '/repos/acme/app/git/refs', { ref: 'refs/heads/staging', sha: main });
  expect(summary(await delivered())).toEqual([
    'push refs/heads/staging',
    'create refs/heads/staging',
  ]);
  const next = await gh.git.commit({ branch: 'feature', files: { b: 'b\n' }, message: 'feat: b' });
  await api('PATCH', '/repos/acme/app/git/refs/heads/staging', { sha: next });
  const [push] = await delivered();
  expect(push).toMatchObject({
    name: 'push',
    ref: 'refs/heads/staging',
    sha: next,
    payload: {
      ref: 'refs/heads/staging',
      before: main,
      after: next,
      created: false,
      deleted: false,
      commits: [expect.objectContaining({ id: next, message: 'feat: b' })],
      head_commit: expect.objectContaining({ id: next }),
    },
  });
  const pr = await api('POST', '/repos/acme/app/pulls', {
    head: 'staging',
    base: 'main',
    title: 'x',
  });
  await delivered();
  const put = await api('PUT', '/repos/acme/app/contents/c.txt', {
    message: 'fix: c',
    content: Buffer.from('c\n').toString('base64'),
    branch: 'staging',
  });
  const after = put.body.commit.sha as string;
  const moved = await delivered();
  expect(summary(moved)).toEqual([
    'push refs/heads/staging',
    `pull_request:synchronize refs/pull/${pr.body.number as number}/merge`,
  ]);
  expect(moved[1]?.payload).toMatchObject({
    before: next,
    after,
    pull_request: { head: { sha: after } },
  });
  await api('DELETE', '/repos/acme/app/git/refs/heads/feature');
  const gone = await delivered();
  expect(summary(gone)).toEqual(['push refs/heads/feature', 'delete refs/heads/feature']);
  expect(gone[0]?.payload).toMatchObject({
    deleted: true,
    after: '0'.repeat(40),
    head_commit: null,
  });
});

test('labels, a review, a merge: labeled, pull_request_review submitted, closed (merged) and a push to the base', async () => {
  await gh.git.commit({ branch: 'staging', files: { a: 'a\n' }, message: 'feat: a' });
  const pr = await api('POST', '/repos/acme/app/pulls', {
    head: 'staging',
    base: 'main',
    title: 'x',
  });
  const n = pr.body.number as number;
  await delivered();
  await api('POST', `/repos/acme/app/issues/${n}/labels`, { labels: ['release:minor'] });
  await api('DELETE', `/repos/acme/app/issues/${n}/labels/release:minor`);
  const labels = await delivered();
  expect(summary(labels)).toEqual([
    `pull_request:labeled refs/pull/${n}/merge`,
    `pull_request:unlabeled refs/pull/${n}/merge`,
  ]);
  expect(labels[0]?.payload.label).toMatchObject({ name: 'release:minor' });
  gh.state.tokens = { reviewer: 'octocat' };
  await client(gh, 'reviewer')('POST', `/repos/acme/app/pulls/${n}/reviews`, { event: 'APPROVE' });
  const [review] = await delivered();
  expect(review).toMatchObject({
    name: 'pull_request_review',
    payload: { action: 'submitted', review: { state: 'APPROVED', user: { login: 'octocat' } } },
  });
  gh.state.tokens = {};
  const before = await gh.git.revParse('main');
  const merged = await api('PUT', `/repos/acme/app/pulls/${n}/merge`, {});
  const done = await delivered();
  expect(summary(done)).toEqual([
    `pull_request:closed refs/pull/${n}/merge`,
    'push refs/heads/main',
  ]);
  expect(done[0]?.payload.pull_request).toMatchObject({
    merged: true,
    merge_commit_sha: merged.body.sha,
  });
  expect(done[1]?.payload).toMatchObject({ before, after: merged.body.sha });
});

test("events caused with a GITHUB_TOKEN start no workflow; an App's or a PAT's do", async () => {
  await gh.git.commit({ branch: 'staging', files: { a: 'a\n' }, message: 'feat: a' });
  const job = gh.tokens.mint({ kind: 'github-token', permissions: { 'pull-requests': 'write' } });
  await client(gh, job)('POST', '/repos/acme/app/pulls', {
    head: 'staging',
    base: 'main',
    title: 'x',
  });
  const [byJob] = await delivered();
  expect(byJob?.actor).toEqual({
    login: 'github-actions[bot]',
    tokenKind: 'github-token',
    startsWorkflows: false,
  });
  const app = gh.tokens.mint({ kind: 'app', login: 'promote-app[bot]' });
  await client(gh, app)('POST', '/repos/acme/app/issues/1/labels', { labels: ['a'] });
  const [byApp] = await delivered();
  expect(byApp?.actor).toEqual({
    login: 'promote-app[bot]',
    tokenKind: 'app',
    startsWorkflows: true,
  });
  expect(byApp?.payload.sender).toMatchObject({ login: 'promote-app[bot]' });
});

test('workflow_dispatch: validated against the workflow file at the ref, then emitted with the inputs', async () => {
  const api404 = await api('POST', '/repos/acme/app/actions/workflows/rollback.yml/dispatches', {
    ref: 'main',
  });
  expect(api404.status).toBe(404);
  expect(api404.body.message).toBe('Not Found');
  await gh.git.commit({
    branch: 'main',
    files: {
      '.github/workflows/rollback.yml': [
        'name: Rollback',
        'on:',
        '  workflow_dispatch:',
        '    inputs:',
        '      release: { required: true, type: string }',
        '      reason: { required: false, default: "manual" }',
        'jobs: {}',
        '',
      ].join('\n'),
      '.github/workflows/ci.yml': 'on: [push]\njobs: {}\n',
    },
    message: 'ci: workflows',
  });
  const dispatch = (body: unknown, file = 'rollback.yml') =>
    api('POST', `/repos/acme/app/actions/workflows/${file}/dispatches`, body);
  const unexpected = await dispatch({ ref: 'main', inputs: { release: 'v1', x: '1' } });
  expect(unexpected.status).toBe(422);
  expect(unexpected.body.message).toBe('Unexpected inputs provided: ["x"]');
  const missing = await dispatch({ ref: 'main', inputs: { reason: 'r' } });
  expect(missing.status).toBe(422);
  expect(missing.body.message).toBe("Required input 'release' not provided");
  const noTrigger = await dispatch({ ref: 'main' }, 'ci.yml');
  expect(noTrigger.status).toBe(422);
  expect(noTrigger.body.message).toBe("Workflow does not have 'workflow_dispatch' trigger");
  // The workflow is read at the ref: a branch without it answers 404.
  await gh.git.branch('old', (await gh.git.log('main')).at(-1)!.sha);
  expect((await dispatch({ ref: 'old', inputs: { release: 'v1' } })).status).toBe(404);
  expect(await delivered()).toEqual([]);
  expect(gh.state.dispatches).toEqual([]);

  const ok = await dispatch({ ref: 'main', inputs: { release: 'v1.4.0' } });
  expect(ok.status).toBe(204);
  const [event] = await delivered();
  expect(event).toMatchObject({
    name: 'workflow_dispatch',
    ref: 'refs/heads/main',
    sha: await gh.git.revParse('main'),
    payload: {
      inputs: { release: 'v1.4.0' },
      ref: 'refs/heads/main',
      workflow: '.github/workflows/rollback.yml',
    },
  });

  // A dispatch made with a job's GITHUB_TOKEN starts its workflow: the one exception (with
  // repository_dispatch) to "events caused by the GITHUB_TOKEN start no workflow".
  const job = gh.tokens.mint({ kind: 'github-token', permissions: { actions: 'write' } });
  const byJob = await client(gh, job)(
    'POST',
    '/repos/acme/app/actions/workflows/rollback.yml/dispatches',
    { ref: 'main', inputs: { release: 'v1.4.0' } },
  );
  expect(byJob.status).toBe(204);
  const [fromJob] = await delivered();
  expect(fromJob?.actor).toEqual({
    login: 'github-actions[bot]',
    tokenKind: 'github-token',
    startsWorkflows: true,
  });
});

test('a failing listener is recorded in errors, never thrown into the request; emit() and unsubscribe work', async () => {
  const off = gh.onEvent(() => {
    throw new Error('listener broke');
  });
  const main = (await gh.git.revParse('main')) as string;
  const created = await api('POST', '/repos/acme/app/git/refs', { ref: 'refs/tags/v1', sha: main });
  expect(created.status).toBe(201);
  await delivered();
  expect(gh.errors).toEqual([
    expect.stringContaining('listener broke'),
    expect.stringContaining('listener broke'),
  ]);
  gh.errors.length = 0;
  off();
  gh.emit({
    name: 'merge_group',
    ref: 'refs/heads/gh-readonly-queue/main/pr-1',
    sha: main,
    actor: { login: 'octocat', tokenKind: 'pat', startsWorkflows: true },
    payload: { action: 'checks_requested' },
  });
  expect(summary(await delivered())).toEqual([
    'merge_group:checks_requested refs/heads/gh-readonly-queue/main/pr-1',
  ]);
  expect(gh.errors).toEqual([]);
});

test('a refused request emits nothing', async () => {
  gh.state.protection.main = { required_pull_request_reviews: {} };
  const next = await gh.git.commit({ branch: 'feature', files: { b: 'b' }, message: 'b' });
  expect((await api('PATCH', '/repos/acme/app/git/refs/heads/main', { sha: next })).status).toBe(
    422,
  );
  expect(await delivered()).toEqual([]);
});

test('publishing a release creates its tag: push and create of refs/tags/<tag>', async () => {
  const main = (await gh.git.revParse('main')) as string;
  await api('POST', '/repos/acme/app/releases', { tag_name: 'v1.0.0', target_commitish: 'main' });
  expect(summary(await delivered())).toEqual(['push refs/tags/v1.0.0', 'create refs/tags/v1.0.0']);
  expect(await gh.git.revParse('refs/tags/v1.0.0')).toBe(main);
  // A draft has no tag yet, and so no event.
  await api('POST', '/repos/acme/app/releases', { tag_name: 'v1.1.0', draft: true });
  expect(await delivered()).toEqual([]);
});
