import { stripAnsi } from './markdown.js';
import { untrusted } from './untrusted-text.js';

/** Shared result model, rendered the same way in check runs, job summaries, PR comments and chat. */
export type GateStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** One row of the table every action reports (check run, job summary, PR comment, chat). */
export interface ResultRow {
  name: string;
  status: GateStatus;
  /** One line, shown in the table. Untrusted text is fine: the renderers escape it. */
  summary: string;
  /** Longer markdown shown under the table (trusted: built by the action, escape what you quote). */
  details?: string;
}

/** A check-run annotation, in the REST API's shape. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}

// GitHub's limits (https://docs.github.com/en/rest/checks/runs#create-a-check-run: output.summary and text 65,535 characters): exceeding them is a 422 that no retry fixes.
/** Check run `output.summary` and `output.text`, each. */
export const CHECK_RUN_TEXT_LIMIT = 65535;
/** Pull request body. */
export const PR_BODY_LIMIT = 65536;
/** Release body. */
export const RELEASE_BODY_LIMIT = 125000;
/**
 * Job summary, per step, in bytes. Over it the runner drops the step's whole summary ("$GITHUB_STEP_SUMMARY
 * upload aborted, supports content up to a size of 1024k";
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary).
 */
export const JOB_SUMMARY_LIMIT = 1024 * 1024;
/** Check run annotations per create/update request; the rest go in further PATCHes. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Issue / PR comment body. */
export const COMMENT_BODY_LIMIT = 65536;

/** Icons plus words: a screen reader (and a colour-blind reader) gets the word. */
const STATUS_ICON: Record<GateStatus, string> = {
  pass: '✓',
  fail: '✗',
  warn: '!',
  skip: '–',
};
const STATUS_WORD: Record<GateStatus, string> = {
  pass: 'pass',
  fail: 'fail',
  warn: 'warning',
  skip: 'skipped',
};

const SEVERITY: Record<GateStatus, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

/** The status of the whole table: fail > warn > pass > skip (an empty table passes). */
export function worstStatus(rows: readonly Pick<ResultRow, 'status'>[]): GateStatus {
  if (rows.length === 0) return 'pass';
  return rows.reduce<GateStatus>(
    (worst, row) => (SEVERITY[row.status] > SEVERITY[worst] ? row.status : worst),
    'skip',
  );
}

/** "9 passed, 1 failed, 1 warning, 2 skipped" (only the statuses present; failures first). */
export function describeCounts(rows: readonly Pick<ResultRow, 'status'>[]): string {
  const order: [GateStatus, string][] = [
    ['fail', 'failed'],
    ['warn', 'warning'],
    ['pass', 'passed'],
    ['skip', 'skipped'],
  ];
  const parts = order
    .map(([status, word]) => {
      const n = rows.filter((r) => r.status === status).length;
      return n === 0 ? '' : `${n} ${word}${status === 'warn' && n > 1 ? 's' : ''}`;
    })
    .filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'nothing to report';
}

/** `arr` in consecutive slices of at most `n` (e.g. annotations, 50 per request). */
export function chunk<T>(arr: readonly T[], n: number): T[][] {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${n}`);
  const out: T[][] = [];
  for (let i = 0; i < arr.length; i += n) out.push(arr.slice(i, i + n));
  return out;
}

/** The results table in GitHub markdown; every untrusted cell is escaped. */
export function renderMarkdownTable(
  rows: readonly ResultRow[],
  options: { title?: string } = {},
): string {
  const lines: string[] = [];
  if (options.title) lines.push(`### ${untrusted(options.title, 'cell')}`, '');
  lines.push('| Status | Check | Result |', '| --- | --- | --- |');
  for (const row of rows) {
    const status = `${STATUS_ICON[row.status]} ${STATUS_WORD[row.status]}`;
    lines.push(
      `| ${status} | ${untrusted(row.name, 'cell')} | ${untrusted(row.summary, 'cell') || ' '} |`,
    );
  }
  return lines.join('\n');
}

/** The table for a terminal or a log: icon, name padded to a column, summary. */
export function renderPlainTable(rows: readonly ResultRow[]): string {
  const clean = (s: string) =>
    stripAnsi(s)
      .replace(/\s*\n\s*/g, ' ')
      .trim();
  const width = Math.max(14, ...rows.map((r) => clean(r.name).length));
  return rows
    .map((r) =>
      `${STATUS_ICON[r.status]} ${clean(r.name).padEnd(width)} ${clean(r.summary)}`.trimEnd(),
    )
    .join('\n');
}

/** One collapsible block per row that has details, in table order. */
export function renderDetails(rows: readonly ResultRow[]): string {
  return rows
    .filter((r) => r.details && r.details.trim() !== '')
    .map(
      (r) =>
        `<details><summary>${STATUS_ICON[r.status]} ${untrusted(r.name, 'cell')}: ${STATUS_WORD[r.status]}</summary>\n\n${r.details!.trim()}\n\n</details>`,
    )
    .join('\n\n');
}

/** Table, then details: the body of a check run summary, job summary or PR comment. */
export function renderReport(rows: readonly ResultRow[], options: { title?: string } = {}): string {
  const details = renderDetails(rows);
  return details
    ? `${renderMarkdownTable(rows, options)}\n\n${details}`
    : renderMarkdownTable(rows, options);
}

export interface FitOptions {
  /** Appended when cut; `{omitted}` is replaced by the number of characters left out. */
  note?: string;
  /**
   * The limit also holds in UTF-8 bytes. Check-run summaries are refused over 65,535 bytes
   * ("exceeds a maximum bytesize"), so a table full of ✅ can fit in characters and still fail.
   */
  bytes?: boolean;
}

/**
 * `text` within `limit` characters: GitHub rejects longer bodies with a 422 that a retry cannot
 * fix, so we cut at a line boundary, close an open code fence or <details>, and say so.
 */
export function fitMarkdown(text: string, limit: number, options: FitOptions = {}): string {
  if (options.bytes) return fitMarkdownBytes(text, limit, options);
  if (text.length <= limit) return text;
  const template =
    options.note ??
    "_… truncated: {omitted} more characters did not fit GitHub's limit of " + limit + '._';
  // Budget for the note with the largest number it can show, plus closers and separators.
  const noteBudget = template.replace('{omitted}', String(text.length)).length;
  const closersBudget = 40;
  let budget = limit - noteBudget - closersBudget - 2;
  if (budget < 0) {
    // The note itself does not fit: hard cut, nothing else.
    return sliceWhole(text, limit);
  }
  let head = text.slice(0, budget);
  const lastNewline = head.lastIndexOf('\n');
  if (lastNewline > 0) head = head.slice(0, lastNewline);
  else head = sliceWhole(head, head.length);
  budget = head.length;
  const closers: string[] = [];
  const fences = head.match(/^\s*(`{3,}|~{3,})/gm) ?? [];
  if (fences.length % 2 === 1)
    closers.push(fences[fences.length - 1]!.trim().replace(/[^`~]/g, ''));
  const opened =
    (head.match(/<details>/g) ?? []).length - (head.match(/<\/details>/g) ?? []).length;
  for (let i = 0; i < Math.min(opened, 2); i++) closers.push('</details>');
  const note = template.replace('{omitted}', String(text.length - budget));
  const out = `${head}\n${closers.length ? `${closers.join('\n')}\n` : ''}\n${note}`;
  return out.length <= limit ? out : sliceWhole(out, limit);
}

/** The first `n` UTF-16 units of `s`, one fewer when the cut would split a surrogate pair. */
function sliceWhole(s: string, n: number): string {
  const code = s.charCodeAt(n - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

function fitMarkdownBytes(text: string, limit: number, options: FitOptions): string {
  const chars = { ...options, bytes: false };
  const fits = (n: number) => Buffer.byteLength(fitMarkdown(text, n, chars)) <= limit;
  if (fits(limit)) return fitMarkdown(text, limit, chars);
  // The longest character budget whose result fits in bytes (about 16 tries for 65,535).
  let lo = 0;
  let hi = limit;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return fitMarkdown(text, lo, chars);
}

// Room kept free in a step summary for the note of a later cut (its largest form, with closers).
const JOB_SUMMARY_NOTE_ROOM = 256;
// The summary writers end each append with a line end (os.EOL: at most 2 bytes).
const LINE_END_BYTES = 2;

/**
 * `markdown` as it may still be appended to a step summary already holding `written` bytes: whole,
 * or cut at a line with a note, in UTF-8 bytes and never inside a character. A whole append always
 * leaves room for a later cut's note; once a cut was made, what no longer fits is undefined: not
 * written at all (the note already says the summary was cut).
 */
export function fitJobSummary(markdown: string, written: number): string | undefined {
  const budget = JOB_SUMMARY_LIMIT - written - LINE_END_BYTES;
  if (Buffer.byteLength(markdown) <= budget - JOB_SUMMARY_NOTE_ROOM) return markdown;
  if (budget < JOB_SUMMARY_NOTE_ROOM) return undefined;
  return fitMarkdown(markdown, budget, {
    bytes: true,
    note: "_… job summary truncated: {omitted} more characters did not fit GitHub's limit of 1 MiB per step._",
  });
}
