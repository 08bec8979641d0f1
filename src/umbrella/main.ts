import { actionsIO, type ActionIO } from '@promote/core/io';
import { ConfigurationError } from '@promote/core/errors';
import type { StepModule } from './step-module.js';
import * as generated from './steps.generated.js';

/** The generated step table, passed in so tests can hand in their own. */
export interface StepTable {
  STEPS: readonly string[];
  LOADERS: Record<string, () => Promise<StepModule>>;
  POST_STEPS: readonly string[];
  PRE_STEPS: readonly string[];
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

async function dispatch(
  deps: UmbrellaDeps,
  pick: (mod: StepModule) => (() => Promise<void>) | undefined,
  stage: 'pre' | 'main' | 'post',
): Promise<void> {
  let step: string;
  try {
    step = selectStep(deps.io.getInput('step'), deps.table.STEPS);
  } catch (error) {
    // Only main reports a bad step; pre and post stay quiet rather than fail twice.
    if (stage === 'main') deps.io.setFailed((error as Error).message);
    return;
  }
  if (stage === 'post' && !deps.table.POST_STEPS.includes(step)) return;
  if (stage === 'pre' && !deps.table.PRE_STEPS.includes(step)) return;
  applyStepDefaults(step, deps.env, deps.table);
  const load = deps.table.LOADERS[step];
  if (!load) {
    deps.io.setFailed(`promote: step "${step}" has no loader (regenerate the umbrella).`);
    return;
  }
  const mod = await load();
  const fn = pick(mod);
  if (!fn) {
    deps.io.setFailed(
      `promote: ${step} declares runs.${stage} but its main.ts exports no ${stage}().`,
    );
    return;
  }
  // The action's own run() reports its failures (setFailed) through its own funnel.
  await fn();
}

export async function run(deps: UmbrellaDeps = defaultDeps()): Promise<void> {
  await dispatch(deps, (m) => m.run, 'main');
}

export async function post(deps: UmbrellaDeps = defaultDeps()): Promise<void> {
  await dispatch(deps, (m) => m.post, 'post');
}

export async function pre(deps: UmbrellaDeps = defaultDeps()): Promise<void> {
  await dispatch(deps, (m) => m.pre, 'pre');
}
