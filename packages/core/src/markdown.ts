/**
 * Markdown building blocks for untrusted text (PR titles, branch names, commit messages, command
 * output). Renderers do not call these directly: `untrusted(text, place)` in untrusted-text.ts is
 * the one way, and adds what every place needs (mentions defused, a length bound).
 */

// CSI (colours, cursor moves), OSC (hyperlinks, titles) and other ESC sequences a tool may print.
const TERMINAL_ESCAPES =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// C0/C1 control characters except tab and newline (a stray \r rewrites a line in some viewers).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Remove ANSI colour codes, OSC hyperlinks and other control characters; keeps tabs and newlines. */
export function stripAnsi(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(TERMINAL_ESCAPES, '')
    .replace(/\r/g, '\n')
    .replace(CONTROL_CHARS, '');
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text shown inline in markdown as itself: HTML neutralised, markdown punctuation backslash-escaped
 * so `**x**`, `[link](url)`, `# heading` or a pipe stay literal. Newlines are kept.
 */
export function escapeInline(text: string): string {
  return (
    stripAnsi(text)
      .replace(/[&<>]/g, (c) => HTML_ENTITIES[c] ?? c)
      // Only what can start markup anywhere in a line; "(" or "!" mean nothing once "[" is escaped.
      .replace(/[\\`*_[\]|~]/g, '\\$&')
      // ...and what starts a block only at the start of a line (heading, quote, list, rule).
      .replace(/^(\s*)([#+])/gm, '$1\\$2')
      .replace(
        /^(\s*)([-=]{1,})(\s|$)/gm,
        (_m, lead: string, marks: string, tail: string) =>
          `${lead}${marks.replace(/./g, '\\$&')}${tail}`,
      )
      .replace(/^(\s*\d+)([.)])(\s)/gm, '$1\\$2$3')
  );
}

/**
 * `text` as a code span. The fence is longer than any backtick run inside, so the text cannot
 * close it; newlines become spaces. In a table (`{ table: true }`) pipes are escaped, which GFM
 * requires even inside code spans.
 */
export function codeSpan(text: string, options: { table?: boolean } = {}): string {
  let body = stripAnsi(text).replace(/\n+/g, ' ');
  if (options.table) body = body.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced code block that the content cannot break out of (the fence outgrows any run inside). */
export function codeBlock(text: string, language = ''): string {
  const body = stripAnsi(text);
  const longest = Math.max(2, ...(body.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${body.replace(/\n$/, '')}\n${fence}`;
}

/**
 * At most `max` characters (UTF-16 units, what JavaScript and GitHub's limits count), ending with
 * `ellipsis` when cut. Never splits a surrogate pair.
 */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return ellipsis.slice(0, Math.max(0, max));
  let cut = max - ellipsis.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}${ellipsis}`;
}
