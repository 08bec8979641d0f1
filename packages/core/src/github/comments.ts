import type { GitHubClient, RepoRef } from './client.js';
import type { Logger } from '../logger.js';
import { ConfigurationError } from '../errors.js';
import { hasStatus } from './request-errors.js';
import { COMMENT_BODY_LIMIT, fitText } from './limits.js';
import { silentLogger, type UpsertOperation } from './operation.js';

type IssueComment = Awaited<ReturnType<GitHubClient['rest']['issues']['createComment']>>['data'];

export interface CommentResult {
  comment: IssueComment;
  operation: UpsertOperation;
}

/** The hidden first line that identifies our comment: `<!-- promote:<marker> -->`. */
function commentMarker(marker: string): string {
  if (!/^[A-Za-z0-9._:/-]+$/.test(marker)) {
    throw new ConfigurationError(
      `comment marker "${marker}" may only contain letters, digits and . _ : / - (it goes inside an HTML comment).`,
    );
  }
  return `<!-- promote:${marker} -->`;
}

async function listMarked(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  tag: string,
): Promise<IssueComment[]> {
  // Every page: a busy PR has more than 100 comments, and a marker missed means a duplicate.
  const all = await gh.paginate(gh.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  return (all as IssueComment[])
    .filter((c) => (c.body ?? '').startsWith(tag))
    .sort((a, b) => a.id - b.id);
}

async function deleteExtras(
  gh: GitHubClient,
  repo: RepoRef,
  extras: IssueComment[],
  logger: Logger,
): Promise<void> {
  for (const extra of extras) {
    try {
      await gh.rest.issues.deleteComment({ ...repo, comment_id: extra.id });
      logger.info(`Deleted duplicate comment ${extra.id} (a create arrived twice).`);
    } catch (error) {
      if (!hasStatus(error, 404)) throw error; // someone else already removed it
    }
  }
}

/**
 * One comment per (issue or PR, marker): created, or edited in place. The body starts with a
 * hidden marker so it is found again on the next run. A create that arrived twice (retried POST)
 * is cleaned up at once: the oldest stays, carrying the newest body, the rest are deleted.
 */
export async function upsertIssueComment(
  gh: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  marker: string,
  body: string,
  logger: Logger = silentLogger,
): Promise<CommentResult> {
  const tag = commentMarker(marker);
  const full = fitText(`${tag}\n${body}`, COMMENT_BODY_LIMIT, 'comment');

  const ensure = async (
    keep: IssueComment,
    extras: IssueComment[],
    created: boolean,
  ): Promise<CommentResult> => {
    await deleteExtras(gh, repo, extras, logger);
    if (keep.body === full) {
      if (!created) logger.info(`Comment ${keep.id} on #${issueNumber} is already up to date.`);
      return { comment: keep, operation: created ? 'created' : 'unchanged' };
    }
    const { data } = await gh.rest.issues.updateComment({
      ...repo,
      comment_id: keep.id,
      body: full,
    });
    logger.info(`Updated comment ${data.id} on #${issueNumber}: ${data.html_url}`);
    return { comment: data, operation: created ? 'created' : 'updated' };
  };

  const existing = await listMarked(gh, repo, issueNumber, tag);
  const [first, ...rest] = existing;
  if (first) return ensure(first, rest, false);

  const { data: created } = await gh.rest.issues.createComment({
    ...repo,
    issue_number: issueNumber,
    body: full,
  });
  logger.info(`Commented on #${issueNumber}: ${created.html_url}`);
  const after = await listMarked(gh, repo, issueNumber, tag);
  const [oldest, ...extras] = after.length ? after : [created];
  return ensure(oldest ?? created, extras, true);
}
