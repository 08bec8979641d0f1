import { defaultActionDeps, type ActionDeps } from '@promote/core/action';
import { createExec, type Exec } from '@promote/core/exec';
import { createProgress, type Progress } from '@promote/core/progress';

/** open-promote-pr's collaborators: core's ActionDeps, the commands it runs, a record of its writes. */
export interface Deps extends ActionDeps {
  /** Runs the commands the config names (audit and migration excerpts, pre-open gates). */
  exec: Exec;
  /** Told of each write that landed, so a failure says what is done. */
  progress: Progress;
}

export function defaultDeps(): Deps {
  const base = defaultActionDeps();
  return { ...base, exec: createExec({ logger: base.logger }), progress: createProgress() };
}
