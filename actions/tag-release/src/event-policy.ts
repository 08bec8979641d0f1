import type { EventPolicy } from '@promote/core/event-guard';

/**
 * A release records what production runs: a merged PR's merge commit, a push to the production
 * branch, or a dispatch from it (or naming the `sha`). A tag push (tag-release's own tags among
 * them) or a deletion is not a release.
 */
export const TAG_RELEASE_EVENTS: EventPolicy = {
  action: 'tag-release',
  accepts: ['merged-pull-request', 'production-push', 'workflow-dispatch'],
  dispatch: 'production-or-sha',
};
