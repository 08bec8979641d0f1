import type { AnyConfig } from './resolve.js';
import { stageNamed, stageOfBranch, stagesOf } from './resolve.js';

/**
 * Which stage an action works on (issue #20), as a name for resolveConfig: the `stage` input;
 * else, when the file declares `stages:`, the stage whose branch the event concerns (a merged
 * PR's base, the pushed or dispatched ref), else the stage whose environment the `environment`
 * input names; else undefined, the last stage. Without `stages:` the event's branch is not
 * consulted, so a file without stages means what it always meant (production, and a merge
 * anywhere else is judged "not the production branch" by the event guard).
 */
export function chooseStage(
  config: AnyConfig,
  given: {
    stage?: string | undefined;
    branch?: string | undefined;
    environment?: string | undefined;
  },
): string | undefined {
  if (given.stage !== undefined) return stageNamed(config, given.stage).name;
  if (!config.stages) return undefined;
  if (given.branch !== undefined) {
    const byBranch = stageOfBranch(config, given.branch);
    if (byBranch) return byBranch.name;
  }
  if (given.environment !== undefined)
    return stagesOf(config).find((s) => s.environment === given.environment)?.name;
  return undefined;
}
