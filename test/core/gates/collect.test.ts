import type { GitHubClient } from '../../../packages/core/src/github/client.js';
import { PR_FILES_LIMIT, readPullRequestFiles } from '../../../packages/core/src/gates/collect.js';
import { facts } from './facts-builder.js';

// GitHub's list stops at 3,000 files while the PR's changed_files keeps the true count.
function listing(count: number): GitHubClient {
  const files = Array.from({ length: count }, (_, i) => ({
    filename: `f${i}.ts`,
    status: 'added',
    additions: 1,
    deletions: 0,
    patch: '@@ -0,0 +1 @@\n+x',
  }));
  return {
    paginate: async () => files,
    rest: { pulls: { listFiles: () => undefined } },
  } as unknown as GitHubClient;
}

describe('reading the PR files once', () => {
  const repo = { owner: 'acme', repo: 'app' };

  test('a PR of exactly 3,000 files is read completely', async () => {
    const r = await readPullRequestFiles(listing(PR_FILES_LIMIT), repo, {
      ...facts().pr,
      changedFiles: 3000,
    });
    expect(r.files).toHaveLength(3000);
    expect(r.truncated).toBeUndefined();
  });

  test('a PR of 3,500 files is marked truncated with the reason, so diff-reading gates fail closed', async () => {
    const r = await readPullRequestFiles(listing(PR_FILES_LIMIT), repo, {
      ...facts().pr,
      changedFiles: 3500,
    });
    expect(r.truncated).toBe(
      'the PR changes 3500 files but GitHub lists at most 3000 (got 3000); split the promotion',
    );
  });
});
