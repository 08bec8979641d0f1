import { getBooleanInput, getOptionalInput } from '@promote/core/inputs';
import type { ActionIO } from '@promote/core/io';

/** The inputs of action.yml, read once. */
export interface Inputs {
  token: string;
  /** `${{ github.token }}` again, only to tell whether `token` is the default one. */
  githubToken: string;
  name: string | undefined;
  config: string;
  stagingBranch: string | undefined;
  productionBranch: string | undefined;
  overrideReason: string | undefined;
  dryRun: boolean;
}

export function readInputs(io: ActionIO): Inputs {
  return {
    token: io.getInput('token').trim(),
    githubToken: io.getInput('github-token').trim(),
    name: getOptionalInput(io, 'name'),
    config: getOptionalInput(io, 'config') ?? '.github/promotion.yml',
    stagingBranch: getOptionalInput(io, 'staging-branch'),
    productionBranch: getOptionalInput(io, 'production-branch'),
    overrideReason: getOptionalInput(io, 'override-reason'),
    dryRun: getBooleanInput(io, 'dry-run', false),
  };
}
