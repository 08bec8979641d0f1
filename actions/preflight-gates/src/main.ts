import { runMain } from '@promote/core/action';
import { readRunContext } from '@promote/core/context';
import { guardEvent } from '@promote/core/event-guard';
import { defaultDeps, type Deps } from './deps.js';
import { PREFLIGHT_EVENTS } from './event-policy.js';
import { runPreflight } from './preflight.js';

export async function run(deps: Deps = defaultDeps()): Promise<void> {
  await runMain('preflight-gates', () => preflight(deps), deps);
}

async function preflight(deps: Deps): Promise<void> {
  // Before anything else: an event preflight does not evaluate writes no check run (issue #16).
  const pullRequest = Number(deps.io.getInput('pull-request').replace(/^#/, '')) || undefined;
  if (!(await guardEvent(deps, PREFLIGHT_EVENTS, { pullRequest }))) {
    deps.io.setOutput('result', 'skipped');
    deps.io.setOutput('failed-gates', '[]');
    return;
  }
  await runPreflight(deps, readRunContext(deps.env));
}
