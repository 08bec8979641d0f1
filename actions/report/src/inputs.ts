import type { ActionIO } from '@promote/core/io';
import { getIntegerInput, getOptionalInput, getRequiredInput } from '@promote/core/inputs';

/** The inputs of action.yml, parsed once; names mirror action.yml. */
export interface Inputs {
  token: string;
  config: string;
  /** Undefined: `environment` from the config. */
  environment: string | undefined;
  /** One app of promotion.yml's apps (issue #20); undefined: the whole environment. */
  app?: string;
  days: number;
  checkName: string;
  outputDir: string;
}

export function readInputs(io: ActionIO): Inputs {
  const app = getOptionalInput(io, 'app');
  return {
    ...(app !== undefined ? { app } : {}),
    token: getRequiredInput(io, 'token'),
    config: getRequiredInput(io, 'config'),
    environment: getOptionalInput(io, 'environment'),
    days: getIntegerInput(io, 'days', 90, { min: 7, max: 366 }),
    checkName: getRequiredInput(io, 'check-name'),
    outputDir: getRequiredInput(io, 'output-dir'),
  };
}
