import type { GitHubClient, RepoRef } from './client.js';
import type { Logger } from '../logger.js';
import { STATUS_DESCRIPTION_LIMIT, fitLine } from './limits.js';
import { silentLogger } from './operation.js';

type CommitStatus = Awaited<
  ReturnType<GitHubClient['rest']['repos']['createCommitStatus']>
>['data'];
type ListedStatus = Awaited<
  ReturnType<GitHubClient['rest']['repos']['listCommitStatusesForRef']>
>['data'][number];

export type CommitState = 'error' | 'failure' | 'pending' | 'success';

export interface CommitStatusSpec {
  context: string;
  state: CommitState;
  /** Cut to 140 characters (GitHub rejects longer). */
  description: string;
  targetUrl?: string;
}

export interface CommitStatusResult {
  status: CommitStatus | ListedStatus;
  operation: 'created' | 'unchanged';
}

/**
 * Records a commit status. Statuses are append-only and GitHub keeps at most 1,000 per SHA and
 * context, so nothing is posted when the latest one for this context already says the same thing
 * (a re-run, or a create that arrived twice, costs nothing).
 */
export async function createCommitStatus(
  gh: GitHubClient,
  repo: RepoRef,
  sha: string,
  spec: CommitStatusSpec,
  logger: Logger = silentLogger,
): Promise<CommitStatusResult> {
  const description = fitLine(spec.description, STATUS_DESCRIPTION_LIMIT);
  // Newest first: the first page holds the latest status of this context if any recent one exists.
  const { data: recent } = await gh.rest.repos.listCommitStatusesForRef({
    ...repo,
    ref: sha,
    per_page: 100,
  });
  const latest = recent.find((s) => s.context === spec.context);
  if (
    latest &&
    latest.state === spec.state &&
    (latest.description ?? '') === description &&
    (latest.target_url ?? '') === (spec.targetUrl ?? '')
  ) {
    logger.info(
      `Status "${spec.context}" on ${sha.slice(0, 7)} already ${spec.state}; not posted again.`,
    );
    return { status: latest, operation: 'unchanged' };
  }
  const { data } = await gh.rest.repos.createCommitStatus({
    ...repo,
    sha,
    context: spec.context,
    state: spec.state,
    description,
    ...(spec.targetUrl ? { target_url: spec.targetUrl } : {}),
  });
  logger.info(
    `Set status "${spec.context}" on ${sha.slice(0, 7)}: ${spec.state} (${description}).`,
  );
  return { status: data, operation: 'created' };
}
