import type { TagReleaseConfig } from './config.js';
import type { ReleaseConfig } from '@promote/core/config/sections/release';
import { createAnnotatedTag } from './annotated-tag.js';
import { commitChangelog } from './changelog-commit.js';
import type { ChangelogResult } from './changelog-files.js';
import { publishRelease } from './github-release.js';
import type { ReleaseHistory } from './history.js';
import { moveMajorTag, planMajorTag, type MajorTagPlan } from './major-tag.js';
import type { ReleaseDraft } from './release-draft.js';
import { NOTIFIED_MARKER, renderReleaseBody, renderTagMessage } from './release-notes.js';
import { notifyRelease, type NotifyDeps } from './ship-notify.js';

/** What the writes of a release need (ship.ts's ShipDeps gives it). */
export interface StepDeps extends NotifyDeps {
  history: ReleaseHistory;
}

/** One line per write, for the log and the ship report. */
export interface ShipOutcomes {
  changelog: string;
  tag: string;
  release: string;
  notify: string;
  /** release.major-tag: what happened to the major tag (null when not configured). */
  majorTag: string | null;
}

export interface Shipped {
  /** The changelog section as released (a re-run reuses what the first run wrote). */
  section: string;
  releaseUrl: string | null;
  outcomes: ShipOutcomes;
}

/** One line for the log and the ship report: where the changelog went, and why there. */
export function describeChangelog(result: ChangelogResult, path: string, version: string): string {
  const where =
    result.outcome === 'skipped'
      ? 'not written'
      : result.pullRequestUrl
        ? `pull request ${result.pullRequestUrl}`
        : result.outcome === 'unchanged'
          ? `${path} already had ${version}`
          : `${path} updated in ${result.commitSha?.slice(0, 12)}`;
  return result.fallback ? `${where} (${result.fallback})` : where;
}

/** Dry run: what would be written, logged; nothing is. */
export async function previewRelease(
  deps: StepDeps,
  rel: ReleaseConfig,
  draft: ReleaseDraft,
): Promise<Shipped> {
  const { logger } = deps;
  const { tag, targetSha, section } = draft;
  logger.info(`Dry run: nothing is written. ${tag} would go on ${targetSha}.`);
  logger.info(`Changelog section:\n${section}`);
  logger.info(`Release notes:\n${renderReleaseBody(section, draft.links, draft.seal)}`);
  const plan = await majorTagPlan(deps, rel, draft);
  const majorTag = plan
    ? plan.action === 'move'
      ? `dry run: ${plan.tag} would point at ${targetSha.slice(0, 12)}`
      : `not moved: ${plan.why}`
    : null;
  const dryRun = 'dry run';
  return {
    section,
    releaseUrl: null,
    outcomes: { changelog: dryRun, tag: dryRun, release: dryRun, notify: dryRun, majorTag },
  };
}

/**
 * The writes, in the order that makes a re-run finish what a failed run started: changelog
 * commit -> tag -> release -> notifications -> major tag. Each step first looks for what exists.
 */
export async function publishAll(
  deps: StepDeps,
  config: TagReleaseConfig,
  draft: ReleaseDraft,
): Promise<Shipped> {
  const changelog = await shipChangelog(deps, config, draft);
  const tag = await shipTag(deps, draft, changelog.section);
  const release = config.release.release.enabled
    ? await shipRelease(deps, config, draft, changelog.section)
    : {
        url: null,
        outcome: 'disabled (release.release.enabled: false)',
        notify: 'skipped (no release)',
      };
  const majorTag = await shipMajorTag(deps, config.release, draft);
  return {
    section: changelog.section,
    releaseUrl: release.url,
    outcomes: {
      changelog: changelog.outcome,
      tag,
      release: release.outcome,
      notify: release.notify,
      majorTag,
    },
  };
}

/** 1. Changelog (commit or PR), found by its version section on a re-run. */
async function shipChangelog(
  deps: StepDeps,
  config: TagReleaseConfig,
  draft: ReleaseDraft,
): Promise<{ section: string; outcome: string }> {
  const { logger } = deps;
  const rel = config.release;
  const mode = rel.changelog.enabled ? rel.changelog.mode : 'skip';
  if (mode === 'skip') return { section: draft.section, outcome: 'skipped (release.changelog)' };
  const result = await commitChangelog(deps, {
    branch: config.branches.production,
    targetSha: draft.targetSha,
    path: rel.changelog.path,
    mode,
    version: draft.version,
    tag: draft.tag,
    previousTag: draft.decision.previous?.tag ?? null,
    section: draft.section,
    repoUrl: draft.links.repoUrl,
    versionFiles: rel.changelog['version-files'],
    isAncestor: (a, b) => deps.history.isAncestor(a, b),
  });
  const outcome = describeChangelog(result, rel.changelog.path, draft.version);
  deps.progress?.done(`changelog: ${outcome}`);
  const line = outcome.startsWith(rel.changelog.path) ? `${outcome}` : `Changelog: ${outcome}`;
  // Not written at all is worth a look; a pull request instead of a commit is just said.
  if (result.outcome === 'skipped') logger.warning(line);
  else logger.info(line);
  return { section: result.section, outcome };
}

/** 2. Annotated tag on the merge commit, found by its ref on a re-run. */
async function shipTag(deps: StepDeps, draft: ReleaseDraft, section: string): Promise<string> {
  const { tag, targetSha } = draft;
  const tagResult = await createAnnotatedTag(deps, {
    tag,
    targetSha,
    message: renderTagMessage(tag, section),
  });
  const outcome = `${tag} (annotated) at ${targetSha} ${tagResult.outcome === 'created' ? 'created' : 'already there'}`;
  deps.logger.info(`Tag ${outcome}`);
  deps.progress?.done(`tag ${tag} at ${targetSha.slice(0, 12)}`);
  return outcome;
}

/** 3. Release, upserted by tag; then 4. its notifications. */
async function shipRelease(
  deps: StepDeps,
  config: TagReleaseConfig,
  draft: ReleaseDraft,
  section: string,
): Promise<{ url: string; outcome: string; notify: string }> {
  const rel = config.release;
  const { tag, links, seal } = draft;
  const published = await publishRelease(deps, {
    tag,
    name: draft.name,
    body: (notified, kept) => renderReleaseBody(section, links, seal, notified, kept),
    draft: rel.release.draft,
    prerelease: draft.decision.prerelease,
    makeLatest: rel.release['make-latest'],
    notifiedMarker: NOTIFIED_MARKER,
  });
  deps.logger.info(`GitHub release ${published.outcome}: ${published.url}`);
  deps.progress?.done(`release ${tag} (${published.url})`);
  const notify = await notifyRelease(deps, config.notify, draft, section, published);
  // The summary's Release row links the URL; its outcome row says only what happened.
  return { url: published.url, outcome: published.outcome, notify };
}

/**
 * 5. The major tag (release.major-tag), after the release it points users at; a re-run finds it
 * in place.
 */
async function shipMajorTag(
  deps: StepDeps,
  rel: ReleaseConfig,
  draft: ReleaseDraft,
): Promise<string | null> {
  const plan = await majorTagPlan(deps, rel, draft);
  if (!plan) return null;
  const outcome =
    plan.action === 'move' ? await moveMajorTag(deps, plan) : `not moved: ${plan.why}`;
  deps.logger.info(`Major tag: ${outcome}`);
  if (plan.action === 'move') deps.progress?.done(`major tag ${outcome}`);
  return outcome;
}

/** The major tag's plan when release.major-tag is on, from the tags as they are now. */
async function majorTagPlan(
  deps: StepDeps,
  rel: ReleaseConfig,
  draft: ReleaseDraft,
): Promise<MajorTagPlan | null> {
  if (!rel['major-tag']) return null;
  return planMajorTag({
    version: draft.version,
    sha: draft.targetSha,
    prefix: rel['tag-prefix'],
    draft: rel.release.enabled && rel.release.draft,
    tags: [...(await deps.history.listTags()), { name: draft.tag, sha: draft.targetSha }],
  });
}
