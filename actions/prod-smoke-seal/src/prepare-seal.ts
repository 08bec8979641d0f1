import { loadConfig } from '@promote/core/config/load';
import type { PromotionConfig } from '@promote/core/config/schema';
import { readRunContext, type RunContext } from '@promote/core/context';
import { guardEvent } from '@promote/core/event-guard';
import type { GitHubClient } from '@promote/core/github/client';
import type { SecretMasker } from '@promote/core/secrets';
import type { Deps } from './deps.js';
import { SMOKE_SEAL_EVENTS } from './event-policy.js';
import { readInputs, type SmokeInputs } from './inputs.js';
import { planSmoke, type SmokePlan } from './plan.js';

/** What one run works from once its inputs, config and event are read: nothing here is fetched. */
export interface SealRun {
  inputs: SmokeInputs;
  ctx: RunContext;
  config: PromotionConfig;
  plan: SmokePlan;
  /** The commit production should serve. */
  sha: string;
  masker: SecretMasker;
  /** Built on first use: a dry run or a seal with no GitHub target needs no token. */
  github: () => GitHubClient;
}

/** Inputs, config and plan; undefined once the event guard has reported a skip. */
export async function prepareSeal(
  deps: Deps,
  shaInput: string | undefined,
): Promise<SealRun | undefined> {
  const { io, logger, env } = deps;
  const inputs = readInputs(io);
  const ctx = readRunContext(env);
  const { masker } = deps.exec;
  if (inputs.token) masker.register(inputs.token, 'the token input');
  const config = await loadConfig({
    source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
    overrides: { 'smoke.base-url': inputs.baseUrl, 'smoke.on-failure': inputs.onFailure },
    inputNames: { 'smoke.base-url': 'base-url', 'smoke.on-failure': 'on-failure' },
    logger,
  });
  const production = { sha: shaInput, productionBranch: config.branches.production };
  const event = await guardEvent(deps, SMOKE_SEAL_EVENTS, production, { announce: false });
  if (!event) return undefined;
  // Everything that can be wrong with the config fails here, before any request.
  // A baseline is one pre-deploy measurement, never a window.
  const watch = inputs.mode === 'baseline' ? false : inputs.watch;
  const plan = planSmoke(config.smoke, { env, masker, ...(watch !== undefined ? { watch } : {}) });
  let client: GitHubClient | undefined;
  return {
    inputs,
    ctx,
    config,
    plan,
    // The commit production runs: a merged PR's merge commit, never its head
    // (merge_commit_sha: https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request).
    sha: inputs.sha ?? event.sha ?? ctx.sha,
    masker,
    github: () => (client ??= deps.github(inputs.token ?? '')),
  };
}
