// Issues, comments, labels, releases, deployments, workflow runs and contents.
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

test('issues and PRs share numbers; comments and labels work on both', async () => {
  const issue = await api('POST', '/repos/acme/app/issues', { title: 'Broken', labels: ['bug'] });
  expect(issue.body.number).toBe(1);
  await gh.git.commit({ branch: 'f', files: { a: 'a' }, message: 'a' });
  const pr = await api('POST', '/repos/acme/app/pulls', { title: 'Fix', head: 'f', base: 'main' });
  expect(pr.body.number).toBe(2);
  const labels = await api('POST', '/repos/acme/app/issues/2/labels', {
    labels: ['promotion', 'production'],
  });
  expect(labels.body.map((l: { name: string }) => l.name)).toEqual(['promotion', 'production']);
  expect(
    (await api('DELETE', '/repos/acme/app/issues/2/labels/production')).body.map(
      (l: { name: string }) => l.name,
    ),
  ).toEqual(['promotion']);
  expect((await api('DELETE', '/repos/acme/app/issues/2/labels/nope')).status).toBe(404);
  expect(
    (await api('PUT', '/repos/acme/app/issues/2/labels', { labels: ['x'] })).body.map(
      (l: { name: string }) => l.name,
    ),
  ).toEqual(['x']);
  expect(
    (await api('GET', '/repos/acme/app/pulls/2')).body.labels.map((l: { name: string }) => l.name),
  ).toEqual(['x']);
  const comment = await api('POST', '/repos/acme/app/issues/2/comments', {
    body: '<!-- promote -->\nhello',
  });
  expect(comment.status).toBe(201);
  await api('PATCH', `/repos/acme/app/issues/comments/${comment.body.id}`, {
    body: '<!-- promote -->\nupdated',
  });
  const comments = await api('GET', '/repos/acme/app/issues/2/comments');
  expect(comments.body.map((c: { body: string }) => c.body)).toEqual(['<!-- promote -->\nupdated']);
  expect((await api('DELETE', `/repos/acme/app/issues/comments/${comment.body.id}`)).status).toBe(
    204,
  );
  expect(gh.state.comments).toEqual([]);
  const all = await api('GET', '/repos/acme/app/issues?state=all');
  expect(
    all.body.map((i: { number: number; pull_request?: unknown }) => [
      i.number,
      i.pull_request !== undefined,
    ]),
  ).toEqual([
    [2, true],
    [1, false],
  ]);
  const closed = await api('PATCH', '/repos/acme/app/issues/1', { state: 'closed' });
  expect(closed.body).toMatchObject({ state: 'closed', state_reason: 'completed' });
});

test('a published release creates its tag in git; the tag name is unique; the body is capped', async () => {
  const main = await gh.git.revParse('main');
  const created = await api('POST', '/repos/acme/app/releases', {
    tag_name: 'v1.0.0',
    name: 'v1.0.0',
    body: 'notes',
  });
  expect(created.status).toBe(201);
  expect((await gh.git.tags())['v1.0.0']?.sha).toBe(main);
  const dup = await api('POST', '/repos/acme/app/releases', { tag_name: 'v1.0.0' });
  expect(dup.status).toBe(422);
  expect(dup.body.errors).toEqual([
    { resource: 'Release', code: 'already_exists', field: 'tag_name' },
  ]);
  const huge = await api('POST', '/repos/acme/app/releases', {
    tag_name: 'v2.0.0',
    body: 'x'.repeat(125001),
  });
  expect(huge.status).toBe(422);
  expect(gh.state.releases).toHaveLength(1);
  const together = await Promise.all([
    api('POST', '/repos/acme/app/releases', { tag_name: 'v3.0.0' }),
    api('POST', '/repos/acme/app/releases', { tag_name: 'v3.0.0' }),
  ]);
  expect(together.map((r) => r.status).sort()).toEqual([201, 422]);
  await api(
    'DELETE',
    `/repos/acme/app/releases/${together.find((r) => r.status === 201)?.body.id as number}`,
  );
  const draft = await api('POST', '/repos/acme/app/releases', { tag_name: 'v1.1.0', draft: true });
  expect((await gh.git.tags())['v1.1.0']).toBeUndefined();
  expect((await api('GET', '/repos/acme/app/releases/tags/v1.1.0')).status).toBe(404);
  await api('PATCH', `/repos/acme/app/releases/${draft.body.id}`, { draft: false });
  expect((await gh.git.tags())['v1.1.0']?.sha).toBe(main);
  expect((await api('GET', '/repos/acme/app/releases/latest')).body.tag_name).toBe('v1.1.0');
  expect((await api('GET', '/repos/acme/app/releases/tags/v1.0.0')).body.id).toBe(created.body.id);
  expect(
    (await api('GET', '/repos/acme/app/releases')).body.map(
      (r: { tag_name: string }) => r.tag_name,
    ),
  ).toEqual(['v1.1.0', 'v1.0.0']);
  const notes = await api('POST', '/repos/acme/app/releases/generate-notes', {
    tag_name: 'v1.2.0',
    previous_tag_name: 'v1.0.0',
  });
  expect(notes.body.body).toContain(
    '**Full Changelog**: https://github.com/acme/app/compare/v1.0.0...v1.2.0',
  );
  expect((await api('DELETE', `/repos/acme/app/releases/${draft.body.id}`)).status).toBe(204);
});

test('deployments filter by environment; statuses cap descriptions at 140 and retire older deployments', async () => {
  const d1 = await api('POST', '/repos/acme/app/deployments', {
    ref: 'main',
    environment: 'production',
    required_contexts: [],
  });
  expect(d1.status).toBe(201);
  await api('POST', `/repos/acme/app/deployments/${d1.body.id}/statuses`, { state: 'success' });
  const d2 = await api('POST', '/repos/acme/app/deployments', {
    ref: 'main',
    environment: 'production',
    required_contexts: [],
  });
  await api('POST', '/repos/acme/app/deployments', {
    ref: 'main',
    environment: 'staging',
    required_contexts: [],
  });
  const long = await api('POST', `/repos/acme/app/deployments/${d2.body.id}/statuses`, {
    state: 'success',
    description: 'x'.repeat(141),
  });
  expect(long.status).toBe(422);
  await api('POST', `/repos/acme/app/deployments/${d2.body.id}/statuses`, {
    state: 'success',
    description: 'sealed green',
  });
  const prod = await api('GET', '/repos/acme/app/deployments?environment=production');
  expect(prod.body.map((d: { id: number }) => d.id)).toEqual([d2.body.id, d1.body.id]);
  const old = await api('GET', `/repos/acme/app/deployments/${d1.body.id}/statuses`);
  expect(old.body.map((s: { state: string }) => s.state)).toEqual(['inactive', 'success']);
  const sha = (await gh.git.revParse('main')) as string;
  await api('POST', `/repos/acme/app/statuses/${sha}`, { state: 'failure', context: 'ci' });
  const blocked = await api('POST', '/repos/acme/app/deployments', { ref: 'main' });
  expect(blocked.status).toBe(409);
});

test('workflow runs are filtered by head SHA and status; dispatches are recorded', async () => {
  const sha = (await gh.git.revParse('main')) as string;
  const base = {
    name: 'CI',
    workflow_id: 7,
    path: '.github/workflows/ci.yml',
    head_branch: 'main',
    event: 'push',
    run_attempt: 1,
  };
  gh.state.workflows.push({ id: 7, name: 'CI', path: '.github/workflows/ci.yml', state: 'active' });
  gh.state.workflowRuns.push(
    {
      ...base,
      id: 1,
      head_sha: sha,
      status: 'completed',
      conclusion: 'success',
      run_number: 1,
      created_at: '2026-05-01T10:00:00Z',
      updated_at: '2026-05-01T10:05:00Z',
    },
    {
      ...base,
      id: 2,
      head_sha: 'b'.repeat(40),
      status: 'in_progress',
      conclusion: null,
      run_number: 2,
      created_at: '2026-05-01T11:00:00Z',
      updated_at: '2026-05-01T11:00:00Z',
    },
  );
  const bySha = await api('GET', `/repos/acme/app/actions/runs?head_sha=${sha}`);
  expect(bySha.body.workflow_runs.map((r: { id: number }) => r.id)).toEqual([1]);
  const success = await api('GET', '/repos/acme/app/actions/workflows/ci.yml/runs?status=success');
  expect(success.body.total_count).toBe(1);
  // GitHub reads the dispatched workflow from `ref`: it must be there and declare its inputs.
  await gh.git.commit({
    branch: 'main',
    files: {
      '.github/workflows/rollback.yml':
        'on:\n  workflow_dispatch:\n    inputs:\n      release: { required: true }\njobs: {}\n',
    },
    message: 'ci: rollback workflow',
  });
  const dispatch = await api('POST', '/repos/acme/app/actions/workflows/rollback.yml/dispatches', {
    ref: 'main',
    inputs: { release: 'v1.0.0' },
  });
  expect(dispatch.status).toBe(204);
  expect(gh.state.dispatches).toEqual([
    expect.objectContaining({
      workflow_id: 'rollback.yml',
      ref: 'main',
      inputs: { release: 'v1.0.0' },
    }),
  ]);
  expect(
    (
      await api('POST', '/repos/acme/app/actions/workflows/rollback.yml/dispatches', {
        ref: 'nope',
      })
    ).status,
  ).toBe(422);
});

test('contents: read a file, create and update with the blob SHA, stale SHA is a 409', async () => {
  const readme = await api('GET', '/repos/acme/app/contents/README.md');
  expect(Buffer.from(readme.body.content, 'base64').toString()).toBe('# app\n');
  const created = await api('PUT', '/repos/acme/app/contents/CHANGELOG.md', {
    message: 'docs: changelog',
    content: Buffer.from('# v1\n').toString('base64'),
  });
  expect(created.status).toBe(201);
  expect(await gh.git.readFile('main', 'CHANGELOG.md')).toBe('# v1\n');
  const missingSha = await api('PUT', '/repos/acme/app/contents/CHANGELOG.md', {
    message: 'x',
    content: Buffer.from('x').toString('base64'),
  });
  expect(missingSha.status).toBe(422);
  const stale = await api('PUT', '/repos/acme/app/contents/CHANGELOG.md', {
    message: 'x',
    content: Buffer.from('x').toString('base64'),
    sha: readme.body.sha,
  });
  expect(stale.status).toBe(409);
  const updated = await api('PUT', '/repos/acme/app/contents/CHANGELOG.md', {
    message: 'docs: v2',
    content: Buffer.from('# v2\n').toString('base64'),
    sha: created.body.content.sha,
  });
  expect(updated.status).toBe(200);
  expect((await gh.git.log('main', { max: 1 }))[0]?.sha).toBe(updated.body.commit.sha);
  const v2 = updated.body.content.sha as string;
  const racing = await Promise.all(
    ['a', 'b'].map((x) =>
      api('PUT', '/repos/acme/app/contents/CHANGELOG.md', {
        message: x,
        content: Buffer.from(x).toString('base64'),
        sha: v2,
      }),
    ),
  );
  expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
  const injected = await api('PUT', '/repos/acme/app/contents/evil.md', {
    message: 'x',
    content: '',
    author: { name: 'a\nD README.md', email: 'a@b.c' },
  });
  expect(injected.status).toBe(422);
  expect(await gh.git.readFile('main', 'README.md')).toBe('# app\n');
  const dir = await api('GET', '/repos/acme/app/contents/');
  expect(dir.body.map((e: { name: string }) => e.name)).toEqual(['CHANGELOG.md', 'README.md']);
  gh.state.protection.main = {
    required_pull_request_reviews: { required_approving_review_count: 1 },
  };
  const refused = await api('PUT', '/repos/acme/app/contents/x.md', { message: 'x', content: '' });
  expect(refused.status).toBe(409);
});

test('rate limit, the authenticated user, collaborators and the repository answer', async () => {
  expect((await api('GET', '/rate_limit')).body.resources.core.limit).toBe(5000);
  gh.state.tokens = { 'pat-1': 'octocat' };
  expect((await client(gh, 'pat-1')('GET', '/user')).body.login).toBe('octocat');
  expect((await client(gh, 'pat-1')('GET', '/repos/acme/app/collaborators/octocat')).status).toBe(
    204,
  );
  expect((await client(gh, 'pat-1')('GET', '/repos/acme/app/collaborators/mallory')).status).toBe(
    404,
  );
  const repo = await client(gh, 'pat-1')('GET', '/repos/acme/app');
  expect(repo.body).toMatchObject({ full_name: 'acme/app', default_branch: 'main' });
  expect((await client(gh, 'pat-1')('GET', '/repos/other/app')).status).toBe(404);
});
