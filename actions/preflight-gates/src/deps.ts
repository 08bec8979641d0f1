import { defaultCommandActionDeps, type CommandActionDeps } from '@promote/core/action';

/** preflight-gates runs the gate commands the config names (backup, custom) and records its writes: core's CommandActionDeps, nothing of its own. */
export type Deps = CommandActionDeps;

export const defaultDeps: () => Deps = defaultCommandActionDeps;
