import type { Logger } from '@promote/core/logger';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { createOrUpdatePullRequest } from '@promote/core/github/upsert';
import { describeGitHubError, hasStatus } from '@promote/core/github/request-errors';
import { REASON_LIMIT } from '@promote/core/github/limits';
import { untrusted } from '@promote/core/untrusted-text';

/**
 * Open a PR that reverts the merge commit, through the git API (commits signed by GitHub, no
 * push to a protected branch): a commit with the tree of the merge's first parent on top of
 * production, on branch revert/<sha7>. Only when production still points at the merge, since
 * that tree would also undo anything merged after it.
 */
export async function openRevertPullRequest(o: {
  github: GitHubClient;
  repo: RepoRef;
  logger: Logger;
  mergeSha: string;
  productionBranch: string;
  reason?: string;
}): Promise<string> {
  const { github, repo } = o;
  try {
    const { data: head } = await github.rest.git.getRef({
      ...repo,
      ref: `heads/${o.productionBranch}`,
    });
    if (head.object.sha !== o.mergeSha) {
      return `No revert PR opened: ${o.productionBranch} moved past ${o.mergeSha.slice(0, 7)}; revert by hand with \`git revert -m 1 ${o.mergeSha}\`.`;
    }
    const { data: merge } = await github.rest.git.getCommit({ ...repo, commit_sha: o.mergeSha });
    const parent = merge.parents[0]?.sha;
    if (!parent) return `No revert PR opened: ${o.mergeSha.slice(0, 7)} has no parent.`;
    const { data: parentCommit } = await github.rest.git.getCommit({ ...repo, commit_sha: parent });
    const { data: commit } = await github.rest.git.createCommit({
      ...repo,
      tree: parentCommit.tree.sha,
      parents: [o.mergeSha],
      message: `Revert "${merge.message.split('\n')[0]}"\n\nThis reverts commit ${o.mergeSha}.\n`,
    });
    const branch = `revert/${o.mergeSha.slice(0, 7)}`;
    try {
      await github.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: commit.sha });
    } catch (error) {
      if (!hasStatus(error, 422)) throw error;
      await github.rest.git.updateRef({
        ...repo,
        ref: `heads/${branch}`,
        sha: commit.sha,
        force: true,
      });
    }
    const pr = await createOrUpdatePullRequest(github, repo, {
      head: branch,
      base: o.productionBranch,
      title: `Revert ${o.mergeSha.slice(0, 7)} after rollback`,
      body: `Production was rolled back to the backup taken before ${o.mergeSha}.\n\nReason: ${untrusted(o.reason, 'inline', { max: REASON_LIMIT })}\n\nThis reverts the merge so the next promotion does not run the same migration again.`,
    });
    return `Revert PR: ${pr.pr.html_url}`;
  } catch (error) {
    o.logger.warning(`Could not open the revert PR: ${describeGitHubError(error)}`);
    return `No revert PR opened (${describeGitHubError(error)}); revert by hand with \`git revert -m 1 ${o.mergeSha}\`.`;
  }
}
