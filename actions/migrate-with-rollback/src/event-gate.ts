import { asMergedPullRequest, asPush, isSkip, type RunEvent } from '@promote/core/events';

export type Gate = { run: true; sha: string; what: string } | { run: false; reason: string };

const ACTION = 'migrate-with-rollback';

/**
 * Production migrates on a merged pull request into the production branch, or a push to it.
 * Anything else is skipped with the reason (status=skipped), never failed: a caller workflow
 * that also listens to other events should not turn red.
 */
export function gateEvent(event: RunEvent, productionBranch: string): Gate {
  if (event.name === 'pull_request' || event.name === 'pull_request_target') {
    const pr = asMergedPullRequest(
      { ...event, name: 'pull_request' },
      { action: ACTION, supported: ['pull_request', 'push'] },
    );
    if (isSkip(pr)) return { run: false, reason: pr.skip };
    if (pr.baseRef !== productionBranch) {
      return {
        run: false,
        reason: `pull request #${pr.number} was merged into ${pr.baseRef}, not the production branch ${productionBranch}`,
      };
    }
    return {
      run: true,
      sha: pr.mergeCommitSha,
      what: `pull request #${pr.number} merged into ${productionBranch}`,
    };
  }
  if (event.name === 'push') {
    const push = asPush(event, { action: ACTION, supported: ['pull_request', 'push'] });
    if (isSkip(push)) return { run: false, reason: push.skip };
    if (push.isTag || push.name !== productionBranch) {
      return {
        run: false,
        reason: `push to ${push.ref} is not the production branch ${productionBranch}`,
      };
    }
    return { run: true, sha: push.after, what: `push to ${productionBranch}` };
  }
  return {
    run: false,
    reason: `the "${event.name}" event does not migrate production (a merged pull request into ${productionBranch} or a push to it does; workflow_dispatch runs mode: rollback)`,
  };
}
