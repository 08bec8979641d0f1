import { getBooleanInput, getOptionalInput, getTextInput } from '@promote/core/inputs';
import { REASON_LIMIT, TITLE_LIMIT } from '@promote/core/github/limits';
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
  /** Stage promoted into (issue #20); undefined = the last stage. */
  stage: string | undefined;
  /** One app's changes only; undefined = the whole source branch. */
  app: string | undefined;
  /** Act as a release train (like a scheduled run) outside the allow windows. */
  train: boolean;
  overrideReason: string | undefined;
  dryRun: boolean;
}

export function readInputs(io: ActionIO): Inputs {
  return {
    token: io.getInput('token').trim(),
    githubToken: io.getInput('github-token').trim(),
    name: getTextInput(io, 'name', {
      max: TITLE_LIMIT,
      why: `the name goes into the PR title, which GitHub limits to ${TITLE_LIMIT} characters`,
      oneLine: true,
    }),
    config: getOptionalInput(io, 'config') ?? '.github/promotion.yml',
    stagingBranch: getOptionalInput(io, 'staging-branch'),
    productionBranch: getOptionalInput(io, 'production-branch'),
    stage: getOptionalInput(io, 'stage'),
    app: getOptionalInput(io, 'app'),
    train: getBooleanInput(io, 'train', false),
    overrideReason: getTextInput(io, 'override-reason', {
      max: REASON_LIMIT,
      why: 'an override reason is quoted in the PR body and a comment',
    }),
    dryRun: getBooleanInput(io, 'dry-run', false),
  };
}
