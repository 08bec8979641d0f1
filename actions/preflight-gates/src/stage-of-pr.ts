import { previousStage, stageOfBranch, stagesOf, type Stage } from '@promote/core/config/resolve';
import type { PromotionConfig } from '@promote/core/config/schema';

/**
 * Which stage a PR promotes into (issue #20): its base branch decides. Without `stages:` nothing
 * changes: the PR is judged with production's settings, and a base other than the production
 * branch is judged anyway with a warning. With declared stages, a PR into a stage branch is
 * judged with that stage's settings, its allow windows and (past the first stage) the soak of
 * the stage before it; a PR into any other branch is judged with the last stage's settings and
 * a warning naming the stage branches.
 */
export interface PullRequestStage {
  /** The stage name to resolve the config for (undefined: the default, the last stage). */
  resolveAs?: string;
  /** Declared stages and the base is a stage branch: the stage promoted into. */
  into?: Stage;
  /** The stage promoted from (undefined for the first stage). */
  from?: Stage;
  /** For the log: the base is no stage branch. */
  warning?: string;
}

export function stageOfPullRequest(
  config: PromotionConfig,
  pr: { number: number; baseRef: string },
): PullRequestStage {
  if (!config.stages) {
    const production = config.branches.production;
    return pr.baseRef === production
      ? {}
      : {
          warning: `PR #${pr.number} targets ${pr.baseRef}, not the production branch ${production}; evaluating anyway.`,
        };
  }
  const into = stageOfBranch(config, pr.baseRef);
  if (!into) {
    const branches = stagesOf(config)
      .map((s) => `${s.name}: ${s.branch}`)
      .join(', ');
    return {
      warning: `PR #${pr.number} targets ${pr.baseRef}, which is no stage branch (${branches}); evaluating anyway with the last stage's settings, without soak or allow windows.`,
    };
  }
  const from = previousStage(config, into);
  return { resolveAs: into.name, into, ...(from ? { from } : {}) };
}
