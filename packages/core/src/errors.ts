/**
 * A problem the user fixes (bad config, missing input, unsupported event). Its message says
 * what is wrong and how to fix it; the action funnel prints it as is.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Anything else is wrapped with the action's name, so a log reader knows which step broke. */
export function describeFailure(action: string, error: unknown): string {
  if (error instanceof ConfigurationError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `${action} failed: ${message}`;
}
