import type { Clock } from '@promote/core/clock';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { Logger } from '@promote/core/logger';
import { formatDuration } from '@promote/core/time';
import type { CheckResult } from './http-check.js';
import { deploymentProbe, liveResult, versionProbe, waitForLive } from './live.js';
import type { LiveSpec } from './plan.js';

export interface WaitUntilLiveDeps {
  clock: Clock;
  logger: Logger;
  mask: (text: string) => string;
  github: () => GitHubClient;
  repo: RepoRef;
  /** Promote's own deployment of this run (not the platform's). */
  ownDeploymentId?: number;
}

/** smoke.wait-for-live: polls until production serves `sha`; the seal table's row either way. */
export async function waitUntilLive(
  spec: LiveSpec,
  sha: string,
  deps: WaitUntilLiveDeps,
): Promise<CheckResult> {
  const short = sha.slice(0, 7);
  const probe =
    spec.kind === 'version'
      ? versionProbe(spec, sha)
      : deploymentProbe(spec, sha, {
          github: deps.github,
          repo: deps.repo,
          ...(deps.ownDeploymentId !== undefined ? { ownDeploymentId: deps.ownDeploymentId } : {}),
        });
  const outcome = await deps.logger.group(
    `Waiting up to ${spec.timeoutText} for production to serve ${short}`,
    () =>
      waitForLive(probe, spec, {
        clock: deps.clock,
        onPoll: (o, poll) =>
          deps.logger.info(
            deps.mask(
              `Poll ${poll}: ${o.live ? 'serves' : 'not yet'} ${short} (reported ${o.seen})`,
            ),
          ),
      }),
  );
  const result = liveResult(spec, sha, outcome, deps.mask);
  if (outcome.live) {
    deps.logger.info(`Production serves ${short} after ${formatDuration(outcome.waitedMs)}.`);
  } else {
    deps.logger.error(result.reason);
  }
  return result;
}
