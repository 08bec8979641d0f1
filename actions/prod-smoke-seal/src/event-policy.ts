import type { EventPolicy } from '@promote/core/event-guard';

/**
 * A seal belongs on a commit production runs: a merged PR's merge commit, a push to the
 * production branch, or a dispatch from it (or naming the `sha`). A PR closed unmerged, a tag
 * or a deletion never reached production.
 */
export const SMOKE_SEAL_EVENTS: EventPolicy = {
  action: 'prod-smoke-seal',
  accepts: ['merged-pull-request', 'production-push', 'workflow-dispatch'],
  dispatch: 'production-or-sha',
};
