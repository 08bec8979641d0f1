// What a run has written so far, so that a failure can say what is done and what to re-run
// (issue #9: a failed run names what exists and that a re-run finishes the job).
import { isGitHubError } from './github/request-errors.js';

export interface Progress {
  /** Record a side effect that has landed ("tag v2.7.0 created at abc123"). */
  done(step: string): void;
  readonly steps: readonly string[];
}

export function createProgress(): Progress {
  const steps: string[] = [];
  return {
    done: (step) => void steps.push(step),
    steps,
  };
}

/** "502 Server Error (POST /repos/acme/app/releases)": the request that failed, never its query. */
export function describeFailedRequest(error: unknown): string {
  if (!isGitHubError(error)) return error instanceof Error ? error.message : String(error);
  const request = (error as { request?: { method?: string; url?: string } }).request;
  let where = '';
  try {
    if (request?.method && request.url)
      where = ` (${request.method} ${new URL(request.url).pathname})`;
  } catch {
    // An unparsable URL names nothing useful.
  }
  return `${error.status} ${error.message}${where}`;
}

/**
 * The failure message of a run that may have written something: the error, what is done, and
 * that a re-run of the job finishes the rest (every step looks for what exists first).
 */
export function failureWithProgress(action: string, error: unknown, progress: Progress): string {
  const done = progress.steps.length
    ? `Done before the failure: ${progress.steps.join('; ')}.`
    : 'Nothing was written before the failure.';
  return (
    `${action} failed: ${describeFailedRequest(error)}. ${done} ` +
    `Re-run this job to finish: ${action} finds what already exists and creates nothing twice.`
  );
}
