import { hasStatus } from '@promote/core/github/request-errors';
import { upsertReleaseByTag } from '@promote/core/github/upsert';
import type { PublishDeps, StepOutcome } from './publish.js';
import { keptBlocks } from './release-notes.js';

export interface ReleaseRequest {
  tag: string;
  name: string;
  /** Builds the body; `notified` keeps the marker a previous run left, `kept` other steps' blocks. */
  body: (notified: boolean, kept: string) => string;
  draft: boolean;
  prerelease: boolean;
  makeLatest: boolean;
  notifiedMarker: string;
}

export interface PublishedRelease {
  outcome: StepOutcome;
  url: string;
  id: number;
  notified: boolean;
  /** Blocks of the existing body that other steps own (carried into every rewrite). */
  kept: string;
  body: string;
}

/** The release for the tag, created or brought up to date (core's upsertReleaseByTag). */
export async function publishRelease(
  deps: PublishDeps,
  req: ReleaseRequest,
): Promise<PublishedRelease> {
  const { gh, repo, logger } = deps;
  let notified = false;
  let exists = false;
  let kept = '';
  try {
    const { data } = await gh.rest.repos.getReleaseByTag({ ...repo, tag: req.tag });
    exists = true;
    notified = (data.body ?? '').includes(req.notifiedMarker);
    kept = keptBlocks(data.body);
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
  }
  const body = req.body(notified, kept);
  const { release, operation } = await upsertReleaseByTag(
    gh,
    repo,
    {
      tag: req.tag,
      name: req.name,
      body,
      draft: req.draft,
      prerelease: req.prerelease,
      // Prereleases are never "latest" (GitHub would otherwise move the badge to an rc). Only set
      // on create: a re-run must not move the badge back from a newer release.
      ...(exists ? {} : { makeLatest: req.prerelease ? false : req.makeLatest }),
    },
    logger,
  );
  return {
    outcome: operation,
    url: release.html_url,
    id: release.id,
    notified,
    kept,
    body: release.body ?? body,
  };
}
