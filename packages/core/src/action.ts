import { ConfigurationError, describeFailure } from './errors.js';
import type { ActionIO } from './io.js';
import type { Logger } from './logger.js';

/**
 * The one funnel from an action's work to the runner's verdict (codeql-action's runWrapper):
 * a ConfigurationError is the user's to fix and is printed as is; anything else is wrapped with
 * the action's name, with the stack in the debug log for whoever turns on step debugging.
 */
export async function runMain(
  actionName: string,
  fn: () => Promise<void>,
  deps: { io: ActionIO; logger: Logger },
): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      deps.io.setFailed(error.message);
      return;
    }
    deps.io.setFailed(describeFailure(actionName, error));
    if (error instanceof Error && error.stack) deps.logger.debug(error.stack);
  }
}
