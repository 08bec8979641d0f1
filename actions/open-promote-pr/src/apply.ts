import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import {
  createOrUpdatePullRequest,
  createOrUpdateRef,
  upsertIssueComment,
} from '@promote/core/github/upsert';
import { describeGitHubError, hasStatus } from '@promote/core/github/request-errors';
import type { Logger } from '@promote/core/logger';
import type { Progress } from '@promote/core/progress';
import type { PromoteConfig } from '@promote/core/config/sections/promote';
import type { PromotionPlan } from './plan.js';
import { formatReviewer, type Reviewer } from './rotation.js';
import { createAppSnapshot, type SnapshotEntry } from './app-snapshot.js';

export interface AppliedPromotion {
  number: number;
  url: string;
  operation: 'created' | 'updated';
  branch: string;
  headSha: string;
}

export type ActivePlan = Extract<PromotionPlan, { operation: 'create' | 'update' }>;

interface ApplyInput {
  gh: GitHubClient;
  repo: RepoRef;
  logger: Logger;
  plan: ActivePlan;
  body: string;
  production: string;
  staging: string;
  config: PromoteConfig;
  reviewer: Reviewer | undefined;
  override?: { comment: string };
  /** One app's promotion: what the snapshot commit holds (plan.snapshot says on which parents). */
  appSnapshot?: { targetTree: string; entries: SnapshotEntry[]; message: string };
  /** Told of each write that landed (a failure then says what is done). */
  progress?: Progress;
}

type PullRequest = { number: number; html_url: string };

const done = (input: ApplyInput, step: string) => input.progress?.done(step);

/**
 * The side effects, in an order a re-run can finish from any point: branch, PR, labels and
 * assignees, reviewer, then superseded PRs (comment first, then close) and the override comment.
 * Every step is create-or-update, so a retried request or a re-run creates nothing twice.
 */
export async function applyPlan(input: ApplyInput): Promise<AppliedPromotion> {
  const { gh, repo, plan } = input;
  await moveBranch(input);
  const { pr, created } = await openOrUpdatePullRequest(input);
  await addLabelsAndAssignees(input, pr);
  await requestReviewer(input, pr);
  await closeSuperseded(input, pr);
  if (input.override)
    await upsertIssueComment(gh, repo, pr.number, 'override', input.override.comment);
  return {
    number: pr.number,
    url: pr.html_url,
    operation: created ? 'created' : 'updated',
    branch: plan.branch,
    headSha: plan.headSha,
  };
}

/** The promotion branch at the staging snapshot: created, fast-forwarded, or left as it is. */
async function moveBranch(input: ApplyInput): Promise<void> {
  const { gh, repo, logger, plan } = input;
  if (plan.refMove === 'create') logger.info(`Snapshotting ${input.staging} to ${plan.branch} ...`);
  else if (plan.refMove === 'fast-forward')
    logger.info(`Moving ${plan.branch} to ${input.staging} at ${plan.headSha.slice(0, 7)} ...`);
  if (plan.refMove === 'none') return;
  let target = plan.headSha;
  if (plan.snapshot && input.appSnapshot) {
    // A re-run after a lost response makes the same tree again (same SHA) and a second commit
    // object nobody points at; only the ref move below is visible, and it happens once.
    target = await createAppSnapshot(gh, repo, {
      ...input.appSnapshot,
      parents: plan.snapshot.parents,
    });
    done(input, `snapshot commit ${target.slice(0, 7)}`);
  }
  // Never forced: a branch that is not an ancestor of staging (or, for an app, not this action's
  // snapshot) was refused by the plan, and a push that lands in between makes GitHub answer 422
  // "not a fast forward" here.
  await createOrUpdateRef(gh, repo, `heads/${plan.branch}`, target, { force: false }, logger);
  done(input, `branch ${plan.branch} at ${target.slice(0, 7)}`);
}

async function openOrUpdatePullRequest(
  input: ApplyInput,
): Promise<{ pr: PullRequest; created: boolean }> {
  const { gh, repo, logger, plan } = input;
  const { pr, operation } = await createOrUpdatePullRequest(gh, repo, {
    head: plan.branch,
    base: input.production,
    title: plan.title,
    body: input.body,
    draft: input.config.draft,
  });
  // A create whose response was lost comes back from the helper as found-and-updated; for the
  // user it is still the PR this promotion created.
  const created = operation === 'created' || plan.operation === 'create';
  logger.info(`${created ? 'Opening' : 'Updating'} PR ... ${pr.html_url}`);
  done(input, `PR #${pr.number} ${created ? 'opened' : 'updated'} (${pr.html_url})`);
  return { pr, created };
}

/** What the PR already has is not written again: a re-run with nothing new makes no writes. */
const has = (list: string[] | undefined, item: string) =>
  (list ?? []).some((x) => x.toLowerCase() === item.toLowerCase());

async function addLabelsAndAssignees(input: ApplyInput, pr: PullRequest): Promise<void> {
  const { gh, repo, plan, config } = input;
  const labels = config.labels.filter((l) => !has(plan.pr?.labels, l));
  const assignees = config.assignees.filter((a) => !has(plan.pr?.assignees, a));
  if (labels.length) {
    await gh.rest.issues.addLabels({ ...repo, issue_number: pr.number, labels });
    done(input, `labels ${labels.join(', ')}`);
  }
  if (assignees.length) {
    await gh.rest.issues.addAssignees({ ...repo, issue_number: pr.number, assignees });
    done(input, `assignees ${assignees.join(', ')}`);
  }
}

/** New commits re-request the review (the reviewer may have approved the old head already). */
async function requestReviewer(input: ApplyInput, pr: PullRequest): Promise<void> {
  const { gh, repo, logger, plan, reviewer } = input;
  if (!reviewer) return;
  const pending =
    plan.refMove === 'none' &&
    has(
      reviewer.kind === 'user' ? plan.pr?.requestedReviewers : plan.pr?.requestedTeams,
      reviewer.id,
    );
  if (pending) {
    logger.info(`Reviewer already requested: ${formatReviewer(reviewer, repo.owner)}`);
    return;
  }
  const who = formatReviewer(reviewer, repo.owner);
  try {
    await gh.rest.pulls.requestReviewers({
      ...repo,
      pull_number: pr.number,
      ...(reviewer.kind === 'user'
        ? { reviewers: [reviewer.id] }
        : { team_reviewers: [reviewer.id] }),
    });
    logger.info(`Reviewer requested: ${who}`);
    done(input, `reviewer ${who} requested`);
  } catch (error) {
    // 422: not a collaborator / team without access. The PR stands; a person can assign by hand.
    if (!hasStatus(error, 422)) throw error;
    logger.warning(
      `Could not request ${who} as reviewer on PR #${pr.number}: ${describeGitHubError(error)}. Give them access to the repository or fix promote.reviewers.`,
    );
  }
}

/** Older promotion PRs this one replaces: a comment pointing here, then closed. */
async function closeSuperseded(input: ApplyInput, pr: PullRequest): Promise<void> {
  const { gh, repo, logger, plan } = input;
  for (const old of plan.supersede) {
    if (old.number === pr.number) continue;
    await upsertIssueComment(
      gh,
      repo,
      old.number,
      'superseded',
      `Superseded by #${pr.number} (${pr.html_url}), which promotes ${input.staging} at ${plan.headSha.slice(0, 7)}. Closing this one.`,
    );
    await gh.rest.pulls.update({ ...repo, pull_number: old.number, state: 'closed' });
    logger.info(`Closed superseded PR #${old.number} (now in #${pr.number}).`);
    done(input, `superseded PR #${old.number} closed`);
  }
}
