import { loadConfig } from '@promote/core/config/load';
import { readRunContext, type RunContext } from '@promote/core/context';
import { guardEvent, reportSkip } from '@promote/core/event-guard';
import type { GitHubClient } from '@promote/core/github/client';
import type { SecretMasker } from '@promote/core/secrets';
import { CONFIG_SECTIONS, type SmokeSealPlace } from './config.js';
import type { Deps } from './deps.js';
import { SMOKE_SEAL_EVENTS } from './event-policy.js';
import { readInputs, type SmokeInputs } from './inputs.js';
import { planSmoke, type SmokePlan } from './plan.js';
import { findMigrateRecord, judgeMigrateRecord } from './migrate-record.js';

/** What one run works from once its inputs, config and event are read: nothing here is fetched. */
export interface SealRun {
  inputs: SmokeInputs;
  ctx: RunContext;
  /** The config seen from this run's stage and app (its checks, base URL, seal context). */
  config: SmokeSealPlace;
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
  branch?: string,
): Promise<SealRun | undefined> {
  const { io, logger, env } = deps;
  const inputs = readInputs(io);
  const ctx = readRunContext(env);
  const { masker } = deps.exec;
  if (inputs.token) masker.register(inputs.token, 'the token input');
  const loaded = await loadConfig({
    source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
    logger,
    sections: CONFIG_SECTIONS,
  });
  // The inputs are merged (and checked) with zod and the schema, loaded with the config.
  const { placeOf } = await import('./seal-place.js');
  const config = placeOf(loaded, inputs, branch);
  const production = { sha: shaInput, productionBranch: config.branches.production };
  const event = await guardEvent(deps, SMOKE_SEAL_EVENTS, production, { announce: false });
  if (!event) return undefined;
  // Everything that can be wrong with the config fails here, before any request.
  // A baseline is one pre-deploy measurement, never a window.
  const watch = inputs.mode === 'baseline' ? false : inputs.watch;
  const plan = planSmoke(config.smoke, { env, masker, ...(watch !== undefined ? { watch } : {}) });
  let client: GitHubClient | undefined;
  const run: SealRun = {
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
  return findDeploy(deps, run);
}

/**
 * An app's seal, or one on a declared stage, with no deployment-id input: the deploy:migrate
 * deployment of this SHA (and app) on the stage's environment, and its backup when no backup-id
 * is given, found on GitHub. A migrate that did not succeed is not sealed: the run is skipped
 * (skipped=true, a notice; no check runs, nothing is written), so a matrix leg whose migrate
 * failed does not add a red seal to a deploy that was restored or never happened.
 */
async function findDeploy(deps: Deps, run: SealRun): Promise<SealRun | undefined> {
  const { inputs, config } = run;
  const looks =
    inputs.deploymentId === undefined &&
    inputs.mode === 'seal' &&
    !inputs.dryRun &&
    (config.app !== undefined || config.stages !== undefined);
  if (!looks) return run;
  const where = { sha: run.sha, environment: config.environment, app: config.app?.name };
  const record = await findMigrateRecord(
    run.github(),
    { owner: run.ctx.owner, repo: run.ctx.repo },
    where,
  );
  const verdict = judgeMigrateRecord(record, where);
  if (!verdict.seal) {
    await reportSkip(deps, 'prod-smoke-seal', verdict.reason);
    return undefined;
  }
  deps.logger.info(
    `Sealing deployment ${record!.deploymentId}${record!.backupId && !inputs.backupId ? ` (backup ${record!.backupId})` : ''}, found for ${run.sha.slice(0, 7)} on ${config.environment}.`,
  );
  return {
    ...run,
    inputs: {
      ...inputs,
      deploymentId: record!.deploymentId,
      ...(inputs.backupId === undefined && record!.backupId ? { backupId: record!.backupId } : {}),
    },
  };
}
