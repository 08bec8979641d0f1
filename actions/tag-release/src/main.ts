import { runMain } from '@promote/core/action';
import { guardEvent } from '@promote/core/event-guard';
import { cutRelease } from './cut-release.js';
import { defaultDeps, type Deps } from './deps.js';
import { TAG_RELEASE_EVENTS } from './event-policy.js';

export async function run(deps: Deps = defaultDeps()): Promise<void> {
  await runMain(
    'tag-release',
    async () => {
      // Before anything else, the config included (it may be read through the API at the commit
      // the event names, which a deletion has not): a tag push or a deletion is no release
      // (issue #16).
      const sha = deps.io.getInput('sha') || undefined;
      const event = await guardEvent(deps, TAG_RELEASE_EVENTS, { sha });
      if (event) await cutRelease(deps, sha, event.sha);
    },
    deps,
  );
}
