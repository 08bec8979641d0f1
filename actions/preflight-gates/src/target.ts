import { ConfigurationError } from '@promote/core/errors';
import {
  asMergeGroup,
  asPullRequestReview,
  asPullRequestUpdate,
  asWorkflowDispatch,
  isSkip,
  requireEvent,
  type RunEvent,
} from '@promote/core/events';
import type { Inputs } from './inputs.js';

export const SUPPORTED_EVENTS = [
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'merge_group',
  'workflow_dispatch',
] as const;

/** What this run evaluates and where the check run goes. */
export interface Target {
  pullNumber: number;
  /** The merge queue's commit on merge_group (the check the queue waits for); else the PR head. */
  reportSha?: string;
  event: string;
  /** workflow_dispatch: the person who ran it (an override's actor). */
  dispatchActor?: string;
}

export function resolveTarget(event: RunEvent, inputs: Inputs): Target | { skip: string } {
  requireEvent(event, 'preflight-gates', SUPPORTED_EVENTS);
  if (event.name === 'pull_request' || event.name === 'pull_request_target') {
    // pull_request_target carries the same pull_request payload.
    const pr = asPullRequestUpdate(
      { ...event, name: 'pull_request' },
      {
        action: 'preflight-gates',
        supported: SUPPORTED_EVENTS,
      },
    );
    if (isSkip(pr)) return pr;
    return { pullNumber: pr.number, event: event.name };
  }
  if (event.name === 'pull_request_review') {
    // An approval or a dismissal re-judges the approvals gate at once (callers add the trigger).
    const pr = asPullRequestReview(event, {
      action: 'preflight-gates',
      supported: SUPPORTED_EVENTS,
    });
    if (isSkip(pr)) return pr;
    return { pullNumber: pr.number, event: event.name };
  }
  if (event.name === 'merge_group') {
    const g = asMergeGroup(event, { action: 'preflight-gates', supported: SUPPORTED_EVENTS });
    if (isSkip(g)) return g;
    if (g.pullNumber === undefined) {
      throw new ConfigurationError(
        `merge group ${g.headRef}: cannot tell the pull request from the queue branch name (expected gh-readonly-queue/<base>/pr-<n>-<sha>)`,
      );
    }
    return { pullNumber: g.pullNumber, reportSha: g.headSha, event: event.name };
  }
  const d = asWorkflowDispatch(event, { action: 'preflight-gates', supported: SUPPORTED_EVENTS });
  const raw =
    inputs.pullRequest ??
    (d.inputs['pull-request'] ? Number(d.inputs['pull-request'].replace(/^#/, '')) : undefined);
  if (!raw || !Number.isInteger(raw) || raw < 1) {
    throw new ConfigurationError(
      'workflow_dispatch: set the pull-request input to the number of the promotion PR to evaluate',
    );
  }
  return { pullNumber: raw, event: event.name, dispatchActor: d.actor };
}
