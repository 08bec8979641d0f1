import type { EventPolicy } from '@promote/core/event-guard';

/** A report reads and writes nothing on GitHub: it runs on a schedule or when a person asks. */
export const DELIVERY_REPORT_EVENTS: EventPolicy = {
  action: 'report',
  accepts: ['schedule', 'workflow-dispatch'],
  dispatch: 'any',
};
