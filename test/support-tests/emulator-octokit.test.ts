// Real clients work against the emulator: @actions/github's Octokit, pagination, retry and throttling.
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { expectClean } from './emulator-helpers.js';

let gh: Emulator;
beforeEach(async () => {
  gh = await startEmulator();
});
afterEach(async () => {
  try {
    expectClean(gh);
  } finally {
    await gh.close();
  }
});

function octokit(withPlugins = false) {
  if (!withPlugins) return getOctokit('ghs_octokit', { baseUrl: gh.url });
  return getOctokit(
    'ghs_octokit',
    {
      baseUrl: gh.url,
      request: { retries: 3, retryAfter: 0 },
      throttle: {
        onRateLimit: () => true,
        onSecondaryRateLimit: () => true,
      },
      retry: { retryAfterBaseValue: 1 },
    },
    retry,
    throttling,
  );
}

test("getOctokit reads refs, opens a PR and sees GitHub's 422 as a RequestError", async () => {
  const kit = octokit();
  const head = await gh.git.commit({
    branch: 'promote/may',
    files: { 'x.txt': 'x\n' },
    message: 'feat: x',
  });
  const ref = await kit.rest.git.getRef({ owner: 'acme', repo: 'app', ref: 'heads/promote/may' });
  expect(ref.data.object.sha).toBe(head);
  const pr = await kit.rest.pulls.create({
    owner: 'acme',
    repo: 'app',
    head: 'promote/may',
    base: 'main',
    title: 'Promote',
  });
  expect(pr.status).toBe(201);
  await expect(
    kit.rest.pulls.create({
      owner: 'acme',
      repo: 'app',
      head: 'promote/may',
      base: 'main',
      title: 'Promote',
    }),
  ).rejects.toMatchObject({
    status: 422,
    message: expect.stringContaining('A pull request already exists for acme:promote/may.'),
  });
  const content = await kit.rest.repos.getContent({
    owner: 'acme',
    repo: 'app',
    path: 'x.txt',
    ref: 'promote/may',
  });
  expect(Buffer.from((content.data as { content: string }).content, 'base64').toString()).toBe(
    'x\n',
  );
});

test('octokit.paginate follows the Link headers through every page of tags', async () => {
  const sha = (await gh.git.revParse('main')) as string;
  for (let i = 0; i < 45; i++) await gh.git.run(['update-ref', `refs/tags/v1.${i}.0`, sha]);
  const kit = octokit();
  const tags = await kit.paginate(kit.rest.repos.listTags, {
    owner: 'acme',
    repo: 'app',
    per_page: 10,
  });
  expect(tags).toHaveLength(45);
  expect(new Set(tags.map((t) => t.name)).size).toBe(45);
  expect(gh.countRequests({ operationId: 'repos/list-tags' })).toBe(5);
});

test('plugin-retry rides over a 502 and plugin-throttling over a secondary rate limit', async () => {
  const kit = octokit(true);
  gh.faults.inject({ operationId: 'repos/get', kind: '5xx', status: 502 });
  expect((await kit.rest.repos.get({ owner: 'acme', repo: 'app' })).data.full_name).toBe(
    'acme/app',
  );
  gh.faults.inject({ operationId: 'issues/create', kind: 'secondary-rate-limit' });
  const issue = await kit.rest.issues.create({
    owner: 'acme',
    repo: 'app',
    title: 'after a pause',
  });
  expect(issue.data.number).toBe(1);
  expect(gh.state.issues).toHaveLength(1);
  expect(gh.filterRequests({ operationId: 'issues/create' }).map((r) => r.status)).toEqual([
    403, 201,
  ]);
});

test('check runs round-trip through Octokit with annotations appended across requests', async () => {
  const kit = octokit();
  const sha = (await gh.git.revParse('main')) as string;
  const annotations = Array.from({ length: 50 }, (_, i) => ({
    path: 'a.ts',
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: 'notice' as const,
    message: `n${i}`,
  }));
  const run = await kit.rest.checks.create({
    owner: 'acme',
    repo: 'app',
    name: 'preflight',
    head_sha: sha,
    output: { title: 't', summary: 's', annotations },
  });
  await kit.rest.checks.update({
    owner: 'acme',
    repo: 'app',
    check_run_id: run.data.id,
    conclusion: 'success',
    output: { title: 't', summary: 's', annotations },
  });
  const listed = await kit.rest.checks.listForRef({
    owner: 'acme',
    repo: 'app',
    ref: sha,
    check_name: 'preflight',
  });
  expect(listed.data.check_runs[0]).toMatchObject({
    conclusion: 'success',
    output: { annotations_count: 100 },
  });
  const all = await kit.paginate(kit.rest.checks.listAnnotations, {
    owner: 'acme',
    repo: 'app',
    check_run_id: run.data.id,
    per_page: 30,
  });
  expect(all).toHaveLength(100);
});

test('GitHub Enterprise Server style baseUrl (/api/v3) works too', async () => {
  const kit = getOctokit('ghs_x', { baseUrl: `${gh.url}/api/v3` });
  expect((await kit.rest.repos.get({ owner: 'acme', repo: 'app' })).data.default_branch).toBe(
    'main',
  );
});

test('mediaType diff returns the raw diff git produces, for a comparison and a pull request', async () => {
  const kit = octokit();
  await gh.git.commit({ branch: 'feature', files: { 'a.txt': 'hello\n' }, message: 'feat: a' });
  const compare = await kit.rest.repos.compareCommitsWithBasehead({
    owner: 'acme',
    repo: 'app',
    basehead: 'main...feature',
    mediaType: { format: 'diff' },
  });
  const diff = compare.data as unknown as string;
  expect(diff).toMatch(/^diff --git a\/a.txt b\/a.txt\nnew file mode 100644\n/);
  expect(diff).toContain('+hello');
  await kit.rest.pulls.create({
    owner: 'acme',
    repo: 'app',
    head: 'feature',
    base: 'main',
    title: 'F',
  });
  const pr = await kit.rest.pulls.get({
    owner: 'acme',
    repo: 'app',
    pull_number: 1,
    mediaType: { format: 'diff' },
  });
  expect(pr.data as unknown as string).toBe(diff);
  const patch = await kit.rest.pulls.get({
    owner: 'acme',
    repo: 'app',
    pull_number: 1,
    mediaType: { format: 'patch' },
  });
  expect(patch.data as unknown as string).toContain('Subject: [PATCH] feat: a');
});
