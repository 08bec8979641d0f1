import { runMain } from '@promote/core/action';
import { guardEvent } from '@promote/core/event-guard';
import { defaultDeps, type Deps } from './deps.js';
import { DELIVERY_REPORT_EVENTS } from './event-policy.js';
import { reportDelivery } from './report-delivery.js';

export async function run(deps: Deps = defaultDeps()): Promise<void> {
  await runMain(
    'report',
    async () => {
      if (await guardEvent(deps, DELIVERY_REPORT_EVENTS)) await reportDelivery(deps);
    },
    deps,
  );
}
