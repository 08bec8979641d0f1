import { ConfigurationError } from '@promote/core/errors';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import {
  describeGitHubError,
  hasStatus,
  isAlreadyExists,
  isGitHubError,
} from '@promote/core/github/request-errors';
import {
  createOrUpdatePullRequest,
  createOrUpdateRef,
  resolveRef,
  upsertReleaseByTag,
} from '@promote/core/github/upsert';
import type { Logger } from '@promote/core/logger';
import type { VersionFileConfig } from '@promote/core/config/sections/release';
import { extractVersionSection, hasVersionSection, insertChangelogSection } from './changelog.js';
import {
  refuseDowngrade,
  setVersionInFile,
  versionFilePath,
  type FileChange,
} from './version-files.js';
import { keptBlocks } from './release-notes.js';

export interface PublishDeps {
  gh: GitHubClient;
  repo: RepoRef;
  logger: Logger;
}

export type StepOutcome = 'created' | 'updated' | 'unchanged' | 'skipped';

// ---------------------------------------------------------------- reading files at a commit

async function commitTree(gh: GitHubClient, repo: RepoRef, commitSha: string): Promise<string> {
  const { data } = await gh.rest.git.getCommit({ ...repo, commit_sha: commitSha });
  return data.tree.sha;
}

/** A file's text at a tree, walking one directory level per request; null when absent. */
async function readFileAt(
  gh: GitHubClient,
  repo: RepoRef,
  treeSha: string,
  path: string,
): Promise<string | null> {
  const parts = path.split('/').filter(Boolean);
  let tree = treeSha;
  for (let i = 0; i < parts.length; i++) {
    const { data } = await gh.rest.git.getTree({ ...repo, tree_sha: tree });
    const entry = data.tree.find((e) => e.path === parts[i]);
    if (!entry?.sha) return null;
    if (i === parts.length - 1) {
      if (entry.type !== 'blob') return null;
      const { data: blob } = await gh.rest.git.getBlob({ ...repo, file_sha: entry.sha });
      return Buffer.from(blob.content, blob.encoding === 'base64' ? 'base64' : 'utf8').toString(
        'utf8',
      );
    }
    if (entry.type !== 'tree') return null;
    tree = entry.sha;
  }
  return null;
}

// ---------------------------------------------------------------- changelog commit

export interface ChangelogRequest {
  branch: string;
  /** The merge commit being released: the changelog commit must descend from it. */
  targetSha: string;
  path: string;
  mode: 'commit' | 'pull-request';
  version: string;
  tag: string;
  previousTag: string | null;
  section: string;
  repoUrl: string;
  versionFiles: VersionFileConfig[];
  isAncestor: (ancestor: string, descendant: string) => Promise<boolean>;
}

export interface ChangelogResult {
  outcome: StepOutcome;
  /** The section as the file holds it (a re-run reuses what the first run wrote). */
  section: string;
  commitSha?: string;
  pullRequestUrl?: string;
  /**
   * Set when mode commit could not commit to the branch (protected, ruleset): why, and the
   * changelog went to a pull request instead (or, if that failed too, nowhere).
   */
  fallback?: string;
}

/** GitHub's refusal to move a protected branch (GH006 in git, 409/422 in the REST API). */
export function isProtectedBranchRefusal(error: unknown): boolean {
  if (
    !isGitHubError(error) ||
    (error.status !== 409 && error.status !== 422 && error.status !== 403)
  )
    return false;
  const text = `${error.message} ${JSON.stringify(error.response?.data ?? '')}`;
  return /protected branch|GH006|required status check|must be made through a pull request|Repository rule violations/i.test(
    text,
  );
}

/**
 * CHANGELOG.md (and version files) in one commit made through the Git Data API, so GitHub signs
 * it, on top of the production branch's current head (which must contain the merge commit). The
 * tag stays on the merge commit: it marks what runs in production; the changelog commit follows.
 * Idempotent: a changelog that already has the version's section is not written again.
 *
 * A branch that refuses the commit (branch protection or a ruleset requiring pull requests:
 * https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches)
 * never blocks the release: the changelog goes to a pull request instead, and the tag and the
 * release follow as usual. A re-run finds that pull request and writes nothing.
 */
export async function commitChangelog(
  deps: PublishDeps,
  req: ChangelogRequest,
): Promise<ChangelogResult> {
  const { gh, repo, logger } = deps;
  const branchRef = `heads/${req.branch}`;
  for (let attempt = 1; ; attempt++) {
    const head = await resolveRef(gh, repo, branchRef);
    if (!head)
      throw new ConfigurationError(
        `branch "${req.branch}" (branches.production) does not exist in ${repo.owner}/${repo.repo}.`,
      );
    if (head !== req.targetSha && !(await req.isAncestor(req.targetSha, head))) {
      throw new Error(
        `the ${req.branch} branch (at ${head}) does not contain the release commit ${req.targetSha}; the changelog commit must come after it. Release from a commit on ${req.branch}.`,
      );
    }
    const tree = await commitTree(gh, repo, head);
    const current = await readFileAt(gh, repo, tree, req.path);
    if (current !== null && hasVersionSection(current, req.version)) {
      logger.info(`${req.path} on ${req.branch} already has ${req.version}; not writing it again.`);
      return {
        outcome: 'unchanged',
        section: extractVersionSection(current, req.version) ?? req.section,
      };
    }
    if (req.mode === 'pull-request')
      return openChangelogPullRequest(deps, req, head, tree, current);
    // An earlier run found the branch refusing the commit and opened a pull request: finish that.
    if (await changelogBranchCommit(deps, req)) {
      return changelogPullRequestInstead(
        deps,
        req,
        { head, tree, current },
        `an earlier run found ${req.branch} refusing the direct changelog commit`,
      );
    }

    const files = await changedFiles(deps, req, tree, current);
    const commitSha = await writeCommit(
      deps,
      tree,
      head,
      files,
      `chore(release): ${req.tag} [skip ci]\n\nChangelog for ${req.tag} (${req.targetSha}).`,
    );
    try {
      await gh.rest.git.updateRef({ ...repo, ref: branchRef, sha: commitSha, force: false });
      // The ship step logs the outcome once ("CHANGELOG.md updated in <sha>").
      logger.debug(
        `Committed ${files.map((f) => f.path).join(', ')} to ${req.branch}: ${commitSha}`,
      );
      return { outcome: 'created', section: req.section, commitSha };
    } catch (error) {
      if (isProtectedBranchRefusal(error)) {
        const why = `${req.branch} refused the direct changelog commit (${describeGitHubError(error)})`;
        logger.warning(
          `${why}: opening the changelog as a pull request instead; the tag and the release go ahead. ` +
            'To commit directly, let the token bypass the rule (a GitHub App in the bypass list), or set release.changelog.mode: pull-request to skip this attempt.',
        );
        // A fresh commit, not the refused one: its "[skip ci]" would keep the PR's checks from running.
        return changelogPullRequestInstead(deps, req, { head, tree, current }, why);
      }
      // Someone pushed in between (not a fast-forward): read the new head and try again.
      if (hasStatus(error, 422) && attempt < 3) {
        logger.info(
          `${req.branch} moved while committing the changelog (${describeGitHubError(error)}); retrying on the new head.`,
        );
        continue;
      }
      throw error;
    }
  }
}

async function changedFiles(
  deps: PublishDeps,
  req: ChangelogRequest,
  tree: string,
  current: string | null,
): Promise<FileChange[]> {
  const files: FileChange[] = [];
  const { content } = insertChangelogSection(current, {
    version: req.version,
    section: req.section,
    tag: req.tag,
    previousTag: req.previousTag,
    repoUrl: req.repoUrl,
  });
  files.push({ path: req.path, content });
  for (const vf of req.versionFiles) {
    const path = versionFilePath(vf);
    const text = await readFileAt(deps.gh, deps.repo, tree, path);
    if (text === null) {
      throw new ConfigurationError(
        `release.changelog.version-files: ${path} does not exist on ${req.branch}; fix the path or remove it.`,
      );
    }
    refuseDowngrade(vf, text, req.version);
    const next = setVersionInFile(vf, text, req.version);
    if (next !== text) files.push({ path, content: next });
  }
  return files;
}

async function writeCommit(
  deps: PublishDeps,
  baseTree: string,
  parent: string,
  files: FileChange[],
  message: string,
): Promise<string> {
  const { gh, repo } = deps;
  const { data: tree } = await gh.rest.git.createTree({
    ...repo,
    base_tree: baseTree,
    tree: files.map((f) => ({
      path: f.path,
      mode: '100644' as const,
      type: 'blob' as const,
      content: f.content,
    })),
  });
  // No author/committer: GitHub then signs the commit as made through the API.
  const { data: commit } = await gh.rest.git.createCommit({
    ...repo,
    message,
    tree: tree.sha,
    parents: [parent],
  });
  return commit.sha;
}

/**
 * Mode commit could not commit (`why`): the changelog as a pull request instead. If that fails
 * too, the changelog is not written, and the release still goes ahead: it never waits on it.
 */
async function changelogPullRequestInstead(
  deps: PublishDeps,
  req: ChangelogRequest,
  at: { head: string; tree: string; current: string | null },
  why: string,
): Promise<ChangelogResult> {
  try {
    return {
      ...(await openChangelogPullRequest(deps, req, at.head, at.tree, at.current)),
      fallback: why,
    };
  } catch (error) {
    return {
      outcome: 'skipped',
      section: req.section,
      fallback: `${why}, and the changelog pull request could not be opened either (${describeGitHubError(error)}); give the token pull-requests: write, or set release.changelog.mode: skip`,
    };
  }
}

const changelogBranch = (tag: string) =>
  `promote/changelog-${tag.replace(/[^A-Za-z0-9._/-]/g, '-')}`;

/** The commit on the changelog pull request's branch when it already holds the version's section. */
async function changelogBranchCommit(
  deps: PublishDeps,
  req: ChangelogRequest,
): Promise<string | undefined> {
  const { gh, repo } = deps;
  const existing = await resolveRef(gh, repo, `heads/${changelogBranch(req.tag)}`);
  if (!existing) return undefined;
  const text = await readFileAt(gh, repo, await commitTree(gh, repo, existing), req.path);
  return text !== null && hasVersionSection(text, req.version) ? existing : undefined;
}

async function openChangelogPullRequest(
  deps: PublishDeps,
  req: ChangelogRequest,
  head: string,
  tree: string,
  current: string | null,
): Promise<ChangelogResult> {
  const { gh, repo, logger } = deps;
  const branch = changelogBranch(req.tag);
  // The branch may exist from an earlier attempt: reuse its commit when it already has the section.
  let commitSha = await changelogBranchCommit(deps, req);
  if (!commitSha) {
    const files = await changedFiles(deps, req, tree, current);
    commitSha = await writeCommit(deps, tree, head, files, `chore(release): ${req.tag} changelog`);
    await createOrUpdateRef(gh, repo, `heads/${branch}`, commitSha, { force: true }, logger);
  }
  const { pr, operation } = await createOrUpdatePullRequest(
    gh,
    repo,
    {
      head: branch,
      base: req.branch,
      title: `chore(release): changelog for ${req.tag}`,
      body: `The changelog section for ${req.tag} (tagged at ${req.targetSha}). Merge it to record the release in ${req.path}.\n\n${req.section}`,
    },
    logger,
  );
  logger.info(`Changelog pull request ${operation}: ${pr.html_url}`);
  return {
    outcome: operation === 'unchanged' ? 'unchanged' : 'created',
    section: req.section,
    pullRequestUrl: pr.html_url,
  };
}

// ---------------------------------------------------------------- annotated tag

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

// ---------------------------------------------------------------- release

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

/**
 * Claims the one notification of `tag`: creating a ref is atomic, so of two runs releasing the
 * same merge at once exactly one gets true (the release body's marker alone cannot tell them apart).
 */
export async function claimNotification(
  deps: PublishDeps,
  tag: string,
  sha: string,
): Promise<boolean> {
  try {
    await deps.gh.rest.git.createRef({
      ...deps.repo,
      ref: `refs/promote-notified/${tag}`,
      sha,
    });
    return true;
  } catch (error) {
    // Claimed by another run, or by ours when a lost response was retried: never two messages.
    if (isAlreadyExists(error)) return false;
    throw error;
  }
}

/** Record that chat was told, before telling it: at most one notification per release. */
export async function markNotified(
  deps: PublishDeps,
  releaseId: number,
  body: string,
): Promise<void> {
  await deps.gh.rest.repos.updateRelease({ ...deps.repo, release_id: releaseId, body });
}
