import type { GitHubClient, RepoRef } from './client.js';
import type { Logger } from '../logger.js';
import { isAlreadyExists } from './request-errors.js';
import { PULL_REQUEST_BODY_LIMIT, fitText } from './limits.js';
import { silentLogger, type UpsertOperation } from './operation.js';

type PullRequest = Awaited<ReturnType<GitHubClient['rest']['pulls']['create']>>['data'];

export interface PullRequestSpec {
  /** Branch name (same repository) or `owner:branch` (fork). */
  head: string;
  base: string;
  title: string;
  body: string;
  /** Only used when creating; the REST API cannot change draft state afterwards. */
  draft?: boolean;
}

export interface PullRequestResult {
  pr: PullRequest;
  operation: UpsertOperation;
}

async function findOpenPullRequest(
  gh: GitHubClient,
  repo: RepoRef,
  head: string,
  base: string,
): Promise<PullRequest | undefined> {
  const open = await gh.paginate(gh.rest.pulls.list, {
    ...repo,
    state: 'open',
    head,
    base,
    per_page: 100,
  });
  // The lowest number is the original if anything ever opened two.
  return open.sort((a, b) => a.number - b.number)[0] as PullRequest | undefined;
}

/**
 * One open PR from `head` into `base`: found by head (`owner:branch`) and updated, or created.
 * A create that arrived twice gets GitHub's 422 "A pull request already exists", which is
 * answered by finding and updating the one that exists.
 */
export async function createOrUpdatePullRequest(
  gh: GitHubClient,
  repo: RepoRef,
  spec: PullRequestSpec,
  logger: Logger = silentLogger,
): Promise<PullRequestResult> {
  const head = spec.head.includes(':') ? spec.head : `${repo.owner}:${spec.head}`;
  const body = fitText(spec.body, PULL_REQUEST_BODY_LIMIT, 'PR body');

  const update = async (existing: PullRequest): Promise<PullRequestResult> => {
    if (existing.title === spec.title && (existing.body ?? '') === body) {
      logger.info(`PR #${existing.number} (${head} -> ${spec.base}) is already up to date.`);
      return { pr: existing, operation: 'unchanged' };
    }
    const { data } = await gh.rest.pulls.update({
      ...repo,
      pull_number: existing.number,
      title: spec.title,
      body,
    });
    logger.info(`Updated PR #${data.number}: ${data.html_url}`);
    return { pr: data as PullRequest, operation: 'updated' };
  };

  const existing = await findOpenPullRequest(gh, repo, head, spec.base);
  if (existing) return update(existing);

  try {
    const { data } = await gh.rest.pulls.create({
      ...repo,
      head: spec.head,
      base: spec.base,
      title: spec.title,
      body,
      draft: spec.draft ?? false,
    });
    logger.info(`Opened PR #${data.number}: ${data.html_url}`);
    return { pr: data, operation: 'created' };
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    // Our first create landed but its response was lost (plugin-retry re-sent it), or another
    // run opened it between our look-up and our create.
    const found = await findOpenPullRequest(gh, repo, head, spec.base);
    if (!found) throw error;
    logger.info(`PR #${found.number} already existed (a create arrived twice); updating it.`);
    return update(found);
  }
}
