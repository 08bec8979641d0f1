import {
  asMergeGroup,
  asMergedPullRequest,
  asPullRequestReview,
  asPullRequestUpdate,
  asPush,
  asWorkflowDispatch,
  isSkip,
  PULL_REQUEST_REVIEW_ACTIONS,
  PULL_REQUEST_UPDATE_ACTIONS,
  readEvent,
  type RunEvent,
} from './events.js';
import type { ActionIO } from './io.js';
import type { Logger } from './logger.js';
import { escapeInline } from './markdown.js';

/**
 * The one event guard of the suite (issue #16): each action declares the events, and the shapes
 * of them, it acts on; every other run is skipped with a one-line reason before any request that
 * writes. Each action is documented as usable on its own, so it cannot rely on a caller's `if:`.
 *
 * - `merged-pull-request`: pull_request / pull_request_target closed with merged: true, into the
 *   production branch.
 * - `production-push`: a push to the production branch that is neither a deletion (after = 0…,
 *   nothing to deploy or tag) nor a tag push.
 * - `pull-request-update`: pull_request / pull_request_target opened, synchronize, reopened,
 *   edited, labeled, unlabeled or ready_for_review, into any branch.
 * - `pull-request-review`: a review submitted or dismissed.
 * - `merge-group`: merge_group checks_requested (a required check must run there too, or the
 *   queue waits forever: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue).
 * - `workflow-dispatch`: a person ran it, with what `dispatch` requires.
 * - `schedule`: a cron trigger.
 */
export type EventShape =
  | 'merged-pull-request'
  | 'production-push'
  | 'pull-request-update'
  | 'pull-request-review'
  | 'merge-group'
  | 'workflow-dispatch'
  | 'schedule';

/**
 * What a workflow_dispatch needs before the action acts on it:
 * - `any`: nothing more (the action's own inputs say what to do);
 * - `pull-request`: the number of the PR to evaluate (input or dispatch input `pull-request`);
 * - `production-or-sha`: the `sha` input, or a dispatch from the production branch, so the
 *   commit acted on (GITHUB_SHA, the dispatched branch's head) is one production runs.
 */
export type DispatchNeeds = 'any' | 'pull-request' | 'production-or-sha';

export interface EventPolicy {
  action: string;
  accepts: readonly EventShape[];
  dispatch?: DispatchNeeds;
}

/** What the guard consults besides the event. All optional: a guard can run before the config. */
export interface GuardFacts {
  /**
   * branches.production. Undefined while the config is not read yet: branch rules then pass and
   * the caller judges again with it (tag-release reads the config through the API at the commit
   * the event names, which a deletion push does not have).
   */
  productionBranch?: string | undefined;
  /** The action's `sha` input, when given. */
  sha?: string | undefined;
  /** The action's `pull-request` input, when given. */
  pullRequest?: number | undefined;
}

export type EventVerdict =
  | {
      act: true;
      shape: EventShape;
      /** One line: what the run acts on, e.g. "pull request #12 merged into main". */
      what: string;
      /** The commit the event names (merge commit, pushed SHA); undefined for dispatch, schedule. */
      sha?: string;
      /** The branch the event concerns, when it has one. */
      branch?: string;
    }
  | { act: false; reason: string };

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

const skip = (reason: string): EventVerdict => ({ act: false, reason });

type Acting = Extract<EventVerdict, { act: true }>;

/** The policy and facts one judgement consults, with the skip reason every judge words alike. */
interface Judging {
  policy: EventPolicy;
  facts: GuardFacts;
  accepts(shape: EventShape): boolean;
  /** Skipped: what happened, then what the action acts on. */
  notFor(what: string): EventVerdict;
  /** `acted` when `branch` is the production branch (or it is not known yet), else skipped. */
  onProduction(branch: string, acted: Acting): EventVerdict;
  /** Options for the typed event readers: the action's name, this event only. */
  options: { action: string; supported: string[] };
}

function judging(policy: EventPolicy, event: RunEvent, facts: GuardFacts): Judging {
  const notFor = (what: string) =>
    skip(`${what}; ${policy.action} acts on ${describeAccepts(policy, facts.productionBranch)}`);
  return {
    policy,
    facts,
    accepts: (shape) => policy.accepts.includes(shape),
    notFor,
    onProduction: (branch, acted) => {
      const production = facts.productionBranch;
      if (production === undefined || branch === production) return acted;
      return notFor(`${acted.what}, not the production branch ${production}`);
    },
    options: { action: policy.action, supported: [event.name] },
  };
}

/** Pure: what `policy`'s action does with `event`. Never throws for a well-formed payload. */
export function judgeEvent(
  policy: EventPolicy,
  event: RunEvent,
  facts: GuardFacts = {},
): EventVerdict {
  const j = judging(policy, event, facts);
  if (PULL_REQUEST_EVENTS.includes(event.name)) return judgePullRequest(j, event);
  if (event.name === 'pull_request_review' && j.accepts('pull-request-review'))
    return judgeReview(j, event);
  if (event.name === 'merge_group' && j.accepts('merge-group')) return judgeMergeGroup(j, event);
  if (event.name === 'push' && j.accepts('production-push')) return judgePush(j, event);
  if (event.name === 'workflow_dispatch' && j.accepts('workflow-dispatch'))
    return judgeDispatch(j, event);
  if (event.name === 'schedule' && j.accepts('schedule'))
    return { act: true, shape: 'schedule', what: 'schedule' };
  return j.notFor(`the "${event.name || '(none)'}" event is not one it acts on`);
}

/** pull_request / pull_request_target: a merge into production, or an update to evaluate. */
function judgePullRequest(j: Judging, event: RunEvent): EventVerdict {
  const asPr = { ...event, name: 'pull_request' };
  const action = String(event.payload.action ?? '');
  const number = String(event.payload.number ?? '?');
  if (j.accepts('merged-pull-request') && action === 'closed') {
    const pr = asMergedPullRequest(asPr, { action: j.policy.action });
    if (isSkip(pr)) return j.notFor(`pull request #${number} was closed without merging`);
    return j.onProduction(pr.baseRef, {
      act: true,
      shape: 'merged-pull-request',
      what: `pull request #${pr.number} merged into ${pr.baseRef}`,
      sha: pr.mergeCommitSha,
      branch: pr.baseRef,
    });
  }
  if (j.accepts('pull-request-update')) {
    const pr = asPullRequestUpdate(asPr, { action: j.policy.action });
    if (isSkip(pr)) return j.notFor(`pull request #${number} was ${action}`);
    return {
      act: true,
      shape: 'pull-request-update',
      what: `pull request #${pr.number} ${pr.action}`,
      branch: pr.baseRef,
    };
  }
  return j.notFor(`pull request #${number} was ${action || 'changed'}, not merged`);
}

function judgeReview(j: Judging, event: RunEvent): EventVerdict {
  const review = asPullRequestReview(event, j.options);
  if (isSkip(review)) {
    const pr = event.payload.pull_request as { number?: number } | undefined;
    return j.notFor(
      `a review of pull request #${pr?.number ?? '?'} was ${String(event.payload.action)}`,
    );
  }
  return {
    act: true,
    shape: 'pull-request-review',
    what: `a review of pull request #${review.number} ${review.action}`,
    branch: review.baseRef,
  };
}

function judgeMergeGroup(j: Judging, event: RunEvent): EventVerdict {
  const group = asMergeGroup(event, j.options);
  if (isSkip(group)) return j.notFor(`merge group ${String(event.payload.action)}`);
  return {
    act: true,
    shape: 'merge-group',
    what: `merge group ${group.headRef}`,
    sha: group.headSha,
    branch: group.baseRef,
  };
}

/** A push to the production branch; a deletion or a tag push deploys nothing. */
function judgePush(j: Judging, event: RunEvent): EventVerdict {
  const push = asPush(event, j.options);
  if (isSkip(push)) return j.notFor(`the push deleted ${String(event.payload.ref ?? '')}`);
  if (push.isTag) return j.notFor(`the push is of the tag ${push.name}, not a branch`);
  return j.onProduction(push.name, {
    act: true,
    shape: 'production-push',
    what: `push to ${push.name}`,
    sha: push.after,
    branch: push.name,
  });
}

/** workflow_dispatch, with what the policy's `dispatch` requires of it. */
function judgeDispatch(j: Judging, event: RunEvent): EventVerdict {
  const { facts } = j;
  const dispatch = asWorkflowDispatch(event, j.options);
  const acted: Acting = {
    act: true,
    shape: 'workflow-dispatch',
    what: `workflow_dispatch on ${dispatch.ref || '(no ref)'} by ${dispatch.actor || '(unknown)'}`,
    branch: dispatch.ref,
  };
  const needs = j.policy.dispatch ?? 'any';
  if (needs === 'pull-request') {
    const given = facts.pullRequest ?? Number(dispatch.inputs['pull-request']?.replace(/^#/, ''));
    if (!given) return j.notFor('workflow_dispatch without a pull-request number');
    return { ...acted, what: `${acted.what} for pull request #${given}` };
  }
  if (
    needs === 'production-or-sha' &&
    !facts.sha &&
    facts.productionBranch !== undefined &&
    dispatch.ref !== facts.productionBranch
  ) {
    return j.notFor(
      `workflow_dispatch on ${dispatch.ref || '(no ref)'}, not the production branch ${facts.productionBranch}, and no sha input`,
    );
  }
  return acted;
}

/** "a pull request merged into main, a push to main or workflow_dispatch": for skip reasons and docs. */
function describeAccepts(policy: EventPolicy, productionBranch?: string): string {
  const production = productionBranch ?? 'the production branch';
  const words: Record<EventShape, string> = {
    'merged-pull-request': `a pull request merged into ${production}`,
    'production-push': `a push to ${production}`,
    'pull-request-update': `pull_request (${PULL_REQUEST_UPDATE_ACTIONS.join(', ')})`,
    'pull-request-review': `pull_request_review (${PULL_REQUEST_REVIEW_ACTIONS.join(', ')})`,
    'merge-group': 'merge_group (checks_requested)',
    'workflow-dispatch':
      policy.dispatch === 'pull-request'
        ? 'workflow_dispatch with a pull-request number'
        : policy.dispatch === 'production-or-sha'
          ? `workflow_dispatch on ${production} or with the sha input`
          : 'workflow_dispatch',
    schedule: 'schedule',
  };
  const parts = policy.accepts.map((s) => words[s]);
  return parts.length > 1
    ? `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`
    : (parts[0] ?? 'no event');
}

/**
 * The run is skipped: exit 0 (a skipped action is not a failure), `skipped=true`, the reason in
 * `skip-reason`, one notice line in the log and one line in the job summary. Nothing is written
 * to GitHub.
 */
export async function reportSkip(
  deps: { io: ActionIO; logger: Logger },
  action: string,
  reason: string,
): Promise<void> {
  const line = reason.replace(/\s+/g, ' ').trim();
  deps.logger.notice(`${action} skipped: ${line}.`);
  deps.io.setOutput('skipped', 'true');
  deps.io.setOutput('skip-reason', line);
  await deps.io.appendSummary(`**${action}** ⏭️ skipped: ${escapeInline(line)}.\n`);
}

/** The run acts on its event: `skipped=false`, and the log says on what. */
function reportActing(deps: { io: ActionIO; logger: Logger }, verdict: Acting): void {
  deps.io.setOutput('skipped', 'false');
  deps.io.setOutput('skip-reason', '');
  deps.logger.info(`Acting on ${verdict.what}.`);
}

/**
 * Read the event, judge it, report: the acting verdict, or undefined once the skip is reported.
 * Call it first in `run()`; an action that learns the production branch from its config calls it
 * again with it (`announce: false`) before its first write.
 */
export async function guardEvent(
  deps: { io: ActionIO; logger: Logger; env: NodeJS.ProcessEnv },
  policy: EventPolicy,
  facts: GuardFacts = {},
  options: { announce?: boolean } = {},
): Promise<Acting | undefined> {
  const verdict = judgeEvent(policy, readEvent(deps.env), facts);
  if (!verdict.act) {
    await reportSkip(deps, policy.action, verdict.reason);
    return undefined;
  }
  if (options.announce ?? true) reportActing(deps, verdict);
  return verdict;
}
