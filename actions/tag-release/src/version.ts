import semver from 'semver';
import { parseCommitMessage, type ParsedCommit } from '@promote/core/commits';
import type { ChangelogHeading } from '@promote/core/config/sections/release';
import { orderTopologically, type CommitInfo } from './history.js';

export type Bump = 'major' | 'minor' | 'patch' | 'none';
const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

export function maxBump(a: Bump, b: Bump): Bump {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Why a commit does or does not count. */
export type CommitStatus =
  | 'counted'
  /** Reverted by a later commit in the same range: neither appears. */
  | 'reverted'
  /** A revert whose target is in the same range (cancelled together). */
  | 'cancelling-revert'
  /** Brought in by a merge commit whose PR title is conventional: the title stands for it. */
  | 'covered-by-merge'
  /** Releasing one app of a monorepo: the commit changes none of its files (issue #20). */
  | 'other-app';

export interface AnalyzedCommit {
  sha: string;
  parsed: ParsedCommit;
  status: CommitStatus;
  bump: Bump;
  heading: ChangelogHeading | null;
}

export interface CommitAnalysis {
  /** Oldest first. */
  commits: AnalyzedCommit[];
  bump: Bump;
  counts: { breaking: number; features: number; fixes: number; other: number };
}

export type SectionMap = Record<string, ChangelogHeading | 'hidden'>;

/**
 * The bump each commit asks for: a breaking change (`!`, BREAKING CHANGE footer) major, `feat`
 * minor, any other type that the changelog shows (fix, perf, refactor, security, a revert of an
 * already released commit...) patch; hidden types (docs, chore, ci, test...) nothing.
 */
export function commitBump(parsed: ParsedCommit, sections: SectionMap): Bump {
  if (parsed.breaking) return 'major';
  if (!parsed.type) return 'none';
  if (parsed.type === 'feat') return 'minor';
  const heading = sections[parsed.type];
  return heading && heading !== 'hidden' ? 'patch' : 'none';
}

export function commitHeading(parsed: ParsedCommit, sections: SectionMap): ChangelogHeading | null {
  if (!parsed.type) return parsed.breaking ? 'Changed' : null;
  const heading = sections[parsed.type];
  if (heading && heading !== 'hidden') return heading;
  // A breaking change is always worth a line, whatever its type.
  return parsed.breaking ? 'Changed' : null;
}

/**
 * Parse the commits since the last release and decide the bump.
 *
 * Reverts: processed newest first, so a revert that is itself reverted does nothing. A revert
 * whose target is in this range cancels it (a feature added and reverted since the last release
 * never shipped: no bump, no changelog line). A revert of a commit from before the last release
 * (no target in range) removes something that shipped: a patch-level change, listed as Removed.
 *
 * Merges: when a "Merge pull request #12" commit carries a conventional PR title, the changelog
 * lists the title once and the branch commits it brought in are `covered-by-merge`; they still
 * count for the bump so a BREAKING CHANGE footer in a branch commit is never lost.
 *
 * One app of a monorepo: `touching` holds the commits that change its files (a merge: against
 * its first parent, i.e. what it brings in); every other commit is `other-app` and neither
 * bumps nor appears.
 */
export function analyzeCommits(
  input: CommitInfo[],
  sections: SectionMap,
  touching?: ReadonlySet<string>,
): CommitAnalysis {
  const ordered = orderTopologically(input);
  const parsed = ordered.map((c) => ({ commit: c, parsed: parseCommitMessage(c.message) }));
  const status = new Map<string, CommitStatus>();
  if (touching) for (const c of ordered) if (!touching.has(c.sha)) status.set(c.sha, 'other-app');

  // Revert targets: by SHA (full or abbreviated), else by header among older commits in range.
  const shas = ordered.map((c) => c.sha);
  const findBySha = (hash: string): string | undefined => {
    const h = hash.toLowerCase();
    return h.length === 40 ? shas.find((s) => s === h) : shas.find((s) => s.startsWith(h));
  };
  for (let i = parsed.length - 1; i >= 0; i--) {
    const { commit, parsed: p } = parsed[i] as (typeof parsed)[number];
    if (status.has(commit.sha) || !p.revert) continue;
    let target: string | undefined;
    if (p.revert.hash) target = findBySha(p.revert.hash);
    // Header matching only when the message names no SHA: a SHA outside the range means the
    // reverted commit already shipped, even if a later commit repeats its header.
    if (!p.revert.hash && p.revert.header) {
      for (let j = i - 1; j >= 0; j--) {
        const older = parsed[j] as (typeof parsed)[number];
        if (!status.has(older.commit.sha) && sameHeader(older.parsed.header, p.revert.header)) {
          target = older.commit.sha;
          break;
        }
      }
    }
    if (target && target !== commit.sha && !status.has(target)) {
      status.set(target, 'reverted');
      status.set(commit.sha, 'cancelling-revert');
    }
  }

  markCoveredByMerges(parsed, status);

  let bump: Bump = 'none';
  const counts = { breaking: 0, features: 0, fixes: 0, other: 0 };
  const commits: AnalyzedCommit[] = parsed.map(({ commit, parsed: p }) => {
    const s = status.get(commit.sha) ?? 'counted';
    const b = s === 'counted' || s === 'covered-by-merge' ? commitBump(p, sections) : 'none';
    bump = maxBump(bump, b);
    if (s === 'counted') {
      if (p.breaking) counts.breaking++;
      if (p.type === 'feat') counts.features++;
      else if (p.type === 'fix' || p.type === 'perf') counts.fixes++;
      else if (b !== 'none') counts.other++;
    }
    return {
      sha: commit.sha,
      parsed: p,
      status: s,
      bump: b,
      heading: s === 'counted' ? commitHeading(p, sections) : null,
    };
  });
  return { commits, bump, counts };
}

function sameHeader(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s*\(#\d+\)\s*$/, '').trim();
  return norm(a) === norm(b);
}

function markCoveredByMerges(
  parsed: { commit: CommitInfo; parsed: ParsedCommit }[],
  status: Map<string, CommitStatus>,
): void {
  const bySha = new Map(parsed.map((p) => [p.commit.sha, p]));
  // A reverted merge takes its branch commits with it; a conventional PR title stands for them.
  const merges = parsed.filter(
    (p) =>
      p.commit.parents.length > 1 &&
      (status.get(p.commit.sha) === 'reverted' ||
        (p.parsed.merge && p.parsed.type && !status.has(p.commit.sha))),
  );
  if (merges.length === 0) return;
  for (const m of merges) {
    const mark: CommitStatus =
      status.get(m.commit.sha) === 'reverted' ? 'reverted' : 'covered-by-merge';
    // Another app's commits, and those a revert or an earlier merge already decided, keep theirs.
    for (const sha of broughtIn(m.commit, bySha)) if (!status.has(sha)) status.set(sha, mark);
  }
}

type BySha = ReadonlyMap<string, { commit: CommitInfo }>;

/**
 * The commits of the range a merge brings in: reachable from its other parents and not from its
 * first. Not "everything off the production branch's first-parent chain": a PR merged into
 * staging brings in its branch only, never the staging commits (and earlier PRs) before it, which
 * a later promotion brings to production together.
 */
function broughtIn(merge: CommitInfo, bySha: BySha): Set<string> {
  const before = reachable(merge.parents.slice(0, 1), bySha, new Set());
  return reachable(merge.parents.slice(1), bySha, before);
}

/** Commits of the range reachable from `from` (included) without passing through `stop`. */
function reachable(from: string[], bySha: BySha, stop: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const sha = stack.pop() as string;
    const c = bySha.get(sha);
    if (!c || out.has(sha) || stop.has(sha)) continue;
    out.add(sha);
    stack.push(...c.commit.parents);
  }
  return out;
}

/** Bump from release labels on the merged PRs: the highest wins; PRs without one count as patch. */
export function bumpFromLabels(
  labelsByPr: Map<number, string[]>,
  labels: { major: string; minor: string; patch: string },
): Bump {
  let bump: Bump = 'none';
  for (const names of labelsByPr.values()) {
    const set = new Set(names.map((n) => n.toLowerCase()));
    const b: Bump = set.has(labels.major.toLowerCase())
      ? 'major'
      : set.has(labels.minor.toLowerCase())
        ? 'minor'
        : 'patch';
    bump = maxBump(bump, b);
  }
  return bump;
}

export interface NextVersionInput {
  /** Highest reachable stable release version, or null before the first release. */
  stable: string | null;
  /** Highest reachable release version including prereleases, or null. */
  latest: string | null;
  bump: Bump;
  prerelease?: string | undefined;
  majorOnZero: boolean;
  firstVersion: string;
}

/**
 * The next version. 0.x: a breaking change bumps the minor unless major-on-zero. Prereleases:
 * `2.7.0-rc.0`, then `2.7.0-rc.1` while the stable target stays 2.7.0; a stable release after
 * release candidates takes their version (never goes backwards). Returns null when nothing to release.
 */
export function nextVersion(
  input: NextVersionInput,
): { version: string; effectiveBump: Bump } | null {
  if (input.bump === 'none') return null;
  let bump = input.bump;
  let mainTarget: string;
  if (!input.stable) {
    mainTarget = semver.valid(semver.coerce(input.firstVersion)) ?? '0.1.0';
  } else {
    if (bump === 'major' && semver.major(input.stable) === 0 && !input.majorOnZero) bump = 'minor';
    mainTarget = semver.inc(input.stable, bump) as string;
  }
  // Release candidates already cut for a higher version: continue from them, never backwards.
  if (input.latest && semver.prerelease(input.latest)) {
    const latestMain = `${semver.major(input.latest)}.${semver.minor(input.latest)}.${semver.patch(input.latest)}`;
    if (semver.gt(latestMain, mainTarget)) mainTarget = latestMain;
  }
  if (!input.prerelease) return { version: mainTarget, effectiveBump: bump };
  const id = input.prerelease;
  if (input.latest && semver.prerelease(input.latest)) {
    const pre = semver.prerelease(input.latest) ?? [];
    const latestMain = `${semver.major(input.latest)}.${semver.minor(input.latest)}.${semver.patch(input.latest)}`;
    if (latestMain === mainTarget && pre[0] === id) {
      return { version: semver.inc(input.latest, 'prerelease', id) as string, effectiveBump: bump };
    }
  }
  const candidate = `${mainTarget}-${id}.0`;
  // 2.7.0-beta.3 then "rc": 2.7.0-rc.0 sorts above it (semver compares identifiers); if not, bump on.
  if (input.latest && !semver.gt(candidate, input.latest)) {
    return { version: semver.inc(input.latest, 'prerelease', id) as string, effectiveBump: bump };
  }
  return { version: candidate, effectiveBump: bump };
}

/** "minor (2 features, 3 fixes)" for the log line. */
export function describeBump(bump: Bump, counts: CommitAnalysis['counts']): string {
  const parts: string[] = [];
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (counts.breaking) parts.push(plural(counts.breaking, 'breaking change', 'breaking changes'));
  if (counts.features) parts.push(plural(counts.features, 'feature', 'features'));
  if (counts.fixes) parts.push(plural(counts.fixes, 'fix', 'fixes'));
  if (counts.other) parts.push(plural(counts.other, 'other change', 'other changes'));
  return parts.length ? `${bump} (${parts.join(', ')})` : bump;
}
