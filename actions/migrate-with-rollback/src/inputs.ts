import { ConfigurationError } from '@promote/core/errors';
import { type ActionIO } from '@promote/core/io';
import { getBooleanInput, getOptionalInput, getTextInput } from '@promote/core/inputs';
import { REASON_LIMIT } from '@promote/core/github/limits';
import type { MigrateMode } from './plan.js';

/** The action's inputs, parsed once; keys mirror action.yml. */
export interface Inputs {
  token: string;
  mode: MigrateMode | 'guard';
  /** One app of promotion.yml's apps (undefined: the repository as one app). */
  app?: string;
  /** A stage name (undefined: the stage of the event's branch, else the last). */
  stage?: string;
  environment?: string;
  config?: string;
  backupId?: string;
  release?: string;
  reason?: string;
  openRevertPr: boolean;
  dryRun: boolean;
  /** Undefined: promote.rollback-workflow from the config. */
  rollbackWorkflow: string | undefined;
}

export function readInputs(io: ActionIO): Inputs {
  const mode = getOptionalInput(io, 'mode') ?? 'migrate';
  if (mode !== 'migrate' && mode !== 'rollback' && mode !== 'guard') {
    throw new ConfigurationError(
      `input "mode" must be migrate, rollback or guard, got ${JSON.stringify(mode)}`,
    );
  }
  const inputs: Inputs = {
    token: getOptionalInput(io, 'token') ?? '',
    mode,
    app: getOptionalInput(io, 'app'),
    stage: getOptionalInput(io, 'stage'),
    environment: getOptionalInput(io, 'environment'),
    config: getOptionalInput(io, 'config'),
    backupId: getOptionalInput(io, 'backup-id'),
    release: getOptionalInput(io, 'release'),
    reason: getTextInput(io, 'reason', {
      max: REASON_LIMIT,
      why: 'the reason is recorded in the deployment, the job summary and a revert PR',
    }),
    openRevertPr: getBooleanInput(io, 'open-revert-pr', false),
    dryRun: getBooleanInput(io, 'dry-run', false),
    rollbackWorkflow: getOptionalInput(io, 'rollback-workflow'),
  };
  if (mode === 'rollback' && !inputs.backupId && !inputs.release) {
    throw new ConfigurationError(
      'mode: rollback needs input "backup-id" (from the migrate run\'s outputs or summary) or "release" (a tag whose backup was recorded)',
    );
  }
  if (!inputs.token && !inputs.dryRun && mode !== 'guard') {
    throw new ConfigurationError(
      'input "token" is empty: pass ${{ github.token }} (contents: write for the lock ref, deployments: write)',
    );
  }
  return inputs;
}
