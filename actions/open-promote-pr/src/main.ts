import { systemClock, type Clock } from '@promote/core/clock';
import { readRunContext } from '@promote/core/context';
import { runMain } from '@promote/core/action';
import { createExec, type Exec } from '@promote/core/exec';
import { createGitHubClient, type GitHubClient } from '@promote/core/github/client';
import { actionsIO, type ActionIO } from '@promote/core/io';
import { actionsLogger, type Logger } from '@promote/core/logger';
import { guardEvent } from '@promote/core/event-guard';
import { createProgress, type Progress } from '@promote/core/progress';
import { OPEN_PROMOTE_PR_EVENTS } from './event-policy.js';
import { openPromotion } from './open-promotion.js';

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
    clock: systemClock,
    env: process.env,
    exec: createExec({ logger }),
    github: (token) => createGitHubClient({ token, logger }),
  };
}

export async function run(deps: Deps = defaultDeps()): Promise<void> {
  const withProgress = { ...deps, progress: deps.progress ?? createProgress() };
  await runMain(
    'open-promote-pr',
    async () => {
      // Before anything else: only a request for a promotion opens one (issue #16).
      if (await guardEvent(withProgress, OPEN_PROMOTE_PR_EVENTS))
        await openPromotion(withProgress, readRunContext(deps.env));
    },
    withProgress,
  );
}
