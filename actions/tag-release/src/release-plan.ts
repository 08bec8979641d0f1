import semver from 'semver';
import { ConfigurationError } from '@promote/core/errors';
import type { ReleaseConfig } from '@promote/core/config/sections/release';
import type { ReleaseHistory } from './history.js';
import { findLastReleases, type ReleaseTag } from './last-release.js';
import {
  analyzeCommits,
  bumpFromLabels,
  describeBump,
  nextVersion,
  type Bump,
  type CommitAnalysis,
} from './version.js';

export interface VersionRequest {
  /** The commit to release: the merge commit SHA (never the PR head) or the pushed SHA. */
  targetSha: string;
  config: ReleaseConfig;
  /** Explicit `version` input (wins over everything). */
  version?: string | undefined;
  /** Explicit `bump` input (wins over commits/labels). */
  bump?: Exclude<Bump, 'none'> | undefined;
  /** `prerelease` input, overrides release.prerelease. */
  prerelease?: string | undefined;
}

export interface VersionDecision {
  /**
   * release: a new version to ship. already-tagged: a release tag already sits on the target (a
   * re-run): finish what is missing for it. nothing: no release-worthy change since the last release.
   * covered: a later commit containing the target is already tagged (`tag`): the target shipped in
   * that release, and is not tagged above it.
   */
  status: 'release' | 'already-tagged' | 'covered' | 'nothing';
  targetSha: string;
  /** The release the notes and compare link start from (explicit previous tag). */
  previous: ReleaseTag | null;
  /** The current version (the previous release's), or null before the first release. */
  currentVersion: string | null;
  version: string | null;
  tag: string | null;
  prerelease: boolean;
  bump: Bump;
  /** "minor (2 features, 3 fixes)". */
  bumpDescription: string;
  /** The commits the notes list (since `previous`). */
  analysis: CommitAnalysis;
  source: 'commits' | 'labels' | 'input';
}

/**
 * Decide the next version from facts read once: tags (all pages), ancestry, commits since the
 * last release, and PR labels when configured. Pure apart from `history` reads.
 */
export async function decideVersion(
  history: ReleaseHistory,
  req: VersionRequest,
): Promise<VersionDecision> {
  const cfg = req.config;
  const prefix = cfg['tag-prefix'];
  const prereleaseId = req.prerelease ?? cfg.prerelease;
  if (req.version !== undefined && !semver.valid(req.version)) {
    throw new ConfigurationError(
      `version: "${req.version}" is not a semantic version; use e.g. 2.7.0 or 2.7.0-rc.0 (no prefix).`,
    );
  }
  if (cfg['version-source'] === 'input' && !req.version && !req.bump) {
    throw new ConfigurationError(
      'release.version-source is "input" but neither the `version` nor the `bump` input is set; pass one (e.g. bump: minor).',
    );
  }

  const last = await findLastReleases(history, { prefix, targetSha: req.targetSha });
  const sections = cfg.sections;

  const alreadyTagged = last.atTarget[0];
  if (alreadyTagged && !req.version) {
    const isPre = semver.prerelease(alreadyTagged.version) !== null;
    const previous = isPre ? last.latest : last.stable;
    const analysis = analyzeCommits(
      await history.commitsBetween(previous?.sha ?? null, req.targetSha),
      sections,
    );
    return {
      status: 'already-tagged',
      targetSha: req.targetSha,
      previous,
      currentVersion: previous?.version ?? null,
      version: alreadyTagged.version,
      tag: alreadyTagged.tag,
      prerelease: isPre,
      bump: analysis.bump,
      bumpDescription: describeBump(analysis.bump, analysis.counts),
      analysis,
      source: 'commits',
    };
  }

  if (last.coveredBy && !req.version) {
    const covering = last.coveredBy;
    const analysis = analyzeCommits(
      await history.commitsBetween(last.stable?.sha ?? null, req.targetSha),
      sections,
    );
    return {
      status: 'covered',
      targetSha: req.targetSha,
      previous: last.stable,
      currentVersion: covering.version,
      version: covering.version,
      tag: covering.tag,
      prerelease: semver.prerelease(covering.version) !== null,
      bump: 'none',
      bumpDescription: 'none',
      analysis,
      source: 'commits',
    };
  }

  // Commits since the last stable release decide the stable target; a prerelease's notes start
  // at the previous prerelease (GitHub's own guess of the previous tag is wrong there).
  const sinceStable = analyzeCommits(
    await history.commitsBetween(last.stable?.sha ?? null, req.targetSha),
    sections,
  );
  let source: VersionDecision['source'] = req.version || req.bump ? 'input' : cfg['version-source'];
  let bump: Bump;
  if (req.bump) bump = req.bump;
  else if (source === 'labels') {
    const prs = [
      ...new Set(
        sinceStable.commits
          .filter((c) => c.status === 'counted' && c.parsed.pullRequest)
          .map((c) => c.parsed.pullRequest as number),
      ),
    ];
    bump = prs.length ? bumpFromLabels(await history.pullRequestLabels(prs), cfg.labels) : 'none';
  } else {
    bump = sinceStable.bump;
    source = req.version ? 'input' : 'commits';
  }

  let version: string | null;
  let effectiveBump: Bump = bump;
  if (req.version) {
    version = semver.valid(req.version);
    effectiveBump =
      last.stable && version
        ? ((semver.diff(last.stable.version, version) as Bump | null) ?? bump)
        : bump;
  } else {
    const next = nextVersion({
      stable: last.stable?.version ?? null,
      latest: last.latest?.version ?? null,
      bump,
      prerelease: prereleaseId,
      majorOnZero: cfg['major-on-zero'],
      firstVersion: cfg['first-version'],
    });
    version = next?.version ?? null;
    if (next) effectiveBump = next.effectiveBump;
  }
  const isPre = version ? semver.prerelease(version) !== null : false;
  const previous = isPre ? last.latest : last.stable;
  const analysis =
    previous && previous.sha !== last.stable?.sha
      ? analyzeCommits(await history.commitsBetween(previous.sha, req.targetSha), sections)
      : sinceStable;
  return {
    status: version ? 'release' : 'nothing',
    targetSha: req.targetSha,
    previous,
    currentVersion: (isPre ? last.latest : last.stable)?.version ?? last.latest?.version ?? null,
    version,
    tag: version ? `${prefix}${version}` : null,
    prerelease: isPre,
    bump: normalizeBump(effectiveBump),
    bumpDescription: describeBump(normalizeBump(effectiveBump), sinceStable.counts),
    analysis,
    source,
  };
}

function normalizeBump(b: string): Bump {
  if (b === 'major' || b === 'premajor') return 'major';
  if (b === 'minor' || b === 'preminor') return 'minor';
  if (b === 'none') return 'none';
  return 'patch';
}

/** `Current version: 2.6.0   Bump: minor (2 features, 3 fixes)   New version: 2.7.0` (issue 7). */
export function versionLogLine(d: VersionDecision): string {
  if (d.status === 'covered')
    return `Current version: ${d.currentVersion}   ${d.targetSha.slice(0, 12)} is already released in ${d.tag} (tagged on a later commit that contains it); nothing to tag.`;
  return `Current version: ${d.currentVersion ?? 'none'}   Bump: ${d.bumpDescription}   New version: ${d.version ?? 'none (nothing to release)'}`;
}
