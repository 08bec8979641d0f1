import { isAlreadyExists } from '@promote/core/github/request-errors';
import type { PublishDeps } from './publish.js';

/**
 * Claims the one notification of `tag`: creating a ref is atomic, so of two runs releasing the
 * same merge at once exactly one gets true (the release body's marker alone cannot tell them apart).
 */
export async function claimNotification(
  deps: PublishDeps,
  tag: string,
  sha: string,
): Promise<boolean> {
  try {
    await deps.gh.rest.git.createRef({
      ...deps.repo,
      ref: `refs/promote-notified/${tag}`,
      sha,
    });
    return true;
  } catch (error) {
    // Claimed by another run, or by ours when a lost response was retried: never two messages.
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

/** Record that chat was told, before telling it: at most one notification per release. */
export async function markNotified(
  deps: PublishDeps,
  releaseId: number,
  body: string,
): Promise<void> {
  await deps.gh.rest.repos.updateRelease({ ...deps.repo, release_id: releaseId, body });
}
