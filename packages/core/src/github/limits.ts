import { fitMarkdown } from '../report.js';
import { untrusted } from '../untrusted-text.js';

// GitHub's size limits that reject a request outright (a 422 that retrying cannot fix;
// each limit below names the REST reference that documents it).
// The shared ones live with the report renderer; these re-exports keep the github helpers' names.
export {
  CHECK_RUN_TEXT_LIMIT,
  RELEASE_BODY_LIMIT,
  COMMENT_BODY_LIMIT,
  PR_BODY_LIMIT as PULL_REQUEST_BODY_LIMIT,
  ANNOTATIONS_PER_REQUEST as CHECK_RUN_ANNOTATIONS_PER_REQUEST,
} from '../report.js';
/** Commit status and deployment status `description`. */
export const STATUS_DESCRIPTION_LIMIT = 140;
/** Pull request and issue title. */
export const TITLE_LIMIT = 256;
/** Label name. */
export const LABEL_NAME_LIMIT = 50;
/**
 * Longest reason a person types (an override, a rollback), in characters. Ours, not GitHub's: a
 * reason is a sentence or two for the audit ("hotfix for the checkout outage, INC-1234"), quoted
 * in a check run, a PR body, comments and deployments; 500 keeps each far within GitHub's limits.
 */
export const REASON_LIMIT = 500;
/** Issue body (the same as a PR body or a comment). */
export const ISSUE_BODY_LIMIT = 65536;

/**
 * Cuts markdown to at most `limit` characters with a note saying what was cut (the report
 * renderer's fitter: it closes an open code fence or <details>). Never fails: a report that does
 * not fit still lands, shortened.
 */
export function fitText(text: string, limit: number, what = 'text', bytes = false): string {
  return fitMarkdown(text, limit, {
    note: `_… ${what} truncated: {omitted} more characters did not fit GitHub's limit of ${limit}._`,
    bytes,
  });
}

/**
 * One line of plain text, at most `limit` characters, ellipsis when cut, no live mentions
 * (status and deployment descriptions): `untrusted(text, 'plain')` with GitHub's limit.
 */
export function fitLine(text: string, limit: number): string {
  return untrusted(text, 'plain', { max: limit });
}
