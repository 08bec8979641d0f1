import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { hasStatus } from '@promote/core/github/request-errors';
import type { CommitInfo, ReleaseHistory, TagInfo } from './history.js';

/** GitHub's compare answers at most 250 commits per page (FIELD-NOTES). */
const COMPARE_PAGE = 250;

/**
 * ReleaseHistory through the REST API. Requests for a release with N commits since the last tag
 * and T tags: ceil(T/100) tag pages + one compare per ancestry check (highest first, usually 1)
 * + ceil(N/250) compare pages (+ one per PR when labels decide the bump).
 */
export function githubReleaseHistory(gh: GitHubClient, repo: RepoRef): ReleaseHistory {
  return {
    async listTags(): Promise<TagInfo[]> {
      // repos.listTags gives the peeled commit SHA of annotated tags, so no per-tag lookup.
      const tags = await gh.paginate(gh.rest.repos.listTags, { ...repo, per_page: 100 });
      return tags.map((t) => ({ name: t.name, sha: t.commit.sha }));
    },

    async isAncestor(ancestorSha: string, targetSha: string): Promise<boolean> {
      if (ancestorSha === targetSha) return true;
      try {
        const { data } = await gh.rest.repos.compareCommitsWithBasehead({
          ...repo,
          basehead: `${ancestorSha}...${targetSha}`,
          per_page: 1,
        });
        // base...head: "ahead"/"identical" (behind_by 0) means every base commit is in head.
        return data.behind_by === 0;
      } catch (error) {
        // No common history at all (an orphan branch's tag).
        if (hasStatus(error, 404)) return false;
        throw error;
      }
    },

    async commitsBetween(baseSha: string | null, targetSha: string): Promise<CommitInfo[]> {
      const out: CommitInfo[] = [];
      if (baseSha === null) {
        const all = await gh.paginate(gh.rest.repos.listCommits, { ...repo, sha: targetSha, per_page: 100 });
        for (const c of all) out.push({ sha: c.sha, message: c.commit.message, parents: c.parents.map((p) => p.sha) });
        return out;
      }
      for (let page = 1; ; page++) {
        const { data } = await gh.rest.repos.compareCommitsWithBasehead({
          ...repo,
          basehead: `${baseSha}...${targetSha}`,
          per_page: COMPARE_PAGE,
          page,
        });
        for (const c of data.commits) out.push({ sha: c.sha, message: c.commit.message, parents: c.parents.map((p) => p.sha) });
        if (data.commits.length < COMPARE_PAGE || out.length >= data.total_commits) break;
      }
      return out;
    },

    async pullRequestLabels(numbers: number[]): Promise<Map<number, string[]>> {
      const out = new Map<number, string[]>();
      for (const n of numbers) {
        try {
          const { data } = await gh.rest.issues.get({ ...repo, issue_number: n });
          out.set(n, data.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean));
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
