import { describeGitHubError } from '@promote/core/github/request-errors';
import {
  createOrUpdatePullRequest,
  createOrUpdateRef,
  resolveRef,
} from '@promote/core/github/upsert';
import { hasVersionSection } from './changelog.js';
import {
  changedFiles,
  type ChangelogBase,
  type ChangelogRequest,
  type ChangelogResult,
} from './changelog-files.js';
import { commitTree, readFileAt, writeCommit } from './git-data.js';
import type { PublishDeps } from './publish.js';

const changelogBranch = (tag: string) =>
  `promote/changelog-${tag.replace(/[^A-Za-z0-9._/-]/g, '-')}`;

/** The commit on the changelog pull request's branch when it already holds the version's section. */
export async function changelogBranchCommit(
  deps: PublishDeps,
  req: ChangelogRequest,
): Promise<string | undefined> {
  const { gh, repo } = deps;
  const existing = await resolveRef(gh, repo, `heads/${changelogBranch(req.tag)}`);
  if (!existing) return undefined;
  const text = await readFileAt(gh, repo, await commitTree(gh, repo, existing), req.path);
  return text !== null && hasVersionSection(text, req.version) ? existing : undefined;
}

export async function openChangelogPullRequest(
  deps: PublishDeps,
  req: ChangelogRequest,
  at: ChangelogBase,
): Promise<ChangelogResult> {
  const { gh, repo, logger } = deps;
  const branch = changelogBranch(req.tag);
  // The branch may exist from an earlier attempt: reuse its commit when it already has the section.
  let commitSha = await changelogBranchCommit(deps, req);
  if (!commitSha) {
    const files = await changedFiles(deps, req, at.tree, at.current);
    commitSha = await writeCommit(
      deps,
      at.tree,
      at.head,
      files,
      `chore(release): ${req.tag} changelog`,
    );
    await createOrUpdateRef(gh, repo, `heads/${branch}`, commitSha, { force: true }, logger);
  }
  const { pr, operation } = await createOrUpdatePullRequest(
    gh,
    repo,
    {
      head: branch,
      base: req.branch,
      title: `chore(release): changelog for ${req.tag}`,
      body: `The changelog section for ${req.tag} (tagged at ${req.targetSha}). Merge it to record the release in ${req.path}.\n\n${req.section}`,
    },
    logger,
  );
  logger.info(`Changelog pull request ${operation}: ${pr.html_url}`);
  return {
    outcome: operation === 'unchanged' ? 'unchanged' : 'created',
    section: req.section,
    pullRequestUrl: pr.html_url,
  };
}

/**
 * Mode commit could not commit (`why`): the changelog as a pull request instead. If that fails
 * too, the changelog is not written, and the release still goes ahead: it never waits on it.
 */
export async function changelogPullRequestInstead(
  deps: PublishDeps,
  req: ChangelogRequest,
  at: ChangelogBase,
  why: string,
): Promise<ChangelogResult> {
  try {
    return {
      ...(await openChangelogPullRequest(deps, req, at)),
      fallback: why,
    };
  } catch (error) {
    return {
      outcome: 'skipped',
      section: req.section,
      fallback: `${why}, and the changelog pull request could not be opened either (${describeGitHubError(error)}); give the token pull-requests: write, or set release.changelog.mode: skip`,
    };
  }
}
