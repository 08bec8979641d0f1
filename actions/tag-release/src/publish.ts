import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { Logger } from '@promote/core/logger';

/**
 * What every write of a release needs. The writes, each in its own module and each finding on a
 * re-run what an earlier run made: the changelog (changelog-commit.ts, or a pull request:
 * changelog-pr.ts), the annotated tag (annotated-tag.ts), the GitHub release (github-release.ts),
 * the notification claim (notification-claim.ts) and the major tag (major-tag.ts).
 */
export interface PublishDeps {
  gh: GitHubClient;
  repo: RepoRef;
  logger: Logger;
}

export type StepOutcome = 'created' | 'updated' | 'unchanged' | 'skipped';
