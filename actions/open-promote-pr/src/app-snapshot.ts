import picomatch from 'picomatch';
import type { AppIdentity } from '@promote/core/config/resolve';
import { ConfigurationError } from '@promote/core/errors';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';

/**
 * One app's promotion (issue #20): the snapshot branch is a commit on top of the target branch
 * whose tree is the target's tree with the app's files as the source has them, so the PR carries
 * that app's changes and nothing else. Built with the Git Database API: a tree with `base_tree`
 * (the target's) and one entry per changed file, the source's blob SHA, or `sha: null` to delete
 * (https://docs.github.com/en/rest/git/trees#create-a-tree), then a commit
 * (https://docs.github.com/en/rest/git/commits#create-a-commit).
 *
 * The changed files come from the trees, not from compare's file list: compare lists at most 300
 * files per comparison (https://docs.github.com/en/rest/commits/commits#compare-two-commits), so
 * a larger change would be cut silently. Three recursive tree reads (merge base, source, target)
 * give every file; GitHub cuts a recursive tree at 100,000 entries / 7 MB and says `truncated`
 * (https://docs.github.com/en/rest/git/trees#get-a-tree), and then the promotion is refused
 * before any write rather than built from part of the tree.
 */

export interface TreeEntry {
  path: string;
  mode: string;
  type: string;
  sha: string;
}

/** The file modes a tree entry may have (create-a-tree's `mode`). */
export type FileMode = '100644' | '100755' | '040000' | '160000' | '120000';

export interface SnapshotEntry {
  path: string;
  mode: FileMode;
  type: 'blob' | 'commit';
  /** The source's object, or null: the file is deleted. */
  sha: string | null;
}

export interface AppChange {
  /** What the snapshot tree changes on top of the target's tree; empty = nothing to promote. */
  entries: SnapshotEntry[];
  /** The app's files the source changed since the merge base (a rename is a delete and an add). */
  files: string[];
  /** The same files with git's status, as compare names them (added, modified, removed). */
  changedFiles: { filename: string; status: string }[];
  /** Files the target changed too since the merge base: the source's version wins in the snapshot. */
  bothChanged: string[];
  targetTree: string;
}

const isFile = (e: TreeEntry) => e.type === 'blob' || e.type === 'commit';
const byPath = (entries: readonly TreeEntry[], match: (p: string) => boolean) =>
  new Map(entries.filter((e) => isFile(e) && match(e.path)).map((e) => [e.path, e]));
const same = (a: TreeEntry | undefined, b: TreeEntry | undefined) =>
  a?.sha === b?.sha && a?.mode === b?.mode;

/**
 * The app's change as tree entries: every app file the source changed since the merge base
 * (added, modified, mode changed, deleted; a rename shows as its two paths), as it is in the
 * source, left out where the target already has it so. Pure.
 */
export function appSnapshotEntries(
  trees: { base: readonly TreeEntry[]; source: readonly TreeEntry[]; target: readonly TreeEntry[] },
  app: AppIdentity,
): Omit<AppChange, 'targetTree'> {
  const match = picomatch(app.paths, { dot: true });
  const base = byPath(trees.base, match);
  const source = byPath(trees.source, match);
  const target = byPath(trees.target, match);
  const paths = [...new Set([...base.keys(), ...source.keys()])].sort();
  const files: string[] = [];
  const changedFiles: { filename: string; status: string }[] = [];
  const entries: SnapshotEntry[] = [];
  const bothChanged: string[] = [];
  for (const path of paths) {
    const from = base.get(path);
    const to = source.get(path);
    if (same(from, to)) continue;
    files.push(path);
    changedFiles.push({
      filename: path,
      status: !from ? 'added' : !to ? 'removed' : 'modified',
    });
    const there = target.get(path);
    if (same(there, to)) continue;
    if (!same(there, from)) bothChanged.push(path);
    if (to)
      entries.push({
        path,
        mode: to.mode as FileMode,
        type: to.type as SnapshotEntry['type'],
        sha: to.sha,
      });
    else if (there)
      entries.push({
        path,
        mode: there.mode as FileMode,
        type: there.type as SnapshotEntry['type'],
        sha: null,
      });
  }
  return { entries, files, changedFiles, bothChanged };
}

/** What the snapshot commit records about itself, so a later run knows its own branch. */
export interface SnapshotMarker {
  app: string;
  source: string;
  target: string;
}

export function snapshotMessage(input: {
  app: string;
  sourceStage: string;
  targetStage: string;
  source: string;
  target: string;
  files: number;
}): string {
  return (
    `promote(${input.app}): ${input.sourceStage} at ${input.source.slice(0, 7)} into ${input.targetStage}\n\n` +
    `The ${input.files} file${input.files === 1 ? '' : 's'} of app ${input.app} that ${input.sourceStage} changed, ` +
    `on top of ${input.targetStage} at ${input.target.slice(0, 7)}; other apps' changes stay on ${input.sourceStage}.\n\n` +
    `Promote-App: ${input.app}\nPromote-Source: ${input.source}\nPromote-Target: ${input.target}\n`
  );
}

/** The marker of a snapshot commit this action made, or undefined for any other commit. */
export function readSnapshotMarker(message: string | undefined): SnapshotMarker | undefined {
  const field = (key: string) =>
    new RegExp(`^Promote-${key}: ([^\\s]+)$`, 'm').exec(message ?? '')?.[1];
  const [app, source, target] = [field('App'), field('Source'), field('Target')];
  return app && source && target ? { app, source, target } : undefined;
}

async function readTree(gh: GitHubClient, repo: RepoRef, tree: string, what: string) {
  const { data } = await gh.rest.git.getTree({ ...repo, tree_sha: tree, recursive: 'true' });
  if (data.truncated)
    throw new ConfigurationError(
      `open-promote-pr: the tree of ${what} has more entries than GitHub returns in one read (100,000 entries / 7 MB), ` +
        'so the app snapshot cannot be built exactly; nothing was written. Promote the whole stage (leave `app` empty).',
    );
  return data.tree.map((e) => ({
    path: e.path ?? '',
    mode: e.mode ?? '100644',
    type: e.type ?? 'blob',
    sha: e.sha ?? '',
  }));
}

/** Reads the three trees (five requests, whatever the number of apps or files). */
export async function readAppChange(
  gh: GitHubClient,
  repo: RepoRef,
  input: { target: string; source: string; app: AppIdentity },
): Promise<AppChange> {
  const { data: compare } = await gh.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${input.target}...${input.source}`,
    per_page: 1,
  });
  const { data: source } = await gh.rest.git.getCommit({ ...repo, commit_sha: input.source });
  const targetTree = compare.base_commit.commit.tree.sha;
  const [base, sourceEntries, target] = [
    await readTree(gh, repo, compare.merge_base_commit.commit.tree.sha, 'the merge base'),
    await readTree(gh, repo, source.tree.sha, 'the source'),
    await readTree(gh, repo, targetTree, 'the target'),
  ];
  return {
    ...appSnapshotEntries({ base, source: sourceEntries, target }, input.app),
    targetTree,
  };
}

/** The snapshot commit: the target's tree with the entries, on `parents`. */
export async function createAppSnapshot(
  gh: GitHubClient,
  repo: RepoRef,
  input: { targetTree: string; entries: SnapshotEntry[]; parents: string[]; message: string },
): Promise<string> {
  const { data: tree } = await gh.rest.git.createTree({
    ...repo,
    base_tree: input.targetTree,
    tree: input.entries,
  });
  const { data: commit } = await gh.rest.git.createCommit({
    ...repo,
    message: input.message,
    tree: tree.sha,
    parents: input.parents,
  });
  return commit.sha;
}
