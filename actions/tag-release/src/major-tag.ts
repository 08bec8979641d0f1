import semver from 'semver';
import { createOrUpdateRef } from '@promote/core/github/upsert';
import type { TagInfo } from './history.js';
import { releaseTags } from './last-release.js';
import type { PublishDeps } from './publish.js';

/**
 * The major version tag of a repository of actions (`v1`), which `uses: owner/repo@v1` resolves:
 * "move the major version tag (v1, v2, etc.) to point to the current release" and "introduce a
 * new major version tag (v2) if changes will break existing workflows"
 * (https://github.com/actions/toolkit/blob/main/docs/action-versioning.md). GitHub's own guide
 * says to update it "to point to the Git ref of the latest related minor version or patch
 * version", and to keep such moving tags out of releases, which immutable releases freeze
 * (https://docs.github.com/en/actions/how-tos/create-and-publish-actions/using-immutable-releases-and-tags-to-manage-your-actions-releases).
 *
 * It is a lightweight tag, straight on the commit: it is a pointer that moves, not a release, so
 * it carries no message, date or tagger of its own (those belong to the annotated `v1.4.0`), `git
 * describe` keeps naming the annotated release tag, and no tag object named "v1.4.0" hides behind a
 * ref named "v1" (which `git` reports as a mismatch).
 */
export type MajorTagPlan =
  { action: 'move'; tag: string; sha: string } | { action: 'skip'; why: string };

export interface MajorTagRequest {
  /** The version just released, e.g. 1.4.0. */
  version: string;
  /** The commit its tag is on. */
  sha: string;
  prefix: string;
  /** A draft release is not published yet: `@v1` must not point at it. */
  draft: boolean;
  /** Every tag of the repository, the new release's included. */
  tags: TagInfo[];
}

/** Whether the release moves its major tag, and why not when it does not. Pure. */
export function planMajorTag(req: MajorTagRequest): MajorTagPlan {
  const major = semver.major(req.version);
  const tag = `${req.prefix}${major}`;
  if (semver.prerelease(req.version))
    return { action: 'skip', why: `${req.version} is a prerelease; ${tag} stays on a stable one` };
  if (req.draft)
    return { action: 'skip', why: `the release is a draft; ${tag} moves when one is published` };
  // SemVer 0.x promises nothing between minors, so a "v0" that moves would break its users.
  if (major === 0) return { action: 'skip', why: `0.x has no compatibility promise to pin to` };
  const highest = releaseTags(req.tags, req.prefix).find(
    (t) => semver.major(t.version) === major && semver.prerelease(t.version) === null,
  );
  // A patch of an older line (1.3.1 after 1.4.0), or a re-run of an older release.
  if (highest && semver.gt(highest.version, req.version))
    return {
      action: 'skip',
      why: `${highest.tag} is the latest ${major}.x release; ${tag} stays with it`,
    };
  return { action: 'move', tag, sha: req.sha };
}

/** Points the major tag at the release commit: created, moved (force), or left where it is. */
export async function moveMajorTag(
  deps: PublishDeps,
  plan: Extract<MajorTagPlan, { action: 'move' }>,
): Promise<string> {
  const result = await createOrUpdateRef(
    deps.gh,
    deps.repo,
    `tags/${plan.tag}`,
    plan.sha,
    // A moving tag is the point: `force` lets the refs API rewrite it to a commit that need not
    // descend from the old one (the updateRef default refuses anything but a fast-forward).
    { force: true },
    deps.logger,
  );
  const at = plan.sha.slice(0, 12);
  if (result.operation === 'created') return `${plan.tag} created at ${at}`;
  if (result.operation === 'updated')
    return `${plan.tag} moved from ${result.previousSha?.slice(0, 12)} to ${at}`;
  return `${plan.tag} already at ${at}`;
}
