import { systemClock, type Clock } from './clock.js';
import { ConfigurationError, describeFailure, ExplainedFailure } from './errors.js';
import type { Exec } from './exec.js';
import type { GitHubClient } from './github/client.js';
import { actionsIO, type ActionIO } from './io.js';
import { actionsLogger, type Logger } from './logger.js';
import { failureWithProgress, type Progress } from './progress.js';

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
 * The collaborators an action's `run(deps)` receives. Tests hand in memory IO, a memory logger,
 * a fixed clock and a client pointed at the emulator; the runner gets the defaults below.
 */
export interface ActionDeps {
  io: ActionIO;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Built from the token input when absent. */
  github?: GitHubClient;
  exec?: Exec;
  fetch?: typeof fetch;
}

export function defaultActionDeps(): ActionDeps {
  return { io: actionsIO(), logger: actionsLogger(), env: process.env, clock: systemClock };
}
