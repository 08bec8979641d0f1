import { loadConfig } from '@promote/core/config/load';
import { resolveConfig } from '@promote/core/config/resolve';
import { chooseStage } from '@promote/core/config/stage-choice';
import type { RunContext } from '@promote/core/context';
import { CONFIG_SECTIONS, type MigrateActionConfig, type MigratePlace } from './config.js';
import type { Deps } from './deps.js';
import type { Inputs } from './inputs.js';

/**
 * The config seen from the stage and app this run works on (issue #20): the app's preset,
 * migrations dir, lock ref and store; the stage's branch as branches.production and its
 * environment. The stage is the `stage` input, else the one whose branch the event concerns
 * (`branch`), else the one the `environment` input names, else the last. A bad app or stage is
 * a ConfigurationError naming the known ones, before anything is written.
 */
export function placeOf(
  config: MigrateActionConfig,
  inputs: Pick<Inputs, 'app' | 'stage' | 'environment'>,
  branch: string | undefined,
): MigratePlace {
  const stage = chooseStage(config, {
    stage: inputs.stage,
    branch,
    environment: inputs.environment,
  });
  return resolveConfig(config, {
    ...(stage !== undefined ? { stage } : {}),
    ...(inputs.app !== undefined ? { app: inputs.app } : {}),
  });
}

/** The checkout's promotion.yml, seen from this run's stage and app. */
export async function loadPlace(
  deps: Deps,
  ctx: RunContext,
  inputs: Inputs,
  branch: string | undefined,
): Promise<MigratePlace> {
  const config = await loadConfig({
    source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
    logger: deps.logger,
    sections: CONFIG_SECTIONS,
  });
  return placeOf(config, inputs, branch);
}

/** " (app api)" after a heading, or nothing for a repository deployed as one app. */
export const appNote = (app: string | undefined) => (app ? ` (app ${app})` : '');
