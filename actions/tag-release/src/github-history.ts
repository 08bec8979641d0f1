import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { compareCommits, isAncestorOf } from '@promote/core/github/compare';
import { hasStatus } from '@promote/core/github/request-errors';
import type { CommitInfo, ReleaseHistory, TagInfo } from './history.js';

/**
 * ReleaseHistory through the REST API. Requests for a release with N commits since the last tag
 * and T tags: ceil(T/100) tag pages + one compare per ancestry check (highest first, usually 1)
 * + ceil(N/100) compare pages, followed through the Link header (+ one per PR when labels
 * decide the bump).
 */
export function githubReleaseHistory(gh: GitHubClient, repo: RepoRef): ReleaseHistory {
  return {
    async listTags(): Promise<TagInfo[]> {
      // repos.listTags gives the peeled commit SHA of annotated tags, so no per-tag lookup.
      const tags = await gh.paginate(gh.rest.repos.listTags, { ...repo, per_page: 100 });
      return tags.map((t) => ({ name: t.name, sha: t.commit.sha }));
    },

    isAncestor(ancestorSha: string, targetSha: string): Promise<boolean> {
      return isAncestorOf(gh, repo, ancestorSha, targetSha);
    },

    async commitsBetween(baseSha: string | null, targetSha: string): Promise<CommitInfo[]> {
      const out: CommitInfo[] = [];
      if (baseSha === null) {
        const all = await gh.paginate(gh.rest.repos.listCommits, {
          ...repo,
          sha: targetSha,
          per_page: 100,
        });
        for (const c of all)
          out.push({ sha: c.sha, message: c.commit.message, parents: c.parents.map((p) => p.sha) });
        return out;
      }
      const { commits } = await compareCommits(gh, repo, baseSha, targetSha);
      for (const c of commits) out.push({ sha: c.sha, message: c.message, parents: c.parents });
      return out;
    },

    async pullRequestLabels(numbers: number[]): Promise<Map<number, string[]>> {
      const out = new Map<number, string[]>();
      for (const n of numbers) {
        try {
          const { data } = await gh.rest.issues.get({ ...repo, issue_number: n });
          out.set(
            n,
            data.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
          );
        } catch (error) {
          // "(#123)" in a message may name an issue of another repository or a deleted PR.
          if (hasStatus(error, 404) || hasStatus(error, 410)) continue;
          throw error;
        }
      }
      return out;
    },
  };
}
