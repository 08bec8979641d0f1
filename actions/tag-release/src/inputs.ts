import { ConfigurationError } from '@promote/core/errors';
import type { ActionIO } from '@promote/core/io';
import { getBooleanInput, getChoiceInput, getOptionalInput } from '@promote/core/inputs';

/** The inputs of action.yml, parsed once; names mirror action.yml. */
export interface Inputs {
  token: string;
  config: string;
  /** One app of the monorepo (apps: in promotion.yml); undefined: the repository as one app. */
  app: string | undefined;
  /** Undefined: the last stage (releases are cut there only). */
  stage: string | undefined;
  sha: string | undefined;
  version: string | undefined;
  bump: 'major' | 'minor' | 'patch' | undefined;
  prerelease: string | undefined;
  tagPrefix: string | undefined;
  changelogMode: string | undefined;
  seal: string | undefined;
  sealSummary: string | undefined;
  deploymentUrl: string | undefined;
  /** Undefined: promote.rollback-workflow from the config. */
  rollbackWorkflow: string | undefined;
  history: 'auto' | 'api' | 'git';
  dryRun: boolean;
}

export function readInputs(io: ActionIO): Inputs {
  const sha = getOptionalInput(io, 'sha');
  if (sha !== undefined && !/^[0-9a-f]{40}$/i.test(sha)) {
    throw new ConfigurationError(
      `input "sha" must be a full 40-character commit SHA, got ${JSON.stringify(sha)}`,
    );
  }
  const bumpRaw = getOptionalInput(io, 'bump');
  const bump =
    bumpRaw === undefined
      ? undefined
      : getChoiceInput(io, 'bump', ['major', 'minor', 'patch'] as const, 'patch');
  const version = getOptionalInput(io, 'version')?.replace(/^v(?=\d)/, '');
  const seal = getOptionalInput(io, 'seal');
  if (seal !== undefined && !['green', 'red'].includes(seal.toLowerCase())) {
    throw new ConfigurationError(
      `input "seal" must be green or red (prod-smoke-seal's seal output), got ${JSON.stringify(seal)}`,
    );
  }
  return {
    token: getOptionalInput(io, 'token') ?? '',
    config: getOptionalInput(io, 'config') ?? '.github/promotion.yml',
    app: getOptionalInput(io, 'app'),
    stage: getOptionalInput(io, 'stage'),
    sha: sha?.toLowerCase(),
    version,
    bump,
    prerelease: getOptionalInput(io, 'prerelease'),
    tagPrefix: getOptionalInput(io, 'tag-prefix'),
    changelogMode: getOptionalInput(io, 'changelog-mode'),
    seal: seal?.toLowerCase(),
    sealSummary: getOptionalInput(io, 'seal-summary'),
    deploymentUrl: getOptionalInput(io, 'deployment-url'),
    rollbackWorkflow: getOptionalInput(io, 'rollback-workflow'),
    history: getChoiceInput(io, 'history', ['auto', 'api', 'git'] as const, 'auto'),
    dryRun: getBooleanInput(io, 'dry-run', false),
  };
}
