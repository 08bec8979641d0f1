import { systemClock, type Clock } from './clock.js';
import { ConfigurationError, describeFailure, ExplainedFailure } from './errors.js';
import { createGitHubClient, type GitHubClient } from './github/client.js';
import { actionsIO, type ActionIO } from './io.js';
import { actionsLogger, type Logger } from './logger.js';
import { createExec, type Exec } from './exec.js';
import { createProgress, failureWithProgress, type Progress } from './progress.js';

/**
 * The one funnel from an action's work to the runner's verdict (codeql-action's runWrapper):
 * a ConfigurationError is the user's to fix and is printed as is; anything else is wrapped with
 * the action's name, with the stack in the debug log for whoever turns on step debugging.
 */
export async function runMain(
  actionName: string,
  fn: () => Promise<void>,
  /** With `progress`, a failure also says what the run wrote and that a re-run finishes the job. */
  deps: { io: ActionIO; logger: Logger; progress?: Progress },
): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ConfigurationError || error instanceof ExplainedFailure) {
      deps.io.setFailed(error.message);
      return;
    }
    deps.io.setFailed(
      deps.progress
        ? failureWithProgress(actionName, error, deps.progress)
        : describeFailure(actionName, error),
    );
    if (error instanceof Error && error.stack) deps.logger.debug(error.stack);
  }
}

/**
 * The collaborators every action's `run(deps)` receives, and only those: each one is used by all
 * five actions on every run (the event guard reads io, logger and env; every plan reads the
 * clock; every action talks to GitHub with a token it reads from its inputs, so `github` builds
 * a client for a token rather than being one). What only some actions need (exec, fetch,
 * progress, migrate's command runner) is in that action's `src/deps.ts`, which extends this.
 * Tests hand in memory IO, a memory logger, a fixed clock and a factory pointed at the emulator.
 */
export interface ActionDeps {
  io: ActionIO;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  github: (token: string) => GitHubClient;
}

/** The runner's collaborators: the toolkit's IO and logger, process.env, the system clock. */
export function defaultActionDeps(): ActionDeps {
  const logger = actionsLogger();
  return {
    io: actionsIO(),
    logger,
    env: process.env,
    clock: systemClock,
    github: (token) => createGitHubClient({ token, logger }),
  };
}

/**
 * ActionDeps of an action that runs the config's commands and records its writes (preflight-gates
 * and open-promote-pr): an exec that masks the run's secrets, and a progress record, so a failure
 * says what is done.
 */
export interface CommandActionDeps extends ActionDeps {
  exec: Exec;
  progress: Progress;
}

export function defaultCommandActionDeps(): CommandActionDeps {
  const base = defaultActionDeps();
  return { ...base, exec: createExec({ logger: base.logger }), progress: createProgress() };
}
