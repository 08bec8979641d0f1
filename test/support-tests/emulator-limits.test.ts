// GitHub's documented maxima, never loosened for the code's sake: per_page at most 100, a PR
// title of 256 characters, a label name of 50.
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

function commits(count: number) {
  return gh.git.commitMany(
    'staging',
    Array.from({ length: count }, (_, i) => ({ files: { 'n.txt': `${i}\n` }, message: `c${i}` })),
  );
}

function nextLink(link: string | null): URL | undefined {
  const m = /<([^>]+)>; rel="next"/.exec(link ?? '');
  return m ? new URL(m[1]!) : undefined;
}

test('compare with per_page=250 answers 100 commits (the documented maximum) and a Link to the next page', async () => {
  const shas = await commits(260);
  const first = await api('GET', '/repos/acme/app/compare/main...staging?per_page=250');
  expect(first.status).toBe(200);
  expect(first.body.total_commits).toBe(260);
  expect(first.body.commits.map((c: { sha: string }) => c.sha)).toEqual(shas.slice(0, 100));
  const next = nextLink(first.headers.get('link'));
  expect(next?.searchParams.get('page')).toBe('2');
  expect(next?.searchParams.get('per_page')).toBe('100');
  // Following Link reads every commit exactly once.
  const seen = [...first.body.commits];
  for (let url = next; url;) {
    const page = await api('GET', `${url.pathname}${url.search}`);
    seen.push(...page.body.commits);
    url = nextLink(page.headers.get('link'));
  }
  expect(seen.map((c: { sha: string }) => c.sha)).toEqual(shas);
  // Without page/per_page: at most 250 commits.
  const unpaged = await api('GET', '/repos/acme/app/compare/main...staging');
  expect(unpaged.body.commits).toHaveLength(250);
  expect(unpaged.body.total_commits).toBe(260);
});

test('every list caps per_page at 100', async () => {
  for (let i = 0; i < 105; i++)
    gh.state.labels.push({
      id: i + 1,
      name: `l${i}`,
      color: 'ededed',
      description: null,
      default: false,
    });
  const labels = await api('GET', '/repos/acme/app/labels?per_page=250');
  expect(labels.body).toHaveLength(100);
  expect(nextLink(labels.headers.get('link'))?.searchParams.get('per_page')).toBe('100');
});

test('a PR title over 256 characters is refused with 422, 256 is fine', async () => {
  await gh.git.commit({ branch: 'feature', files: { a: 'a' }, message: 'feat: a' });
  const long = await api('POST', '/repos/acme/app/pulls', {
    head: 'feature',
    base: 'main',
    title: 'x'.repeat(300),
  });
  expect(long.status).toBe(422);
  expect(long.body.message).toBe('Validation Failed');
  expect(long.body.errors).toEqual([
    expect.objectContaining({
      resource: 'PullRequest',
      field: 'title',
      message: 'title is too long (maximum is 256 characters)',
    }),
  ]);
  expect(gh.state.pulls).toEqual([]);
  const ok = await api('POST', '/repos/acme/app/pulls', {
    head: 'feature',
    base: 'main',
    title: 'x'.repeat(256),
  });
  expect(ok.status).toBe(201);
  const renamed = await api('PATCH', `/repos/acme/app/pulls/${ok.body.number as number}`, {
    title: 'y'.repeat(257),
  });
  expect(renamed.status).toBe(422);
  expect(gh.state.pulls[0]?.title).toBe('x'.repeat(256));
});

test('a label name over 50 characters is refused with 422, on the repository and on an issue', async () => {
  const name = 'released on @feature/a-branch-name-that-is-way-too-long'.slice(0, 51);
  expect(name).toHaveLength(51);
  const created = await api('POST', '/repos/acme/app/labels', { name });
  expect(created.status).toBe(422);
  expect(created.body.errors).toEqual([
    { value: name, resource: 'Label', field: 'name', code: 'invalid' },
  ]);
  const issue = await api('POST', '/repos/acme/app/issues', { title: 'i' });
  const added = await api('POST', `/repos/acme/app/issues/${issue.body.number as number}/labels`, {
    labels: [name],
  });
  expect(added.status).toBe(422);
  expect(gh.state.issues[0]?.labels).toEqual([]);
  expect((await api('POST', '/repos/acme/app/labels', { name: name.slice(0, 50) })).status).toBe(
    201,
  );
});
