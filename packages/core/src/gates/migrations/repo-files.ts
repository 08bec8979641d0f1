import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { GitHubClient, RepoRef } from '../../github/client.js';

/**
 * The files of one version of the repository, as the migration readers need them: the preflight
 * gate reads its checkout (the PR head); the promotion PR reads staging through the API (its
 * checkout holds only the config).
 */
export interface RepoFiles {
  /** Repository paths of the files in `dir` and in its direct subfolders ('' = the root). */
  list(dir: string): Promise<string[]>;
  /** A file's text, null when it is not there. */
  read(path: string): Promise<string | null>;
  /** Where a tool finds the file on disk (undefined when the files are not on disk). */
  diskPath?(path: string): string;
}

const slash = (p: string) => p.split('\\').join('/');

/** The checkout at `workspace`. */
export function diskFiles(workspace: string): RepoFiles {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(workspace, p));
  const entries = (dir: string) =>
    readdir(abs(dir || '.'), { withFileTypes: true }).catch(() => []);
  return {
    async list(dir) {
      const at = (name: string) => slash(dir ? join(dir, name) : name);
      const out: string[] = [];
      for (const e of await entries(dir)) {
        if (e.isFile()) out.push(at(e.name));
        else if (e.isDirectory())
          for (const f of await entries(at(e.name)))
            if (f.isFile()) out.push(`${at(e.name)}/${f.name}`);
      }
      return out;
    },
    read: (path) => readFile(abs(path), 'utf8').catch(() => null),
    diskPath: abs,
  };
}

/** The tree of commit `ref`, read once (git trees API, recursive); file texts on demand. */
export function githubFiles(gh: GitHubClient, repo: RepoRef, ref: string): RepoFiles {
  let tree: Promise<string[]> | undefined;
  const paths = () =>
    (tree ??= gh.rest.git
      .getTree({ ...repo, tree_sha: ref, recursive: 'true' })
      .then(({ data }) => {
        // https://docs.github.com/en/rest/git/trees#get-a-tree: a truncated tree lists too few.
        if (data.truncated)
          throw new Error(`the tree of ${ref} is too large for one read (truncated by GitHub)`);
        return data.tree.filter((e) => e.type === 'blob' && e.path).map((e) => e.path!);
      }));
  return {
    async list(dir) {
      const prefix = dir ? `${dir.replace(/\/+$/, '')}/` : '';
      return (await paths()).filter(
        (p) => p.startsWith(prefix) && p.slice(prefix.length).split('/').length <= 2,
      );
    },
    async read(path) {
      try {
        const { data } = await gh.rest.repos.getContent({ ...repo, path, ref });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
        return Buffer.from(data.content, 'base64').toString('utf8');
      } catch (e) {
        if ((e as { status?: number }).status === 404) return null;
        throw e;
      }
    },
  };
}
