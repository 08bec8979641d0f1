import { defaultCommandActionDeps, type CommandActionDeps } from '@promote/core/action';

/** open-promote-pr runs the config's commands (audit and migration excerpts, pre-open gates) and records its writes: core's CommandActionDeps, nothing of its own. */
export type Deps = CommandActionDeps;

export const defaultDeps: () => Deps = defaultCommandActionDeps;
