import { actionsIO, type ActionIO } from '@promote/core/io';
import { ConfigurationError } from '@promote/core/errors';
import type { StepEntries } from './step-module.js';
import * as generated from './steps.generated.js';

/** The generated step table, passed in so tests can hand in their own. */
export interface StepTable {
  STEPS: readonly string[];
  ENTRIES: Record<string, StepEntries>;
  STEP_DEFAULTS: Record<string, Record<string, string>>;
  UMBRELLA_DEFAULTS: Record<string, string>;
}

export interface UmbrellaDeps {
  io: ActionIO;
  env: NodeJS.ProcessEnv;
  table: StepTable;
}

export function defaultDeps(): UmbrellaDeps {
  return { io: actionsIO(), env: process.env, table: generated };
}

/** The `step` input, checked against the actions that exist, before anything else runs. */
export function selectStep(raw: string, steps: readonly string[]): string {
  const step = raw.trim();
  if (steps.length === 0) {
    throw new ConfigurationError(
      `step "${step}": this build of Promote contains no actions yet, so there is nothing to run.`,
    );
  }
  if (!step) {
    throw new ConfigurationError(`Input "step" is required: one of ${steps.join(', ')}.`);
  }
  if (!steps.includes(step)) {
    throw new ConfigurationError(`Unknown step "${step}": use one of ${steps.join(', ')}.`);
  }
  return step;
}

const inputVar = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/**
 * Where the actions disagree on an input's default the umbrella declares none; the chosen step's
 * own default is filled in here when the caller did not give the input.
 */
export function applyStepDefaults(step: string, env: NodeJS.ProcessEnv, table: StepTable): void {
  for (const [name, value] of Object.entries(table.STEP_DEFAULTS[step] ?? {})) {
    const key = inputVar(name);
    const given = env[key] ?? '';
    if (given === '' || given === (table.UMBRELLA_DEFAULTS[name] ?? '')) env[key] = value;
  }
}

async function dispatch(deps: UmbrellaDeps, stage: keyof StepEntries): Promise<void> {
  let step: string;
  try {
    step = selectStep(deps.io.getInput('step'), deps.table.STEPS);
  } catch (error) {
    // Only main reports a bad step; pre and post stay quiet rather than fail twice.
    if (stage === 'main') deps.io.setFailed((error as Error).message);
    return;
  }
  const load = deps.table.ENTRIES[step]?.[stage];
  if (!load) {
    // A step without its own pre or post has nothing to do there; every step has a main.
    if (stage === 'main') {
      deps.io.setFailed(`promote: step "${step}" has no main entry (regenerate the umbrella).`);
    }
    return;
  }
  applyStepDefaults(step, deps.env, deps.table);
  // The action's own entry function reports its failures (setFailed) through its own funnel.
  await (
    await load()
  )();
}

export async function run(deps: UmbrellaDeps = defaultDeps()): Promise<void> {
  await dispatch(deps, 'main');
}

export async function post(deps: UmbrellaDeps = defaultDeps()): Promise<void> {
  await dispatch(deps, 'post');
}

export async function pre(deps: UmbrellaDeps = defaultDeps()): Promise<void> {
  await dispatch(deps, 'pre');
}
