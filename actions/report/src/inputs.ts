import { ConfigurationError } from '@promote/core/errors';
import type { ActionIO } from '@promote/core/io';
import { getIntegerInput, getOptionalInput, getRequiredInput } from '@promote/core/inputs';

/** The inputs of action.yml, parsed once; names mirror action.yml. */
export interface Inputs {
  token: string;
  config: string;
  /** Undefined: `environment` from the config. */
  environment: string | undefined;
  days: number;
  checkName: string;
  outputDir: string;
}

export function readInputs(io: ActionIO): Inputs {
  const app = getOptionalInput(io, 'app');
  if (app !== undefined) {
    // Reserved so callers can pass it once apps exist; until then a value would silently report
    // every app's deployments as this one's.
    throw new ConfigurationError(
      `input "app" is reserved for per-app reports, which need apps in promotion.yml (not there yet); remove it, the report covers the whole environment`,
    );
  }
  return {
    token: getRequiredInput(io, 'token'),
    config: getRequiredInput(io, 'config'),
    environment: getOptionalInput(io, 'environment'),
    days: getIntegerInput(io, 'days', 90, { min: 7, max: 366 }),
    checkName: getRequiredInput(io, 'check-name'),
    outputDir: getRequiredInput(io, 'output-dir'),
  };
}
