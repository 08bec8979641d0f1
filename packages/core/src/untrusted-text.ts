/**
 * The one way to put untrusted text where a person reads it: commit subjects, PR titles, override
 * reasons, branch names, command output, production responses. Every renderer (check runs, PR
 * bodies and comments, release notes, changelog, issue bodies, job summaries, commit-status and
 * deployment descriptions, chat) goes through `untrusted(text, place)`; logs go through the
 * Logger, which keeps such text from becoming a workflow command (logger.ts).
 *
 * Whatever the place, the text
 * - loses terminal escapes and control characters (a colour code or a carriage return cannot
 *   repaint what a reader sees);
 * - cannot notify anyone: an @mention (`@octocat`, `@acme/platform`, `@everyone`) gets a zero-width
 *   space after its `@`, as Renovate does for the PR bodies it writes
 *   (https://github.com/renovatebot/renovate/blob/main/lib/util/markdown.ts). GitHub links a
 *   mention only where `@` follows a non-word character and is followed by the login
 *   (https://github.com/gjtorikian/html-pipeline/blob/v2.14.3/lib/html/pipeline/%40mention_filter.rb),
 *   so an e-mail address (`a@b.com`) stays as it is; an HTML entity (`&#64;`) is not enough,
 *   the renderer decodes it before looking for mentions. Code spans and blocks are not scanned
 *   for mentions, so `code` and `block` keep the text byte for byte. Slack's `<!channel>` gets
 *   the same treatment (and chat payloads escape `<` besides, packages/core/src/notify.ts);
 * - stays data in its place: markup escaped inline, pipes escaped in a table cell, a code fence
 *   that the text cannot close;
 * - fits: `max` bounds the result in characters (GitHub refuses a PR title over 256 characters,
 *   a status description over 140: packages/core/src/github/limits.ts).
 */
import { codeBlock, codeSpan, escapeInline, stripAnsi, truncate } from './markdown.js';

/**
 * Where the text goes:
 * - `inline`: markdown on one line (a title, a subject, a reason); newlines become spaces;
 * - `cell`: a markdown table cell; one line, pipes escaped, newlines become `<br>`;
 * - `text`: markdown over several lines (a quoted body); lines kept, markup escaped;
 * - `code`: a code span (a branch name, a path, a command);
 * - `block`: a fenced code block (command output, a response body);
 * - `plain`: no markdown at all, one line (PR title, status and deployment descriptions, chat).
 */
export type TextPlace = 'inline' | 'cell' | 'text' | 'code' | 'block' | 'plain';

export interface UntrustedOptions {
  /** At most this many characters in the result (escapes and fences included). */
  max?: number;
  /** Info string of a `block` (e.g. `sh`, `json`). */
  language?: string;
}

const ZERO_WIDTH_SPACE = '\u200b';
// `@` after the start or a non-word character, before what a login, team or chat mention starts
// with (Discord: `<@!id>`, `<@&role>`). Ruby's \W, which GitHub's filter uses, is ASCII-only.
const MENTION = /(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9!&])/g;
// Slack's special mentions: <!channel>, <!here>, <!everyone>, <!subteam^ID>.
const SLACK_SPECIAL = /<!(?=[A-Za-z])/g;

/** `@name` (and Slack's `<!here>`) that notifies nobody: a zero-width space after the `@` or `<`. */
function defuseMentions(text: string): string {
  return text
    .replace(MENTION, `$1@${ZERO_WIDTH_SPACE}`)
    .replace(SLACK_SPECIAL, `<${ZERO_WIDTH_SPACE}!`);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const RENDER: Record<TextPlace, (text: string, options: UntrustedOptions) => string> = {
  inline: (t) => escapeInline(defuseMentions(oneLine(t))),
  cell: (t) =>
    escapeInline(defuseMentions(t.trim()))
      .replace(/\s*\n\s*/g, '<br>')
      .replace(/^(<br>)+|(<br>)+$/g, ''),
  text: (t) => escapeInline(defuseMentions(t)),
  code: (t) => codeSpan(t),
  block: (t, o) => codeBlock(t, o.language),
  plain: (t) => defuseMentions(oneLine(t)),
};

/** `text` made safe to show at `place` (see TextPlace), within `options.max` characters. */
export function untrusted(
  text: string | null | undefined,
  place: TextPlace,
  options: UntrustedOptions = {},
): string {
  const source = stripAnsi(text ?? '');
  const render = (t: string) => RENDER[place](t, options);
  const { max } = options;
  let out = render(source);
  if (max === undefined || out.length <= max) return out;
  // Cut the source, not the result: a cut escape (`\` before a pipe) or fence would break the
  // markup around it. Escapes grow the text, so cut again by what is still over.
  let keep = Math.min(source.length, max);
  do {
    out = render(truncate(source, keep));
    keep -= Math.max(1, out.length - max);
  } while (out.length > max && keep > 0);
  return out.length <= max ? out : truncate(out, max);
}
