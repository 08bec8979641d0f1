import { isAlreadyExists } from '@promote/core/github/request-errors';
import { resolveRef } from '@promote/core/github/upsert';
import type { PublishDeps } from './publish.js';

/** The tag exists on another commit (another run took the version, or a wrong tag). */
export class TagTakenError extends Error {
  constructor(
    readonly tag: string,
    /** The commit the tag is on. */
    readonly at: string,
    message: string,
  ) {
    super(message);
    this.name = 'TagTakenError';
  }
}

export interface TagResult {
  outcome: 'created' | 'unchanged';
  /** The tag object's SHA when we made it. */
  tagObjectSha?: string;
}

/**
 * Annotated tag `tag` on `targetSha` (the merge commit): POST git/tags, then POST git/refs.
 * Already at the same commit: nothing to do. At another commit: fail and name both SHAs.
 */
export async function createAnnotatedTag(
  deps: PublishDeps,
  req: { tag: string; targetSha: string; message: string },
): Promise<TagResult> {
  const { gh, repo, logger } = deps;
  const ref = `tags/${req.tag}`;
  const check = (current: string): TagResult => {
    if (current === req.targetSha) {
      logger.info(`Tag ${req.tag} already points at ${req.targetSha}; nothing to do.`);
      return { outcome: 'unchanged' };
    }
    throw new TagTakenError(
      req.tag,
      current,
      `tag ${req.tag} already exists at ${current}, but this release is ${req.targetSha}. A tag is never moved: ` +
        'delete the tag if it is wrong, or release another version (input `version`).',
    );
  };
  const existing = await resolveRef(gh, repo, ref);
  if (existing) return check(existing);
  // A retried POST git/tags may leave a second, unreferenced tag object: harmless, only the ref counts.
  const { data: tagObject } = await gh.rest.git.createTag({
    ...repo,
    tag: req.tag,
    message: req.message,
    object: req.targetSha,
    type: 'commit',
  });
  try {
    await gh.rest.git.createRef({ ...repo, ref: `refs/${ref}`, sha: tagObject.sha });
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    const now = await resolveRef(gh, repo, ref);
    if (!now) throw error;
    // Our create landed and its response was lost, or another run tagged the same commit.
    return check(now);
  }
  logger.debug(`Created annotated tag ${req.tag} at ${req.targetSha}.`); // ship logs the outcome
  return { outcome: 'created', tagObjectSha: tagObject.sha };
}
