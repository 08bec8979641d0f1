import { CommitParser, type Commit, type ParserOptions } from 'conventional-commits-parser';

/**
 * Conventional-commit parsing shared by tag-release (version bump, changelog), preflight-gates
 * (change-size counts scopes) and open-promote-pr (PR body). One maintained parser
 * (conventional-commits-parser 6), configured once for what GitHub actually writes:
 * `type(scope)!: subject`, "Merge pull request #12 from owner/branch" merge commits, squash
 * titles ending in "(#123)", and "Revert "..."" commits made by `git revert` or the revert button.
 */

export interface CommitReferenceInfo {
  /** The issue or PR number, e.g. 12 for "#12" or "Fixes owner/repo#12". */
  issue: number;
  /** The keyword before it ("Fixes", "closes"...), or null for a bare mention. */
  action: string | null;
  owner: string | null;
  repository: string | null;
  raw: string;
}

export interface CommitNoteInfo {
  title: string;
  text: string;
}

export interface RevertInfo {
  /** The header of the reverted commit, e.g. `feat: add search`. */
  header: string | null;
  /** The SHA named by "This reverts commit <sha>.", or null when the message does not say. */
  hash: string | null;
}

export interface ParsedCommit {
  /** The first meaningful line (for a merge commit: the line after "Merge pull request ..."). */
  header: string;
  /** `feat`, `fix`, ... lower-cased; `revert` for a "Revert "..."" commit; null when not conventional. */
  type: string | null;
  scope: string | null;
  /** The subject; the whole header when the commit is not conventional. */
  subject: string;
  /** `!` after the type/scope, or a BREAKING CHANGE / BREAKING-CHANGE footer. */
  breaking: boolean;
  /** Notes such as BREAKING CHANGE footers, with their text. */
  notes: CommitNoteInfo[];
  revert: RevertInfo | null;
  /** Issue/PR references: "(#123)" in the header, "Fixes #12" in the footer. */
  references: CommitReferenceInfo[];
  /** The PR this commit came from: a merge commit's "#12", or a squash title's trailing "(#123)". */
  pullRequest: number | null;
  /** Set for "Merge pull request #12 from owner/branch" and "Merge branch 'x'" commits. */
  merge: { pullRequest: number | null; source: string | null } | null;
  body: string | null;
}

// `!` marks a breaking change (Conventional Commits 1.0.0 §8). The default header pattern does not
// accept it, so "feat!: x" would otherwise parse as no type at all.
const headerPattern = /^(\w*)(?:\(([^()\r\n]*)\))?!?: (.*)$/;
const breakingHeaderPattern = /^(\w*)(?:\(([^()\r\n]*)\))?!: (.*)$/;
// GitHub's merge button writes "Merge pull request #12 from owner/branch" then a blank line and
// the PR title; `git merge` writes "Merge branch 'x' into main" (no PR).
const mergePattern =
  /^Merge (?:pull request #(\d+) from (\S+)|branch '([^']+)'.*|remote-tracking branch '([^']+)'.*)$/;
// `git revert` writes 'Revert "<header>"' + "This reverts commit <sha>."; a squash-merged revert
// PR adds " (#13)" and may indent the body, so allow text between the two.
const revertPattern =
  /^Revert\s+"([\s\S]*?)"(?:\s*\(#\d+\))?[\s\S]*?This reverts commit ([0-9a-fA-F]{7,40})\.?/;
const squashSuffix = /\s*\(#(\d+)\)\s*$/;

const parserOptions: ParserOptions = {
  headerPattern,
  breakingHeaderPattern,
  headerCorrespondence: ['type', 'scope', 'subject'],
  mergePattern,
  mergeCorrespondence: ['pullRequest', 'source', 'branch', 'remoteBranch'],
  revertPattern,
  revertCorrespondence: ['header', 'hash'],
  noteKeywords: ['BREAKING CHANGE', 'BREAKING-CHANGE'],
  // Explicitly none (the defaults say '#'): the parser's reference regex backtracks cubically on a long run of word
  // characters (1,000 chars: 1.4 s; 4,000: 65 s; a pasted base64 blob never ends). References
  // are read by `readReferences` below in linear time instead.
  issuePrefixes: undefined,
};

// A footer line that only closes or mentions issues ("Closes #7", "fixes acme/app#3, #4"): the
// parser no longer knows references (see parserOptions), so it would run on into a note's text.
const referenceLine =
  /^(?:(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+)?(?:[\w.-]+\/[\w.-]+)?#\d+(?:\s*(?:,|and)?\s*(?:(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+)?(?:[\w.-]+\/[\w.-]+)?#\d+)*[.\s]*$/i;
const withoutReferenceLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => !referenceLine.test(line.trim()))
    .join('\n')
    .trim();

/** GitHub's closing keywords (and what the parser treated as reference actions). */
const referenceAction = /(?:^|[^\w])(close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+$/i;
const referenceOwner = /(?:^|[^\w./-])([\w.-]{1,100})\/([\w.-]{1,100})$/;

/**
 * "#12", "(#12)", "Fixes #12", "closes acme/other#7": every "#<digits>" found by one linear scan,
 * with its owner/repository and closing keyword read from a bounded window before it.
 */
export function readReferences(text: string): CommitReferenceInfo[] {
  const found: CommitReferenceInfo[] = [];
  const issue = /#(\d{1,10})(?![\w-])/g;
  for (let m = issue.exec(text); m; m = issue.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 220), m.index);
    const owner = referenceOwner.exec(before);
    const lead = owner ? before.slice(0, before.length - `${owner[1]}/${owner[2]}`.length) : before;
    if (!owner && before && !/[\s([,;:]$/.test(before)) continue; // "abc#1" is not a reference
    const action = referenceAction.exec(lead)?.[1] ?? null;
    found.push({
      issue: Number(m[1]),
      action,
      owner: owner?.[1] ?? null,
      repository: owner?.[2] ?? null,
      raw: `${owner ? `${owner[1]}/${owner[2]}` : ''}#${m[1]}`,
    });
  }
  return found;
}

let parser: CommitParser | undefined;

/**
 * The parser tries a reference regex at every position of every line, and with no issue prefixes
 * that regex is `(?!.*)`, which scans to the end of the line each time: quadratic in the line's
 * length (a 256 KB subject line took 19 s, a 1 MB one never finished). What it reads from a line
 * (type, scope, subject, a footer keyword) is at its start, so each line is cut for the parser;
 * `readReferences` reads the whole message.
 */
const PARSED_LINE_MAX = 2000;
const boundLines = (message: string) =>
  message.length <= PARSED_LINE_MAX
    ? message
    : message
        .split('\n')
        .map((line) => (line.length > PARSED_LINE_MAX ? line.slice(0, PARSED_LINE_MAX) : line))
        .join('\n');

/** Parse one commit message. Never throws: an empty or free-form message gives `type: null`. */
export function parseCommitMessage(message: string): ParsedCommit {
  return parseWith(message, singleLineCommit);
}

/**
 * The same parse with conventional-commits-parser for every message (no fast path): the
 * reference the fast path is checked against (test/core/commits-fast-path.test.ts).
 */
export function parseCommitMessageWithParser(message: string): ParsedCommit {
  return parseWith(message, () => undefined);
}

/**
 * Most commits on a production branch are one line ("fix: x (#12)", "chore: y"): what the parser
 * makes of such a line is its header pattern's match and nothing else (no body, footer, notes,
 * merge or revert), so that is built directly. Anything else (more lines, surrounding blanks, a
 * merge or revert line, a line the parser would cut) goes to the parser. 10,000 messages: the
 * parser ~125 ms, this path a few ms (bench/results/tag-release.md).
 */
function singleLineCommit(message: string): Commit | undefined {
  if (
    message.length > PARSED_LINE_MAX ||
    message.includes('\n') ||
    message.includes('\r') ||
    message !== message.trim() ||
    mergePattern.test(message) ||
    /^revert\b/i.test(message) ||
    /^\s*gpg:/.test(message)
  )
    return undefined;
  const m = headerPattern.exec(message);
  // The parser's breakingHeaderPattern turns "type!: subject" into a BREAKING CHANGE note.
  const breaking = breakingHeaderPattern.exec(message);
  return {
    merge: null,
    revert: null,
    header: message,
    body: null,
    footer: null,
    notes: breaking ? [{ title: 'BREAKING CHANGE', text: breaking[3] ?? '' }] : [],
    mentions: [],
    references: [],
    type: m?.[1] || null,
    scope: m?.[2] || null,
    subject: m?.[3] || null,
  } as unknown as Commit;
}

function parseWith(message: string, fast: (message: string) => Commit | undefined): ParsedCommit {
  if (!message.trim()) return emptyCommit('');
  let raw: Commit;
  try {
    const quick = fast(message);
    if (quick) raw = quick;
    else {
      parser ??= new CommitParser(parserOptions);
      raw = parser.parse(boundLines(message));
    }
  } catch {
    return emptyCommit(message.split(/\r?\n/)[0] ?? '');
  }
  const firstLine = message.trim().split(/\r?\n/)[0] ?? '';
  // A merge commit with no body ("Merge branch 'x'") has no header of its own: keep the merge line.
  const header = (raw.header ?? '').trim() || firstLine;
  const notes = raw.notes.map((n) => ({ title: n.title, text: withoutReferenceLines(n.text) }));
  const revert = readRevert(raw, header, message);
  const conventional =
    typeof raw.type === 'string' && raw.type.length > 0 && typeof raw.subject === 'string';
  const type = conventional ? (raw.type as string).toLowerCase() : revert ? 'revert' : null;
  // A first line longer than the parser was given: say the subject was cut.
  const cut = firstLine.length > PARSED_LINE_MAX ? '…' : '';
  const subject = (conventional ? (raw.subject as string) : header) + cut;
  const mergePr = toNumber(raw.pullRequest);
  const squashPr = toNumber(squashSuffix.exec(header)?.[1]);
  const merge = raw.merge
    ? {
        pullRequest: mergePr,
        source: (raw.source ?? raw.branch ?? raw.remoteBranch ?? null) as string | null,
      }
    : null;
  return {
    header,
    type,
    scope: conventional && raw.scope ? raw.scope : null,
    subject,
    breaking:
      notes.some((n) => /^BREAKING[ -]CHANGE$/i.test(n.title)) ||
      breakingHeaderPattern.test(header),
    notes,
    revert,
    references: readReferences(message),
    pullRequest: mergePr ?? squashPr,
    merge,
    body: raw.body,
  };
}

/** The subject without a squash merge's trailing "(#123)" (the PR is linked separately). */
export function subjectWithoutPullRequest(subject: string): string {
  return subject.replace(squashSuffix, '');
}

function readRevert(raw: Commit, header: string, message: string): RevertInfo | null {
  if (raw.revert) {
    return { header: raw.revert.header ?? null, hash: raw.revert.hash ?? null };
  }
  // 'Revert "feat: x"' without the "This reverts commit" line (edited message, or a PR title).
  // Also the merge commit of a revert PR, whose first line is "Merge pull request ...".
  const hash = /This reverts commit ([0-9a-fA-F]{7,40})/.exec(message)?.[1] ?? null;
  const m = /^Revert\s+"(.*)"(?:\s*\(#\d+\))?$/.exec(header);
  if (m) return { header: m[1] ?? null, hash };
  // Conventional `revert: feat: x` form.
  if (raw.type === 'revert' && typeof raw.subject === 'string') {
    return { header: subjectWithoutPullRequest(raw.subject), hash };
  }
  return null;
}

function toNumber(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return null;
  return Number(value);
}

function emptyCommit(header: string): ParsedCommit {
  return {
    header,
    type: null,
    scope: null,
    subject: header,
    breaking: false,
    notes: [],
    revert: null,
    references: [],
    pullRequest: null,
    merge: null,
    body: null,
  };
}
