import { runMain } from '@promote/core/action';
import { systemClock, type Clock } from '@promote/core/clock';
import { readRunContext } from '@promote/core/context';
import { createExec, type Exec } from '@promote/core/exec';
import { createGitHubClient, type GitHubClient } from '@promote/core/github/client';
import { actionsIO, type ActionIO } from '@promote/core/io';
import { actionsLogger, type Logger } from '@promote/core/logger';
import { guardEvent } from '@promote/core/event-guard';
import { createProgress, type Progress } from '@promote/core/progress';
import { PREFLIGHT_EVENTS } from './event-policy.js';
import { runPreflight } from './preflight.js';
import { testClock } from './test-clock.js';

export interface Deps {
  io: ActionIO;
  logger: Logger;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  exec: Exec;
  github: (token: string) => GitHubClient;
  /** Told of each write that landed (a failure then says what is done); run() makes one. */
  progress?: Progress;
}

export function defaultDeps(): Deps {
  const logger = actionsLogger();
  return {
    io: actionsIO(),
    logger,
    clock: testClock(process.env, logger) ?? systemClock,
    env: process.env,
    exec: createExec({ logger }),
    github: (token) => createGitHubClient({ token, logger }),
  };
}

export async function run(deps: Deps = defaultDeps()): Promise<void> {
  const withProgress = { ...deps, progress: deps.progress ?? createProgress() };
  await runMain('preflight-gates', () => preflight(withProgress), withProgress);
}

async function preflight(deps: Deps): Promise<void> {
  // Before anything else: an event preflight does not evaluate writes no check run (issue #16).
  const pullRequest = Number(deps.io.getInput('pull-request').replace(/^#/, '')) || undefined;
  if (!(await guardEvent(deps, PREFLIGHT_EVENTS, { pullRequest }))) {
    deps.io.setOutput('result', 'skipped');
    deps.io.setOutput('failed-gates', '[]');
    return;
  }
  await runPreflight(deps, readRunContext(deps.env));
}
