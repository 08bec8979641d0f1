// Reading files at a commit and writing a commit, through the Git Data API (no checkout needed).
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { PublishDeps } from './publish.js';
import type { FileChange } from './version-files.js';

export async function commitTree(
  gh: GitHubClient,
  repo: RepoRef,
  commitSha: string,
): Promise<string> {
  const { data } = await gh.rest.git.getCommit({ ...repo, commit_sha: commitSha });
  return data.tree.sha;
}

/** A file's text at a tree, walking one directory level per request; null when absent. */
export async function readFileAt(
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

export async function writeCommit(
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
