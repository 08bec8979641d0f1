import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { hasStatus } from '@promote/core/github/request-errors';
import type { CommitInfo, ReleaseHistory, TagInfo } from './history.js';

/** GitHub's compare answers at most 250 commits per page (FIELD-NOTES). */
const COMPARE_PAGE = 250;
const PAGE_CONCURRENCY = 4;

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
        const all = await gh.paginate(gh.rest.repos.listCommits, {
          ...repo,
          sha: targetSha,
          per_page: 100,
        });
        for (const c of all)
          out.push({ sha: c.sha, message: c.commit.message, parents: c.parents.map((p) => p.sha) });
        return out;
      }
      const fetchPage = async (page: number) => {
        const { data } = await gh.rest.repos.compareCommitsWithBasehead({
          ...repo,
          basehead: `${baseSha}...${targetSha}`,
          per_page: COMPARE_PAGE,
          page,
        });
        return data;
      };
      const first = await fetchPage(1);
      const pages: (typeof first)['commits'][] = [first.commits];
      const total = Math.ceil(first.total_commits / COMPARE_PAGE);
      // The first page says how many there are: fetch the rest a few at a time (latency-bound;
      // well under GitHub's 100 concurrent requests).
      for (let next = 2; next <= total; next += PAGE_CONCURRENCY) {
        const batch = [];
        for (let p = next; p < next + PAGE_CONCURRENCY && p <= total; p++) batch.push(fetchPage(p));
        for (const data of await Promise.all(batch)) pages.push(data.commits);
      }
      for (const commits of pages) {
        for (const c of commits)
          out.push({ sha: c.sha, message: c.commit.message, parents: c.parents.map((p) => p.sha) });
      }
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
