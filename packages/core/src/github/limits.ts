import { fitMarkdown } from '../report.js';

// GitHub's size limits that reject a request outright (FIELD-NOTES: a 422 retrying cannot fix).
// The shared ones live with the report renderer; these re-exports keep the github helpers' names.
export {
  CHECK_RUN_TEXT_LIMIT,
  RELEASE_BODY_LIMIT,
  COMMENT_BODY_LIMIT,
  PR_BODY_LIMIT as PULL_REQUEST_BODY_LIMIT,
  ANNOTATIONS_PER_REQUEST as CHECK_RUN_ANNOTATIONS_PER_REQUEST,
} from '../report.js';
export const STATUS_DESCRIPTION_LIMIT = 140;

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

/** One line, at most `limit` characters, ellipsis when cut (status and deployment descriptions). */
export function fitLine(text: string, limit: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= limit) return line;
  return `${line.slice(0, limit - 1)}…`;
}
