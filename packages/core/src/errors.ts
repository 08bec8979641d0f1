/**
 * A problem the user fixes (bad config, missing input, unsupported event). Its message says
 * what is wrong and how to fix it; the action funnel prints it as is.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/**
 * A failure whose message already says what happened to production and what a person does next
 * (e.g. "half-migrated, lock kept, recover with ..."): printed as is, never followed by the
 * generic "re-run this job" advice, which would be wrong there.
 */
export class ExplainedFailure extends Error {
  override readonly name = 'ExplainedFailure';
}

/** Anything else is wrapped with the action's name, so a log reader knows which step broke. */
export function describeFailure(action: string, error: unknown): string {
  if (error instanceof ConfigurationError || error instanceof ExplainedFailure)
    return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `${action} failed: ${message}`;
}
