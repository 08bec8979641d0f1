import type { GitHubClient, RepoRef } from './client.js';
import type { Logger } from '../logger.js';
import { hasStatus, isAlreadyExists, describeGitHubError } from './request-errors.js';
import { silentLogger, type UpsertOperation } from './operation.js';

export interface RefOptions {
  /** Move a branch that is not a fast-forward, or a tag to another commit. Default false. */
  force?: boolean;
}

export interface RefResult {
  operation: UpsertOperation;
  /** Fully qualified, e.g. `refs/heads/promote/x`. */
  ref: string;
  sha: string;
  /** The commit the ref pointed at before an update. */
  previousSha?: string;
}

/** `heads/x`, `refs/heads/x` -> `{ full: 'refs/heads/x', short: 'heads/x' }`. */
function normalizeRef(ref: string): { full: string; short: string } {
  const short = ref.replace(/^refs\//, '');
  if (!/^(heads|tags)\/./.test(short)) {
    throw new Error(`ref "${ref}" must start with heads/ or tags/ (or refs/heads/, refs/tags/).`);
  }
  return { full: `refs/${short}`, short };
}

/** The commit a ref points at, peeling an annotated tag; undefined when the ref does not exist. */
export async function resolveRef(
  gh: GitHubClient,
  repo: RepoRef,
  ref: string,
): Promise<string | undefined> {
  const { short } = normalizeRef(ref);
  try {
    const { data } = await gh.rest.git.getRef({ ...repo, ref: short });
    if (data.object.type === 'tag') {
      const { data: tag } = await gh.rest.git.getTag({ ...repo, tag_sha: data.object.sha });
      return tag.object.sha;
    }
    return data.object.sha;
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

/**
 * Points `ref` at `sha`: created when missing, left alone when already there, moved otherwise.
 * A tag at another commit is an error naming both SHAs unless `force`: moving it silently
 * would rewrite what an existing release points at.
 * A create that arrived twice answers 422 "Reference already exists" and is treated as a lookup.
 */
export async function createOrUpdateRef(
  gh: GitHubClient,
  repo: RepoRef,
  ref: string,
  sha: string,
  options: RefOptions = {},
  logger: Logger = silentLogger,
): Promise<RefResult> {
  const { full, short } = normalizeRef(ref);
  const isTag = short.startsWith('tags/');

  const reconcile = async (current: string): Promise<RefResult> => {
    if (current === sha) {
      logger.info(`${full} already points at ${sha.slice(0, 7)}.`);
      return { operation: 'unchanged', ref: full, sha };
    }
    if (isTag && !options.force) {
      throw new Error(
        `${full} already exists at ${current}, not at ${sha}. A tag is never moved silently: delete it or choose another version.`,
      );
    }
    try {
      await gh.rest.git.updateRef({ ...repo, ref: short, sha, force: options.force ?? false });
    } catch (error) {
      if (hasStatus(error, 422)) {
        throw new Error(
          `could not move ${full} from ${current} to ${sha}: ${describeGitHubError(error)} (not a fast-forward? pass force only if rewriting it is intended).`,
        );
      }
      throw error;
    }
    logger.info(`Moved ${full} from ${current.slice(0, 7)} to ${sha.slice(0, 7)}.`);
    return { operation: 'updated', ref: full, sha, previousSha: current };
  };

  const current = await resolveRef(gh, repo, full);
  if (current !== undefined) return reconcile(current);
  try {
    await gh.rest.git.createRef({ ...repo, ref: full, sha });
    logger.info(`Created ${full} at ${sha.slice(0, 7)}.`);
    return { operation: 'created', ref: full, sha };
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    const now = await resolveRef(gh, repo, full);
    if (now === undefined) throw error;
    if (now === sha) {
      // Our create landed; its response did not (or another run made the same ref).
      logger.info(`Created ${full} at ${sha.slice(0, 7)} (the create arrived twice).`);
      return { operation: 'created', ref: full, sha };
    }
    return reconcile(now);
  }
}
