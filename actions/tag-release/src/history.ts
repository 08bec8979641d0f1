import type { AppIdentity } from '@promote/core/config/resolve';

/**
 * What tag-release reads about the repository, as a port: the GitHub adapter (github-history.ts)
 * answers through the REST API; tests and benches hand in one backed by a real git repository.
 */

export interface TagInfo {
  name: string;
  /** The commit the tag points at (annotated tags peeled). */
  sha: string;
}

export interface CommitInfo {
  sha: string;
  message: string;
  parents: string[];
}

export interface ReleaseHistory {
  /** Every tag of the repository (all pages). */
  listTags(): Promise<TagInfo[]>;
  /** True when `ancestorSha` is reachable from `targetSha` (equal counts). */
  isAncestor(ancestorSha: string, targetSha: string): Promise<boolean>;
  /** Commits reachable from `targetSha` and not from `baseSha` (all of them when base is null). */
  commitsBetween(baseSha: string | null, targetSha: string): Promise<CommitInfo[]>;
  /** Labels of these pull requests, read from the API (a re-run replays a stale payload). */
  pullRequestLabels(numbers: number[]): Promise<Map<number, string[]>>;
  /**
   * The non-merge commits of the range (as commitsBetween) that change a file of `app` (an app of
   * a monorepo, issue #20). Absent where the source cannot tell without a request per commit: the
   * REST API's compare lists the files of the whole range, never of each commit.
   */
  commitsTouching?(
    baseSha: string | null,
    targetSha: string,
    app: AppIdentity,
  ): Promise<Set<string>>;
}

/**
 * Commits ordered so every commit comes after its parents (oldest first), whatever order the
 * source returned: GitHub's compare sorts by date, which clock skew and rebases make unreliable.
 */
export function orderTopologically(commits: CommitInfo[]): CommitInfo[] {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const pending = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const c of commits) {
    let n = 0;
    for (const p of c.parents) {
      if (!bySha.has(p)) continue;
      n++;
      const list = children.get(p);
      if (list) list.push(c.sha);
      else children.set(p, [c.sha]);
    }
    pending.set(c.sha, n);
  }
  const ready = commits.filter((c) => pending.get(c.sha) === 0).map((c) => c.sha);
  const out: CommitInfo[] = [];
  // A stack keeps a branch's commits together (like git log --topo-order, reversed).
  while (ready.length > 0) {
    const sha = ready.pop() as string;
    out.push(bySha.get(sha) as CommitInfo);
    for (const child of children.get(sha) ?? []) {
      const left = (pending.get(child) ?? 1) - 1;
      pending.set(child, left);
      if (left === 0) ready.push(child);
    }
  }
  return out.length === commits.length ? out : commits;
}
