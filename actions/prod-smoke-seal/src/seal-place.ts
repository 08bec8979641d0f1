import { mergeInputs } from '@promote/core/config/merge';
import { resolveConfig } from '@promote/core/config/resolve';
import { chooseStage } from '@promote/core/config/stage-choice';
import { CONFIG_SECTIONS, type SmokeSealConfig, type SmokeSealPlace } from './config.js';
import type { SmokeInputs } from './inputs.js';

/**
 * The config from the stage and app (issue #20), the base-url and on-failure inputs over it:
 * an input wins over the app's and the stage's settings as it wins over the file's.
 */
export function placeOf(
  loaded: SmokeSealConfig,
  inputs: Pick<SmokeInputs, 'app' | 'stage' | 'baseUrl' | 'onFailure'>,
  branch: string | undefined,
): SmokeSealPlace {
  const stage = chooseStage(loaded, { stage: inputs.stage, branch });
  const resolved = resolveConfig(loaded, {
    ...(stage !== undefined ? { stage } : {}),
    ...(inputs.app !== undefined ? { app: inputs.app } : {}),
  });
  // The view's stage and app are not keys of promotion.yml: the inputs merge over the rest.
  const { stage: seenFrom, app, ...view } = resolved;
  const merged = mergeInputs(
    view,
    { 'smoke.base-url': inputs.baseUrl, 'smoke.on-failure': inputs.onFailure },
    { 'smoke.base-url': 'base-url', 'smoke.on-failure': 'on-failure' },
    CONFIG_SECTIONS,
  );
  return { ...merged, stage: seenFrom, ...(app ? { app } : {}) };
}
