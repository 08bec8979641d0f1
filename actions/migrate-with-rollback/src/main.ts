import { readRunContext } from '@promote/core/context';
import { runMain } from '@promote/core/action';
import { guardEvent } from '@promote/core/event-guard';
import { defaultDeps, type Deps } from './deps.js';
import { MIGRATE_EVENTS, ROLLBACK_EVENTS } from './event-policy.js';
import { runMigrate } from './migrate-run.js';
import { runRollback } from './rollback-run.js';
import { runGuard } from './guard-run.js';
import { readInputs } from './inputs.js';

/** The main step; the post step (src/post.ts) is the lock's safety net. */
export async function run(deps: Deps = defaultDeps()): Promise<void> {
  await runMain(
    'migrate-with-rollback',
    async () => {
      const mode = deps.io.getInput('mode');
      // mode: guard judges the event itself: a skip is its answer (deploy=false), not a no-op.
      if (mode === 'guard') return runGuard(deps, readRunContext(deps.env), readInputs(deps.io));
      // Before anything else: an event this mode is not for changes nothing (issue #16); the
      // production branch is judged again once the config is read (migrate-run, rollback-run).
      const rollback = mode === 'rollback';
      const verdict = await guardEvent(deps, rollback ? ROLLBACK_EVENTS : MIGRATE_EVENTS);
      if (!verdict) {
        deps.io.setOutput('status', 'skipped');
        return;
      }
      const ctx = readRunContext(deps.env);
      const inputs = readInputs(deps.io);
      if (inputs.mode === 'rollback') await runRollback(deps, ctx, inputs, verdict.branch);
      else await runMigrate(deps, ctx, inputs, verdict.branch);
    },
    deps,
  );
}
