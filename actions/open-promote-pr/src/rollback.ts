import { rollbackCommand } from '@promote/core/rollback-command';

/** Stands for the tag tag-release creates when the promotion PR merges (unknown until then). */
export const RELEASE_PLACEHOLDER = 'RELEASE_TAG';

/**
 * The rollback command shown in the PR body: the rollback workflow (workflow_dispatch), run from
 * production, restoring the backup migrate-with-rollback records for the release this merge
 * produces. The release tag does not exist while the PR is open, so the command names it
 * RELEASE_TAG and the body says where the real tag appears.
 */
export function promotionRollbackCommand(input: {
  owner: string;
  repo: string;
  production: string;
  workflow: string;
  name: string;
}): string {
  return rollbackCommand({
    owner: input.owner,
    repo: input.repo,
    workflow: input.workflow,
    ref: input.production,
    release: RELEASE_PLACEHOLDER,
    reason: `production broke after promotion ${input.name}`,
  });
}
