import { readRunContext } from '@promote/core/context';
import { runMain } from '@promote/core/action';
import { guardEvent } from '@promote/core/event-guard';
import { defaultDeps, type Deps } from './deps.js';
import { OPEN_PROMOTE_PR_EVENTS } from './event-policy.js';
import { openPromotion } from './open-promotion.js';

export async function run(deps: Deps = defaultDeps()): Promise<void> {
  await runMain(
    'open-promote-pr',
    async () => {
      // Before anything else: only a request for a promotion opens one (issue #16).
      if (await guardEvent(deps, OPEN_PROMOTE_PR_EVENTS))
        await openPromotion(deps, readRunContext(deps.env));
    },
    deps,
  );
}
