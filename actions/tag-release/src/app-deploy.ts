import type { AnyConfig, ResolvedConfig } from '@promote/core/config/resolve';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { readStageSeal } from '@promote/core/stage-record';

/**
 * An app's release in on-merge's matrix (issue #20): the release leg of each app runs whatever the
 * other apps' deploys did, so it asks GitHub how its own app's deploy of this SHA went (its
 * deploy:migrate deployment, payload.app) and takes the seal from there. A deploy that failed (and
 * was restored) or never ran is not released; the seal given as an input wins.
 */
export async function appDeployVerdict(
  github: GitHubClient,
  repo: RepoRef,
  config: ResolvedConfig<AnyConfig>,
  sha: string,
  seal: string | undefined,
): Promise<{ release: false; reason: string } | { release: true; seal: string | undefined }> {
  if (!config.app || seal !== undefined) return { release: true, seal };
  const app = config.app.name;
  const where = { sha, environment: config.environment, app };
  let found;
  try {
    found = await readStageSeal(github, repo, where);
  } catch (error) {
    if ((error as { status?: number }).status === 403)
      throw new Error(
        `tag-release: GitHub refused to list the deployments of ${config.environment} (403); with an app the token needs deployments: read (on-merge.yml's release job and its App token grant it)`,
        { cause: error },
      );
    throw error;
  }
  switch (found.state) {
    case 'not-deployed':
    case 'failed':
      return {
        release: false,
        reason: `app ${app} ${found.state === 'failed' ? 'failed to deploy' : 'has no deployment'} at ${sha.slice(0, 7)} on ${config.environment}${found.deploymentId ? ` (deployment ${found.deploymentId})` : ''}, so its version stays where it is`,
      };
    case 'green':
    case 'red':
      return { release: true, seal: found.state };
    default:
      return { release: true, seal: undefined };
  }
}
