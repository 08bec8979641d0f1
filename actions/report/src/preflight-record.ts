import type { OverrideFact } from './history.js';

/**
 * What preflight-gates writes in its check run, read back (actions/preflight-gates/src/render.ts
 * writes it; test/actions/report/preflight-record.test.ts renders with that code and
 * parses with this, so a change of wording there fails a test here):
 * - the title of a failed run: "2 of 9 gates failed: freeze, change-size" (gate config keys);
 * - the override audit in the summary: "**Emergency override** by @actor at <ISO time> via <how>."
 *   then "Reason: <reason>", each untrusted part escaped for markdown.
 */
const FAILED_TITLE = /^\d+ of \d+ gates failed: (.+)$/;
const AUDIT = /\*\*Emergency override\*\* by @(.+?) at (\S+) via (.+?)\.\n\nReason: (.*)/;

/** Gate keys named by a failed check run's title; [] for any other title. */
export function failedGatesIn(title: string | null | undefined): string[] {
  const match = FAILED_TITLE.exec(title ?? '');
  return match ? match[1]!.split(', ').filter(Boolean) : [];
}

/**
 * Markdown escapes and defused mentions taken back off, so the text can be rendered again (through
 * untrusted()) where the report shows it, escaped once rather than twice.
 */
function unescapeInline(text: string): string {
  return text
    .replace(/\\([\\`*_[\]|~#+\-=.)])/g, '$1')
    .replace(/@\u200b/g, '@')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The override recorded in a check run's summary, if any. */
export function overrideIn(summary: string | null | undefined): OverrideFact | undefined {
  const match = AUDIT.exec(summary ?? '');
  if (!match) return undefined;
  const [, actor, at, via, reason] = match as unknown as [string, string, string, string, string];
  return {
    actor: unescapeInline(actor),
    at,
    via: unescapeInline(via),
    reason: unescapeInline(reason),
  };
}
