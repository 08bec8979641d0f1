import { runMain } from '@promote/core/action';
import { guardEvent } from '@promote/core/event-guard';
import { defaultDeps, type Deps } from './deps.js';
import { SMOKE_SEAL_EVENTS } from './event-policy.js';
import { sealProduction } from './seal-run.js';

export async function run(deps: Deps = defaultDeps()): Promise<void> {
  await runMain(
    'prod-smoke-seal',
    async () => {
      // Before anything else: a seal only on a commit production runs (issue #16); the production
      // branch is judged again once the config is read.
      const sha = deps.io.getInput('sha') || undefined;
      const verdict = await guardEvent(deps, SMOKE_SEAL_EVENTS, { sha });
      if (verdict) await sealProduction(deps, sha, verdict.branch);
    },
    deps,
  );
}
