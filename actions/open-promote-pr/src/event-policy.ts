import type { EventPolicy } from '@promote/core/event-guard';

/** Someone asks for a promotion (workflow_dispatch), or a schedule does. */
export const OPEN_PROMOTE_PR_EVENTS: EventPolicy = {
  action: 'open-promote-pr',
  accepts: ['workflow-dispatch', 'schedule'],
  dispatch: 'any',
};
