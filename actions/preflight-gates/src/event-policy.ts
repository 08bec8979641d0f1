import type { EventPolicy } from '@promote/core/event-guard';

/**
 * A pull request into any branch (a PR into another branch is evaluated with a warning), a
 * review, the merge queue, or a person naming the PR. Anything else writes no check run: the
 * last evaluation's check run stands, and a PR never evaluated shows the required check as
 * expected (blocked), never as passed.
 */
export const PREFLIGHT_EVENTS: EventPolicy = {
  action: 'preflight-gates',
  accepts: ['pull-request-update', 'pull-request-review', 'merge-group', 'workflow-dispatch'],
  dispatch: 'pull-request',
};
