/** GitHub's size limits that reject a request outright (FIELD-NOTES: a 422 retrying cannot fix). */
export const CHECK_RUN_TEXT_LIMIT = 65_535;
export const CHECK_RUN_ANNOTATIONS_PER_REQUEST = 50;
export const RELEASE_BODY_LIMIT = 125_000;
export const PULL_REQUEST_BODY_LIMIT = 65_536;
export const COMMENT_BODY_LIMIT = 65_536;
export const STATUS_DESCRIPTION_LIMIT = 140;

/**
 * Cuts `text` to at most `limit` characters (UTF-16 code units, as GitHub counts), ending with a
 * note that says how much was cut. Cuts at a line break near the limit so a table row is not split.
 * Never fails: a report that does not fit still lands, shortened.
 */
export function fitText(text: string, limit: number, what = 'text'): string {
  if (text.length <= limit) return text;
  const note = (cut: number) =>
    `\n\n_…${what} truncated: ${cut.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')} characters omitted (GitHub limit ${limit.toLocaleString('en-US')})._`;
  // Reserve room for the longest possible note, then prefer a line boundary.
  const room = Math.max(0, limit - note(text.length).length);
  let end = text.lastIndexOf('\n', room);
  if (end < room * 0.9) end = room;
  // Do not split a surrogate pair.
  if (end > 0 && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  const fitted = text.slice(0, end) + note(text.length - end);
  return fitted.length <= limit ? fitted : fitted.slice(0, limit);
}

/** One line, at most `limit` characters, ellipsis when cut (status and deployment descriptions). */
export function fitLine(text: string, limit: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= limit) return line;
  return `${line.slice(0, limit - 1)}…`;
}
