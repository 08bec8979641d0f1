import type { RunContext } from '@promote/core/context';
import { readPullRequestFiles } from '@promote/core/gates/collect';
import { changedGateFiles } from '@promote/core/gates/gate-files';
import type { PullRequestFacts } from '@promote/core/gates/index';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { BaseRef, SetupProblem } from './base-config.js';
import { renderGateChanges } from './gate-changes.js';
import type { Inputs } from './inputs.js';
import { writeCheck } from './write-check.js';
import type { Deps } from './deps.js';

/**
 * A config that cannot judge anything fails the required check with what to do, in the check run
 * (where a reviewer looks) as well as the log. The PR's own copy of the config, if it has one, is
 * shown as a diff: on the first adoption that is the config the next PRs will be judged by.
 */
export async function reportSetupProblem(
  deps: Pick<Deps, 'io' | 'logger' | 'progress'>,
  ctx: Pick<RunContext, 'runUrl'>,
  run: {
    inputs: Inputs;
    github: GitHubClient;
    repo: RepoRef;
    pr: PullRequestFacts;
    headSha: string;
    base: BaseRef;
  },
  problem: SetupProblem,
): Promise<void> {
  const { io, logger } = deps;
  const { inputs, github, repo, pr, headSha, base } = run;
  let diff = '';
  try {
    const { files } = await readPullRequestFiles(github, repo, pr);
    diff = renderGateChanges(changedGateFiles(files, [inputs.config]), base);
  } catch (e) {
    logger.warning(`Could not read the PR's files to show its config: ${(e as Error).message}`);
  }
  const summary = `### ${problem.title}\n\n${problem.body}`;
  await io.appendSummary(diff ? `${summary}\n\n${diff}` : summary);
  io.setOutput('result', 'fail');
  io.setOutput('failed-gates', JSON.stringify(['config']));
  if (inputs.dryRun) {
    logger.info('dry-run: no check run written.');
    io.setOutput('check-run-id', '');
  } else {
    await writeCheck(
      deps,
      { github, repo, name: inputs.checkName, headSha, runUrl: ctx.runUrl },
      { conclusion: 'failure', title: problem.title, summary, text: diff },
    );
  }
  io.setFailed(
    `preflight-gates: ${problem.title}. ${problem.body.split('\n\n')[0]!.replace(/\*\*/g, '')}`,
  );
}
