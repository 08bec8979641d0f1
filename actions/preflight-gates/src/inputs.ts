import { ConfigurationError } from '@promote/core/errors';
import {
  getBooleanInput,
  getOptionalInput,
  getRequiredInput,
  getTextInput,
} from '@promote/core/inputs';
import type { ActionIO } from '@promote/core/io';
import { REASON_LIMIT } from '@promote/core/github/limits';

export interface Inputs {
  token: string;
  config: string;
  checkName: string;
  dryRun: boolean;
  pullRequest: number | undefined;
  overrideReason: string | undefined;
  /** Report paths given as inputs, keyed by the config path they override. */
  reportOverrides: Record<string, string | undefined>;
}

/** Input name -> config path it overrides (a report input enables its gate with defaults). */
export const REPORT_INPUTS: Record<string, string> = {
  sarif: 'preflight.findings.sarif',
  'findings-json': 'preflight.findings.json',
  junit: 'preflight.tests.junit',
  lcov: 'preflight.tests.lcov',
  cobertura: 'preflight.tests.cobertura',
};

export function readInputs(io: ActionIO): Inputs {
  const pr = getOptionalInput(io, 'pull-request');
  if (pr !== undefined && !/^[1-9]\d*$/.test(pr.replace(/^#/, ''))) {
    throw new ConfigurationError(
      `input pull-request: "${pr}" is not a pull request number; use e.g. 42`,
    );
  }
  const reportOverrides: Record<string, string | undefined> = {};
  for (const [input, path] of Object.entries(REPORT_INPUTS))
    reportOverrides[path] = getOptionalInput(io, input);
  return {
    token: getRequiredInput(io, 'token', 'pass a token (the default is github.token)'),
    config: getOptionalInput(io, 'config') ?? '.github/promotion.yml',
    checkName: getOptionalInput(io, 'check-name') ?? 'promote/preflight',
    dryRun: getBooleanInput(io, 'dry-run', false),
    pullRequest: pr === undefined ? undefined : Number(pr.replace(/^#/, '')),
    overrideReason: getTextInput(io, 'override-reason', {
      max: REASON_LIMIT,
      why: 'an override reason is quoted in the check run and a PR comment',
    }),
    reportOverrides,
  };
}
