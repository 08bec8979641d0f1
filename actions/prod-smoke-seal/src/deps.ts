import { defaultActionDeps, type ActionDeps } from '@promote/core/action';
import { createExec, type Exec } from '@promote/core/exec';
import type { SecretMasker } from '@promote/core/secrets';

/** prod-smoke-seal's collaborators: core's ActionDeps, the command checks' runner, chat webhooks. */
export interface Deps extends ActionDeps {
  /**
   * Runs the command checks. Its masker is the run's: the token, header values and passwords the
   * plan reads are registered there, so command output, outputs and the summary are masked alike.
   */
  exec: Exec & { masker: SecretMasker };
  /** Posts the seal to the chat webhooks the config names. */
  fetch: typeof fetch;
}

export function defaultDeps(): Deps {
  const base = defaultActionDeps();
  return { ...base, exec: createExec({ logger: base.logger }), fetch: globalThis.fetch };
}
