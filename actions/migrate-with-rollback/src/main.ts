import { actionsIO, type ActionIO } from '@promote/core/io';
import { actionsLogger, type Logger } from '@promote/core/logger';
import { readRunContext } from '@promote/core/context';
import { systemClock, type Clock } from '@promote/core/clock';
import { runMain } from '@promote/core/action';
import { createGitHubClient, type GitHubClient } from '@promote/core/github/client';
import { guardEvent } from '@promote/core/event-guard';
import { createProgress, type Progress } from '@promote/core/progress';
import { MIGRATE_EVENTS, ROLLBACK_EVENTS } from './event-policy.js';
import { runCommand, type RunCommand } from './run-command.js';
import { runMigrate } from './migrate-run.js';
import { runRollback } from './rollback-run.js';
import { readInputs } from './inputs.js';

export interface Deps {
  io: ActionIO;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  run: RunCommand;
  github: (token: string, logger: Logger) => GitHubClient;
  proc: NodeJS.Process;
  /** What the run has written, for a failure message that says what is done. */
  progress: Progress;
}

export function defaultDeps(): Deps {
  return {
    io: actionsIO(),
    logger: actionsLogger(),
    env: process.env,
    clock: systemClock,
    run: runCommand,
    github: (token, logger) => createGitHubClient({ token, logger }),
    proc: process,
    progress: createProgress(),
  };
}

/** The main step; the post step (src/post.ts) is the lock's safety net. */
export async function run(deps: Deps = defaultDeps()): Promise<void> {
  await runMain(
    'migrate-with-rollback',
    async () => {
      // Before anything else: an event this mode is not for changes nothing (issue #16); the
      // production branch is judged again once the config is read (migrate-run, rollback-run).
      const rollback = deps.io.getInput('mode') === 'rollback';
      if (!(await guardEvent(deps, rollback ? ROLLBACK_EVENTS : MIGRATE_EVENTS))) {
        deps.io.setOutput('status', 'skipped');
        return;
      }
      const ctx = readRunContext(deps.env);
      const inputs = readInputs(deps.io);
      if (inputs.mode === 'rollback') await runRollback(deps, ctx, inputs);
      else await runMigrate(deps, ctx, inputs);
    },
    deps,
  );
}
