import picomatch from 'picomatch';
import { parseCommitMessage, subjectWithoutPullRequest } from '@promote/core/commits';
import { untrusted } from '@promote/core/untrusted-text';
import {
  PR_BODY_LIMIT,
  fitMarkdown,
  renderMarkdownTable,
  type ResultRow,
} from '@promote/core/report';
import { formatReviewer, reviewerMarker, type Reviewer, type RotationPick } from './rotation.js';

export const BODY_BEGIN = '<!-- promote:begin -->';
export const BODY_END = '<!-- promote:end -->';

export interface CommitFact {
  sha: string;
  message: string;
}

export interface Excerpt {
  /** Where it came from, shown to the reviewer: a file path or the command. */
  source: string;
  lines: string[];
  /** Lines left out (the excerpt shows the tail). */
  omitted: number;
}

/** The migrate preset's pending list, read as the preflight migrations gate reads it. */
export interface PendingMigrations {
  /** In the order they will run (files; frappe: patches.txt entries). */
  pending: string[];
  /** production: asked, exactly what will run; added-files: only what the promotion adds. */
  source: 'production' | 'added-files';
  /** Where the list came from, or why production was not asked. */
  detail: string;
}

export interface BodyInput {
  owner: string;
  repo: string;
  serverUrl: string;
  name: string;
  branch: string;
  production: { branch: string; sha: string };
  staging: { branch: string; sha: string };
  aheadBy: number;
  /** Oldest first, as compare returns them. May be fewer than aheadBy (compare pages). */
  commits: CommitFact[];
  files: string[];
  /** GitHub lists at most 300 files per comparison: exactly 300 may be a cut list. */
  filesMaybeTruncated: boolean;
  areas: Record<string, string[]>;
  gateRows?: ResultRow[];
  override?: { reason: string; actor: string };
  migrations?: Excerpt | { files: string[]; source: string } | PendingMigrations;
  audit?: Excerpt;
  rollbackCommand: string;
  checklist: string[];
  rotation: RotationPick;
  runUrl: string;
  actor: string;
  /** Declared stages (issue #20): the stages and why this commit may move on. */
  stages?: { source: string; target: string; ready?: string };
  /** One app's promotion: its files, and those the target changed too (the source's version wins). */
  app?: { name: string; files: string[]; bothChanged: string[] };
  /** The whole source branch of a monorepo: each changed app, from the compare's file list. */
  apps?: { name: string; files: string[] }[];
  /** Outside the target stage's allow windows: when the merge can happen. */
  windowNote?: string;
}

const TYPE_TITLES: [string, string][] = [
  ['feat', 'Features'],
  ['fix', 'Bug fixes'],
  ['perf', 'Performance'],
  ['revert', 'Reverts'],
  ['refactor', 'Refactoring'],
  ['docs', 'Documentation'],
  ['test', 'Tests'],
  ['build', 'Build'],
  ['ci', 'CI'],
  ['chore', 'Chores'],
  ['style', 'Style'],
];

const short = (sha: string) => sha.slice(0, 7);

function commitLine(input: BodyInput, commit: CommitFact): { type: string; line: string } {
  const parsed = parseCommitMessage(commit.message);
  const base = `${input.serverUrl}/${input.owner}/${input.repo}`;
  const subject = untrusted(subjectWithoutPullRequest(parsed.subject), 'inline');
  const scope = parsed.scope ? `**${untrusted(parsed.scope, 'inline')}:** ` : '';
  const breaking = parsed.breaking ? '**BREAKING** ' : '';
  const pr = parsed.pullRequest
    ? ` ([#${parsed.pullRequest}](${base}/pull/${parsed.pullRequest}))`
    : '';
  const sha = ` ([${short(commit.sha)}](${base}/commit/${commit.sha}))`;
  const known = TYPE_TITLES.some(([t]) => t === parsed.type);
  return {
    type: known ? (parsed.type as string) : 'other',
    line: `- ${breaking}${scope}${subject}${pr}${sha}`,
  };
}

/** Changes grouped by conventional-commit type, at most `limit` commits listed. */
function renderChanges(
  input: BodyInput,
  rendered: { type: string; line: string }[],
  limit: number,
  compareUrl: string,
): string {
  const shown = rendered.slice(0, limit);
  const groups = new Map<string, string[]>();
  for (const { type, line } of shown) {
    groups.set(type, [...(groups.get(type) ?? []), line]);
  }
  const out: string[] = [];
  for (const [type, title] of [...TYPE_TITLES, ['other', 'Other changes'] as [string, string]]) {
    const lines = groups.get(type);
    if (lines?.length) out.push(`#### ${title}`, '', ...lines, '');
  }
  const missing = input.aheadBy - shown.length;
  if (missing > 0) {
    out.push(
      `_… and ${missing} more commit${missing === 1 ? '' : 's'}: see the [full compare](${compareUrl})._`,
      '',
    );
  }
  return out.join('\n').trimEnd();
}

/** Names of configured areas whose globs match a changed file, with the number of files each. */
export function areasChanged(
  files: string[],
  areas: Record<string, string[]>,
): { name: string; files: number }[] {
  return Object.entries(areas)
    .map(([name, globs]) => {
      const match = picomatch(globs, { dot: true });
      return { name, files: files.filter((f) => match(f)).length };
    })
    .filter((a) => a.files > 0);
}

/**
 * Production asked: exactly what runs on merge, numbered in order. Not asked: the migrations the
 * promotion adds, and the section says it claims no more.
 */
function renderPending(m: PendingMigrations): string {
  const out: string[] = [];
  if (m.source === 'production') {
    out.push(`These run on merge, in this order (${untrusted(m.detail, 'inline')}):`, '');
    if (m.pending.length === 0) out.push('_Nothing is pending in production._');
    m.pending.forEach((f, i) => out.push(`${i + 1}. ${untrusted(f, 'code')}`));
  } else {
    out.push(`_These are ${untrusted(m.detail, 'inline')}._`, '');
    if (m.pending.length === 0) out.push('_The promotion adds no migration._');
    for (const f of m.pending) out.push(`- ${untrusted(f, 'code')}`);
  }
  return out.join('\n');
}

/** Marks the PR of one app, so an app with its own rotation continues after its own last PR. */
export function appMarker(app: string): string {
  return `<!-- promote:app=${encodeURIComponent(app)} -->`;
}

const FILES_SHOWN = 20;

function renderFiles(files: string[]): string {
  if (files.length === 0) return '_No files._';
  const lines = files.slice(0, FILES_SHOWN).map((f) => `- ${untrusted(f, 'code')}`);
  if (files.length > FILES_SHOWN) lines.push(`- … and ${files.length - FILES_SHOWN} more`);
  return lines.join('\n');
}

/** Each changed app: its files, and the commits whose conventional-commit scope names it. */
function renderApps(input: BodyInput, compareUrl: string): string {
  const apps = input.apps ?? [];
  if (apps.length === 0) return '_None of the declared apps._';
  const scoped = new Map<string, number>();
  for (const c of input.commits) {
    const scope = parseCommitMessage(c.message).scope;
    if (scope) scoped.set(scope, (scoped.get(scope) ?? 0) + 1);
  }
  const out: string[] = [];
  for (const app of apps) {
    const n = app.files.length;
    const commits = scoped.get(app.name) ?? 0;
    out.push(
      `<details><summary>${untrusted(app.name, 'inline')}: ${n}${input.filesMaybeTruncated ? '+' : ''} file${n === 1 ? '' : 's'}, ${commits} commit${commits === 1 ? '' : 's'} scoped ${untrusted(app.name, 'inline')}</summary>`,
      '',
      renderFiles(app.files),
      '',
      '</details>',
    );
  }
  if (input.filesMaybeTruncated)
    out.push(
      '',
      `_GitHub lists at most 300 files per comparison; more may be touched: see the [full compare](${compareUrl})._`,
    );
  return out.join('\n');
}

function renderExcerpt(excerpt: Excerpt): string {
  const note =
    excerpt.omitted > 0
      ? `_(last ${excerpt.lines.length} lines; ${excerpt.omitted} earlier lines left out)_\n\n`
      : '';
  return `From ${untrusted(excerpt.source, 'code')}:\n\n${note}${untrusted(excerpt.lines.join('\n') || '(empty)', 'block')}`;
}

function renderBlock(
  input: BodyInput,
  rendered: { type: string; line: string }[],
  commitLimit: number,
): string {
  const base = `${input.serverUrl}/${input.owner}/${input.repo}`;
  const compareUrl = `${base}/compare/${input.production.sha}...${input.staging.sha}`;
  const s: string[] = [
    BODY_BEGIN,
    reviewerMarker(input.rotation.reviewer),
    `<!-- promote:name=${encodeURIComponent(input.name)} -->`,
    ...(input.app ? [appMarker(input.app.name)] : []),
  ];
  s.push(
    '## Promotion summary',
    '',
    `Promotes ${untrusted(input.staging.branch, 'code')} at [${short(input.staging.sha)}](${base}/commit/${input.staging.sha}) ` +
      `to ${untrusted(input.production.branch, 'code')} (now at [${short(input.production.sha)}](${base}/commit/${input.production.sha})): ` +
      `**${input.aheadBy} commit${input.aheadBy === 1 ? '' : 's'}**, ${input.files.length}${input.filesMaybeTruncated ? '+' : ''} file${input.files.length === 1 ? '' : 's'} changed. ` +
      `[Full compare](${compareUrl}).`,
    '',
    // No run link or time here: a re-run with nothing new must render the same body (no write).
    `Snapshot branch ${untrusted(input.branch, 'code')}.`,
  );
  if (input.stages) {
    const ready = input.stages.ready ? `: ${untrusted(input.stages.ready, 'inline')}` : '';
    s.push(
      '',
      `Stage ${untrusted(input.stages.source, 'code')} -> ${untrusted(input.stages.target, 'code')}${ready}.`,
    );
  }
  if (input.app) {
    const n = input.app.files.length;
    s.push(
      '',
      '> [!NOTE]',
      `> App ${untrusted(input.app.name, 'code')} only: this PR carries the ${n} file${n === 1 ? '' : 's'} of ${untrusted(input.app.name, 'code')} that ${untrusted(input.staging.branch, 'code')} changed, ` +
        `in one snapshot commit on top of ${untrusted(input.production.branch, 'code')}. The other apps' changes stay on ${untrusted(input.staging.branch, 'code')}. ` +
        'The changes listed below are all commits since the last promotion, of every app.',
    );
    if (input.app.bothChanged.length)
      s.push(
        '',
        '> [!WARNING]',
        `> ${untrusted(input.production.branch, 'code')} changed these files too since ${untrusted(input.staging.branch, 'code')} branched; the snapshot takes ${untrusted(input.staging.branch, 'code')}'s version: ` +
          input.app.bothChanged
            .slice(0, 20)
            .map((f) => untrusted(f, 'code'))
            .join(', ') +
          (input.app.bothChanged.length > 20
            ? ` and ${input.app.bothChanged.length - 20} more`
            : ''),
      );
  }
  if (input.windowNote) s.push('', '> [!IMPORTANT]', `> ${untrusted(input.windowNote, 'inline')}`);
  if (input.override) {
    s.push(
      '',
      `> [!WARNING]`,
      `> Pre-open gates failed and were overridden by ${untrusted(`@${input.override.actor || 'unknown'}`, 'inline')} in [this run](${input.runUrl}): ${untrusted(input.override.reason, 'inline')}`,
    );
  }

  s.push(
    '',
    '### Changes',
    '',
    renderChanges(input, rendered, commitLimit, compareUrl) || '_No commits listed._',
  );

  const areas = areasChanged(input.files, input.areas);
  if (Object.keys(input.areas).length > 0) {
    s.push('', '### Areas changed', '');
    if (areas.length === 0) s.push('_None of the configured areas._');
    for (const a of areas)
      s.push(`- ${untrusted(a.name, 'inline')} (${a.files} file${a.files === 1 ? '' : 's'})`);
    if (input.filesMaybeTruncated) {
      s.push(
        '',
        `_GitHub lists at most 300 files per comparison; more may be touched: see the [full compare](${compareUrl})._`,
      );
    }
  }

  if (input.apps) s.push('', '### Apps changed', '', renderApps(input, compareUrl));
  if (input.app)
    s.push(
      '',
      `### Files of ${untrusted(input.app.name, 'inline')}`,
      '',
      renderFiles(input.app.files),
    );

  if (input.gateRows?.length) {
    s.push('', '### Preflight', '', renderMarkdownTable(input.gateRows));
  }

  if (input.migrations) {
    s.push('', '### Migrations that will run on merge', '');
    if ('pending' in input.migrations) {
      s.push(renderPending(input.migrations));
    } else if ('files' in input.migrations) {
      if (input.migrations.files.length === 0)
        s.push(`_No new migration files (${untrusted(input.migrations.source, 'code')})._`);
      for (const f of input.migrations.files) s.push(`- ${untrusted(f, 'code')}`);
      s.push(
        '',
        '_These are the files this promotion adds; production was not asked, so migrations pending from earlier promotions are not listed._',
      );
    } else {
      s.push(renderExcerpt(input.migrations));
    }
    s.push('', 'Confirm that only the expected migrations are pending.');
  }

  if (input.audit) {
    s.push('', '### Audit log', '', renderExcerpt(input.audit));
  }

  s.push(
    '',
    '### Rollback',
    '',
    'If production breaks after this merge, run (with RELEASE_TAG replaced by the tag tag-release creates for this merge; it is in the release and the ship report):',
    '',
    untrusted(input.rollbackCommand, 'block', { language: 'sh' }),
  );

  s.push('', '### Review');
  if (input.rotation.reviewer) {
    s.push(
      '',
      `Reviewer from the rotation: ${formatReviewer(input.rotation.reviewer, input.owner)}.`,
    );
  }
  for (const skip of input.rotation.skipped) {
    s.push(`Skipped ${untrusted(skip.reviewer.id, 'code')} (${skip.reason}).`);
  }
  if (input.checklist.length)
    s.push('', ...input.checklist.map((item) => `- [ ] ${untrusted(item, 'inline')}`));
  s.push('', BODY_END);
  return s.filter((line, i) => !(line === '' && i < 3)).join('\n');
}

/**
 * The generated block, sized so the whole body fits `budget` characters: the commit list is
 * shortened first (with a link to the full compare), then anything else is cut by fitMarkdown.
 */
export function renderPromotionBlock(input: BodyInput, budget = PR_BODY_LIMIT): string {
  // Each commit is parsed and escaped once; the search below only re-joins lines.
  const rendered = input.commits.map((commit) => commitLine(input, commit));
  let block = renderBlock(input, rendered, rendered.length);
  if (block.length <= budget) return block;
  let lo = 0;
  let hi = input.commits.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (renderBlock(input, rendered, mid).length <= budget) lo = mid;
    else hi = mid - 1;
  }
  block = renderBlock(input, rendered, lo);
  if (block.length <= budget) return block;
  const compareUrl = `${input.serverUrl}/${input.owner}/${input.repo}/compare/${input.production.sha}...${input.staging.sha}`;
  const inner = block.slice(0, block.length - BODY_END.length);
  return `${fitMarkdown(inner, budget - BODY_END.length - 1, { note: `_… cut to fit GitHub's PR body limit: see the [full compare](${compareUrl})._` })}\n${BODY_END}`;
}

/**
 * The PR body with the generated block replaced; text outside the markers (a human's notes) is
 * kept as is. A body whose markers were deleted gets the block appended below the human text.
 */
export function mergeBody(existing: string | null | undefined, input: BodyInput): string {
  const current = (existing ?? '').replace(/\r\n/g, '\n');
  const begin = current.indexOf(BODY_BEGIN);
  const end = current.indexOf(BODY_END, begin);
  let before: string;
  let after: string;
  if (begin !== -1 && end !== -1) {
    before = current.slice(0, begin);
    after = current.slice(end + BODY_END.length);
  } else {
    before = current.trim() ? `${current.trimEnd()}\n\n` : '';
    after = '';
  }
  const budget = PR_BODY_LIMIT - before.length - after.length;
  return `${before}${renderPromotionBlock(input, Math.max(2000, budget))}${after}`.slice(
    0,
    PR_BODY_LIMIT,
  );
}

export type { Reviewer };
