import semver from 'semver';
import { ConfigurationError } from '@promote/core/errors';
import type { AppIdentity } from '@promote/core/config/resolve';
import type { ReleaseConfig } from '@promote/core/config/sections/release';
import type { ReleaseHistory } from './history.js';
import { findLastReleases, type LastReleases, type ReleaseTag } from './last-release.js';
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
  /**
   * One app of a monorepo (issue #20): its releases are the tags with its prefix
   * (`config['tag-prefix']`, e.g. api-v) and only the commits that change its paths count.
   */
  app?: AppIdentity | undefined;
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
  checkVersionRequest(req);
  const last = await findLastReleases(history, {
    prefix: req.config['tag-prefix'],
    targetSha: req.targetSha,
  });
  const alreadyTagged = last.atTarget[0];
  if (alreadyTagged && !req.version)
    return alreadyTaggedDecision(history, req, last, alreadyTagged);
  if (last.coveredBy && !req.version) return coveredDecision(history, req, last, last.coveredBy);
  return nextReleaseDecision(history, req, last);
}

/** An explicit version must be semver; version-source input needs a version or a bump. */
function checkVersionRequest(req: VersionRequest): void {
  if (req.version !== undefined && !semver.valid(req.version)) {
    throw new ConfigurationError(
      `version: "${req.version}" is not a semantic version; use e.g. 2.7.0 or 2.7.0-rc.0 (no prefix).`,
    );
  }
  if (req.config['version-source'] === 'input' && !req.version && !req.bump) {
    throw new ConfigurationError(
      'release.version-source is "input" but neither the `version` nor the `bump` input is set; pass one (e.g. bump: minor).',
    );
  }
}

/** A release tag already sits on the target (a re-run): that version, with its notes. */
async function alreadyTaggedDecision(
  history: ReleaseHistory,
  req: VersionRequest,
  last: LastReleases,
  alreadyTagged: ReleaseTag,
): Promise<VersionDecision> {
  const isPre = semver.prerelease(alreadyTagged.version) !== null;
  const previous = isPre ? last.latest : last.stable;
  const analysis = await analyzeRange(history, req, previous?.sha ?? null);
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

/** A later commit containing the target is already tagged: the target shipped in `covering`. */
async function coveredDecision(
  history: ReleaseHistory,
  req: VersionRequest,
  last: LastReleases,
  covering: ReleaseTag,
): Promise<VersionDecision> {
  const analysis = await analyzeRange(history, req, last.stable?.sha ?? null);
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

/** The next version above the last releases, or nothing when no change is release-worthy. */
async function nextReleaseDecision(
  history: ReleaseHistory,
  req: VersionRequest,
  last: LastReleases,
): Promise<VersionDecision> {
  // Commits since the last stable release decide the stable target; a prerelease's notes start
  // at the previous prerelease (GitHub's own guess of the previous tag is wrong there).
  const sinceStable = await analyzeRange(history, req, last.stable?.sha ?? null);
  const { bump, source } = await chooseBump(history, req, sinceStable);
  const { version, effectiveBump } = chooseVersion(req, last, bump);
  const isPre = version ? semver.prerelease(version) !== null : false;
  const previous = isPre ? last.latest : last.stable;
  const analysis =
    previous && previous.sha !== last.stable?.sha
      ? await analyzeRange(history, req, previous.sha)
      : sinceStable;
  return {
    status: version ? 'release' : 'nothing',
    targetSha: req.targetSha,
    previous,
    currentVersion: (isPre ? last.latest : last.stable)?.version ?? last.latest?.version ?? null,
    version,
    tag: version ? `${req.config['tag-prefix']}${version}` : null,
    prerelease: isPre,
    bump: normalizeBump(effectiveBump),
    bumpDescription: describeBump(normalizeBump(effectiveBump), sinceStable.counts),
    analysis,
    source,
  };
}

/**
 * The commits from `baseSha` (exclusive) to the target, analysed; for an app, those that change
 * none of its files are left out (`other-app`).
 */
async function analyzeRange(
  history: ReleaseHistory,
  req: VersionRequest,
  baseSha: string | null,
): Promise<CommitAnalysis> {
  const commits = await history.commitsBetween(baseSha, req.targetSha);
  if (!req.app) return analyzeCommits(commits, req.config.sections);
  if (!history.commitsTouching)
    throw new ConfigurationError(
      `releasing app ${req.app.name} needs the files each commit changes, which this history source cannot give; use history: auto or git.`,
    );
  const touching = await history.commitsTouching(baseSha, req.targetSha, req.app);
  return analyzeCommits(commits, req.config.sections, touching);
}

/** The bump input, else the merged PRs' labels (version-source labels), else the commits. */
async function chooseBump(
  history: ReleaseHistory,
  req: VersionRequest,
  sinceStable: CommitAnalysis,
): Promise<{ bump: Bump; source: VersionDecision['source'] }> {
  const cfg = req.config;
  const source: VersionDecision['source'] =
    req.version || req.bump ? 'input' : cfg['version-source'];
  if (req.bump) return { bump: req.bump, source };
  if (source === 'labels') {
    const prs = [
      ...new Set(
        sinceStable.commits
          .filter((c) => c.status === 'counted' && c.parsed.pullRequest)
          .map((c) => c.parsed.pullRequest as number),
      ),
    ];
    const bump = prs.length
      ? bumpFromLabels(await history.pullRequestLabels(prs), cfg.labels)
      : 'none';
    return { bump, source };
  }
  return { bump: sinceStable.bump, source: req.version ? 'input' : 'commits' };
}

/** The version input as given, else the next version the bump makes. Pure. */
function chooseVersion(
  req: VersionRequest,
  last: LastReleases,
  bump: Bump,
): { version: string | null; effectiveBump: Bump } {
  if (req.version) {
    const version = semver.valid(req.version);
    const effectiveBump =
      last.stable && version
        ? ((semver.diff(last.stable.version, version) as Bump | null) ?? bump)
        : bump;
    return { version, effectiveBump };
  }
  const next = nextVersion({
    stable: last.stable?.version ?? null,
    latest: last.latest?.version ?? null,
    bump,
    prerelease: req.prerelease ?? req.config.prerelease,
    majorOnZero: req.config['major-on-zero'],
    firstVersion: req.config['first-version'],
  });
  return { version: next?.version ?? null, effectiveBump: next ? next.effectiveBump : bump };
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
