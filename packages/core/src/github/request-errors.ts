/** Reading @octokit/request errors without depending on their class (ncc may bundle two copies). */
export interface GitHubErrorLike {
  status: number;
  message: string;
  response?: { data?: unknown };
}

export function isGitHubError(error: unknown): error is GitHubErrorLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { status?: unknown }).status === 'number' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export function hasStatus(error: unknown, status: number): boolean {
  return isGitHubError(error) && error.status === status;
}

/**
 * A 422 saying the object is already there. GitHub words it several ways:
 * `Reference already exists`, `{ errors: [{ code: 'already_exists' }] }` (releases),
 * `A pull request already exists for owner:branch.` (custom error message).
 */
export function isAlreadyExists(error: unknown): boolean {
  if (!hasStatus(error, 422)) return false;
  const { message, response } = error as GitHubErrorLike;
  if (/already exists/i.test(message)) return true;
  const errors = (response?.data as { errors?: unknown[] } | undefined)?.errors ?? [];
  return errors.some((e) => {
    if (typeof e !== 'object' || e === null) return false;
    const { code, message: m } = e as { code?: unknown; message?: unknown };
    return code === 'already_exists' || (typeof m === 'string' && /already exists/i.test(m));
  });
}

/** How a request that got no complete answer before its deadline fails (client.ts). */
export const NO_RESPONSE_WITHIN = 'no complete response within';

/**
 * The request timed out: unlike a 5xx or a reset connection, it may still be in flight at GitHub,
 * so a write may land after this error (the answer, not the request, was given up on).
 */
export function isResponseTimeout(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && message.includes(NO_RESPONSE_WITHIN)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** A short, token-free description for logs and errors. */
export function describeGitHubError(error: unknown): string {
  if (isGitHubError(error)) return `${error.status} ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
