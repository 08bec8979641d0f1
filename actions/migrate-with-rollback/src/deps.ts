import { defaultActionDeps, type ActionDeps } from '@promote/core/action';
import { createProgress, type Progress } from '@promote/core/progress';
import { runCommand, type RunCommand } from './run-command.js';

/** migrate-with-rollback's collaborators: core's ActionDeps and what only this action needs. */
export interface Deps extends ActionDeps {
  /** Runs the backup, migrate, verify and restore commands (streamed lines, abort on cancel). */
  run: RunCommand;
  /** Where the runner's cancellation signals (SIGINT, SIGTERM) arrive. */
  proc: NodeJS.Process;
  /** What the run has written, for a failure message that says what is done. */
  progress: Progress;
}

export function defaultDeps(): Deps {
  return { ...defaultActionDeps(), run: runCommand, proc: process, progress: createProgress() };
}
