import { defaultActionDeps, type ActionDeps } from '@promote/core/action';
import { createExec, type Exec } from '@promote/core/exec';
import { createProgress, type Progress } from '@promote/core/progress';

/** tag-release's collaborators: core's ActionDeps, git, a record of its writes, chat webhooks. */
export interface Deps extends ActionDeps {
  /** Runs git in the checkout (tags and commits read without API requests when it can). */
  exec: Exec;
  /** Told of each write that landed (tag, release, changelog), so a failure says what is done. */
  progress: Progress;
  /** Posts the release to the chat webhooks the config names. */
  fetch: typeof fetch;
}

export function defaultDeps(): Deps {
  const base = defaultActionDeps();
  return {
    ...base,
    exec: createExec({ logger: base.logger }),
    progress: createProgress(),
    fetch: globalThis.fetch,
  };
}
