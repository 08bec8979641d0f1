import type { GitHubClient, RepoRef } from './client.js';
import type { Logger } from '../logger.js';
import { hasStatus, isAlreadyExists } from './request-errors.js';
import { RELEASE_BODY_LIMIT, fitText } from './limits.js';
import { silentLogger, type UpsertOperation } from './operation.js';

type Release = Awaited<ReturnType<GitHubClient['rest']['repos']['createRelease']>>['data'];

export interface ReleaseSpec {
  tag: string;
  name: string;
  /** Cut to 125,000 characters with a note (GitHub answers a longer body with a 422). */
  body: string;
  draft?: boolean;
  prerelease?: boolean;
  /** true, false or 'legacy' (GitHub's make_latest). */
  makeLatest?: boolean | 'legacy';
  /** Commit or branch the tag is created from when it does not exist yet. */
  targetCommitish?: string;
}

export interface ReleaseResult {
  release: Release;
  operation: UpsertOperation;
}

/**
 * The release for `tag`. `GET /releases/tags/{tag}` does not return drafts, so drafts are looked up
 * in the release list; drafts may share a tag, so a duplicate draft from a retried create is
 * deleted (the oldest stays).
 */
async function findReleases(gh: GitHubClient, repo: RepoRef, tag: string): Promise<Release[]> {
  try {
    const { data } = await gh.rest.repos.getReleaseByTag({ ...repo, tag });
    return [data as Release];
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
  }
  const all = await gh.paginate(gh.rest.repos.listReleases, { ...repo, per_page: 100 });
  return (all as Release[]).filter((r) => r.tag_name === tag).sort((a, b) => a.id - b.id);
}

export async function upsertReleaseByTag(
  gh: GitHubClient,
  repo: RepoRef,
  spec: ReleaseSpec,
  logger: Logger = silentLogger,
): Promise<ReleaseResult> {
  const body = fitText(spec.body, RELEASE_BODY_LIMIT, 'release notes');
  const fields = {
    tag_name: spec.tag,
    name: spec.name,
    body,
    draft: spec.draft ?? false,
    prerelease: spec.prerelease ?? false,
    ...(spec.makeLatest !== undefined
      ? { make_latest: String(spec.makeLatest) as 'true' | 'false' | 'legacy' }
      : {}),
  };

  const reconcile = async (found: Release[], created: boolean): Promise<ReleaseResult> => {
    const [keep, ...extras] = found;
    if (!keep) throw new Error(`release for ${spec.tag} vanished while being written; re-run.`);
    for (const extra of extras.filter((r) => r.draft)) {
      await gh.rest.repos
        .deleteRelease({ ...repo, release_id: extra.id })
        .catch((error: unknown) => {
          if (!hasStatus(error, 404)) throw error;
        });
      logger.info(`Deleted duplicate draft release ${extra.id} for ${spec.tag}.`);
    }
    const same =
      keep.name === fields.name &&
      (keep.body ?? '') === body &&
      keep.draft === fields.draft &&
      keep.prerelease === fields.prerelease &&
      spec.makeLatest === undefined;
    if (same) {
      if (!created) logger.info(`Release ${spec.tag} is already up to date: ${keep.html_url}`);
      return { release: keep, operation: created ? 'created' : 'unchanged' };
    }
    const { data } = await gh.rest.repos.updateRelease({ ...repo, release_id: keep.id, ...fields });
    logger.info(`Updated release ${spec.tag}: ${data.html_url}`);
    return { release: data, operation: created ? 'created' : 'updated' };
  };

  const existing = await findReleases(gh, repo, spec.tag);
  if (existing.length) return reconcile(existing, false);

  try {
    const { data } = await gh.rest.repos.createRelease({
      ...repo,
      ...fields,
      ...(spec.targetCommitish ? { target_commitish: spec.targetCommitish } : {}),
    });
    logger.debug(`Created release ${spec.tag}: ${data.html_url}`); // the caller logs the outcome
    if (!data.draft) return { release: data, operation: 'created' };
    // Drafts can share a tag: make sure a retried create did not leave two.
    const after = await findReleases(gh, repo, spec.tag);
    return reconcile(after.length ? after : [data], true);
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    logger.info(`Release ${spec.tag} already existed (a create arrived twice); updating it.`);
    return reconcile(await findReleases(gh, repo, spec.tag), false);
  }
}
