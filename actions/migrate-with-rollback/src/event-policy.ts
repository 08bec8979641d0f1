import type { EventPolicy } from '@promote/core/event-guard';

/** Production migrates on a merged pull request into the production branch, or a push to it. */
export const MIGRATE_EVENTS: EventPolicy = {
  action: 'migrate-with-rollback',
  accepts: ['merged-pull-request', 'production-push'],
};

/**
 * mode: rollback restores on a person's request (the rollback workflow, workflow_dispatch) or
 * in the job that deployed a merge (the restore after a failed deploy step, on-merge.yml).
 */
export const ROLLBACK_EVENTS: EventPolicy = {
  action: 'migrate-with-rollback',
  accepts: ['workflow-dispatch', 'merged-pull-request', 'production-push'],
  dispatch: 'any',
};
