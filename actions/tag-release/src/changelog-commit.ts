import { ConfigurationError } from '@promote/core/errors';
import { describeGitHubError, hasStatus, isGitHubError } from '@promote/core/github/request-errors';
import { resolveRef } from '@promote/core/github/upsert';
import { extractVersionSection, hasVersionSection } from './changelog.js';
import {
  changedFiles,
  type ChangelogBase,
  type ChangelogRequest,
  type ChangelogResult,
} from './changelog-files.js';
import {
  changelogBranchCommit,
  changelogPullRequestInstead,
  openChangelogPullRequest,
} from './changelog-pr.js';
import { commitTree, readFileAt, writeCommit } from './git-data.js';
import type { PublishDeps } from './publish.js';

/** GitHub's refusal to move a protected branch (GH006 in git, 409/422 in the REST API). */
export function isProtectedBranchRefusal(error: unknown): boolean {
  if (
    !isGitHubError(error) ||
    (error.status !== 409 && error.status !== 422 && error.status !== 403)
  )
    return false;
  const text = `${error.message} ${JSON.stringify(error.response?.data ?? '')}`;
  return /protected branch|GH006|required status check|must be made through a pull request|Repository rule violations/i.test(
    text,
  );
}

/**
 * CHANGELOG.md (and version files) in one commit made through the Git Data API, so GitHub signs
 * it, on top of the production branch's current head (which must contain the merge commit). The
 * tag stays on the merge commit: it marks what runs in production; the changelog commit follows.
 * Idempotent: a changelog that already has the version's section is not written again.
 *
 * A branch that refuses the commit (branch protection or a ruleset requiring pull requests:
 * https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches)
 * never blocks the release: the changelog goes to a pull request instead, and the tag and the
 * release follow as usual. A re-run finds that pull request and writes nothing.
 */
export async function commitChangelog(
  deps: PublishDeps,
  req: ChangelogRequest,
): Promise<ChangelogResult> {
  for (let attempt = 1; ; attempt++) {
    const at = await readChangelogBase(deps, req);
    if (at.current !== null && hasVersionSection(at.current, req.version)) {
      deps.logger.info(
        `${req.path} on ${req.branch} already has ${req.version}; not writing it again.`,
      );
      return {
        outcome: 'unchanged',
        section: extractVersionSection(at.current, req.version) ?? req.section,
      };
    }
    if (req.mode === 'pull-request') return openChangelogPullRequest(deps, req, at);
    // An earlier run found the branch refusing the commit and opened a pull request: finish that.
    if (await changelogBranchCommit(deps, req)) {
      return changelogPullRequestInstead(
        deps,
        req,
        at,
        `an earlier run found ${req.branch} refusing the direct changelog commit`,
      );
    }
    const result = await commitToBranch(deps, req, at, attempt);
    if (result !== 'branch moved') return result;
  }
}

/** The branch's head (which must contain the release commit), its tree and its changelog. */
async function readChangelogBase(deps: PublishDeps, req: ChangelogRequest): Promise<ChangelogBase> {
  const { gh, repo } = deps;
  const head = await resolveRef(gh, repo, `heads/${req.branch}`);
  if (!head)
    throw new ConfigurationError(
      `branch "${req.branch}" (branches.production) does not exist in ${repo.owner}/${repo.repo}.`,
    );
  if (head !== req.targetSha && !(await req.isAncestor(req.targetSha, head))) {
    throw new Error(
      `the ${req.branch} branch (at ${head}) does not contain the release commit ${req.targetSha}; the changelog commit must come after it. Release from a commit on ${req.branch}.`,
    );
  }
  const tree = await commitTree(gh, repo, head);
  const current = await readFileAt(gh, repo, tree, req.path);
  return { head, tree, current };
}

/**
 * One attempt at the direct commit on the branch. A refusing branch sends the changelog to a pull
 * request; 'branch moved' when someone pushed in between (the caller reads the new head).
 */
async function commitToBranch(
  deps: PublishDeps,
  req: ChangelogRequest,
  at: ChangelogBase,
  attempt: number,
): Promise<ChangelogResult | 'branch moved'> {
  const { gh, repo, logger } = deps;
  const files = await changedFiles(deps, req, at.tree, at.current);
  const commitSha = await writeCommit(
    deps,
    at.tree,
    at.head,
    files,
    `chore(release): ${req.tag} [skip ci]\n\nChangelog for ${req.tag} (${req.targetSha}).`,
  );
  try {
    await gh.rest.git.updateRef({
      ...repo,
      ref: `heads/${req.branch}`,
      sha: commitSha,
      force: false,
    });
    // The ship step logs the outcome once ("CHANGELOG.md updated in <sha>").
    logger.debug(`Committed ${files.map((f) => f.path).join(', ')} to ${req.branch}: ${commitSha}`);
    return { outcome: 'created', section: req.section, commitSha };
  } catch (error) {
    if (isProtectedBranchRefusal(error)) {
      const why = `${req.branch} refused the direct changelog commit (${describeGitHubError(error)})`;
      logger.warning(
        `${why}: opening the changelog as a pull request instead; the tag and the release go ahead. ` +
          'To commit directly, let the token bypass the rule (a GitHub App in the bypass list), or set release.changelog.mode: pull-request to skip this attempt.',
      );
      // A fresh commit, not the refused one: its "[skip ci]" would keep the PR's checks from running.
      return changelogPullRequestInstead(deps, req, at, why);
    }
    // Someone pushed in between (not a fast-forward): read the new head and try again.
    if (hasStatus(error, 422) && attempt < 3) {
      logger.info(
        `${req.branch} moved while committing the changelog (${describeGitHubError(error)}); retrying on the new head.`,
      );
      return 'branch moved';
    }
    throw error;
  }
}
