import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { createOrUpdateCheckRun } from '@promote/core/github/check-runs';
import type { CheckAnnotation } from '@promote/core/report';
import type { Deps } from './deps.js';

/**
 * Writes the one `promote/preflight` check run (created, or updated when this SHA has it) with the
 * verdict, sets `check-run-id`, and logs where it is. The gates' verdict and a setup problem both
 * go through here, so the check a ruleset requires is always written the same way.
 */
export async function writeCheck(
  deps: Pick<Deps, 'io' | 'logger' | 'progress'>,
  target: { github: GitHubClient; repo: RepoRef; name: string; headSha: string; runUrl: string },
  verdict: {
    conclusion: 'success' | 'failure';
    title: string;
    summary: string;
    text: string;
    annotations?: CheckAnnotation[];
  },
): Promise<void> {
  const { io, logger } = deps;
  const { checkRun, operation } = await createOrUpdateCheckRun(
    target.github,
    target.repo,
    {
      name: target.name,
      headSha: target.headSha,
      status: 'completed',
      conclusion: verdict.conclusion,
      output: {
        title: verdict.title,
        summary: verdict.summary,
        text: verdict.text || 'No details.',
      },
      ...(verdict.annotations ? { annotations: verdict.annotations } : {}),
      detailsUrl: target.runUrl,
    },
    logger,
  );
  const where = `${target.headSha.slice(0, 12)}`;
  logger.info(
    `Check run "${target.name}" ${operation} on ${where}: ${checkRun.html_url ?? checkRun.id}`,
  );
  io.setOutput('check-run-id', String(checkRun.id));
  deps.progress.done(`check run "${target.name}" ${operation} on ${where}`);
}
