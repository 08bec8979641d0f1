// Comparing two commits through the REST API, the one way every action does it.
//
// GitHub's OpenAPI description caps `per_page` at 100 ("The number of results per page (max
// 100)"); without page/per_page the compare answers at most 250 commits. So: ask for pages of
// 100 and follow the Link header's rel="next" until there is none, never compute the page count
// from a page size (https://docs.github.com/en/rest/commits/commits#compare-two-commits,
// https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api).
// The file list comes with the first page only and stops at 300 files for the whole comparison.
import type { GitHubClient, RepoRef } from './client.js';
import { hasStatus } from './request-errors.js';

/** GitHub's documented maximum `per_page`. */
const COMPARE_PAGE_SIZE = 100;
/** Compare lists at most this many files for the whole comparison: exactly this many may be cut. */
export const COMPARE_FILE_LIMIT = 300;

export interface ComparedCommit {
  sha: string;
  message: string;
  parents: string[];
  /** GitHub logins of the author and committer, when GitHub matched them to an account. */
  authorLogin?: string;
  committerLogin?: string;
}

export interface Comparison {
  status: 'diverged' | 'ahead' | 'behind' | 'identical';
  aheadBy: number;
  behindBy: number;
  totalCommits: number;
  /** Every commit of base...head, oldest first. */
  commits: ComparedCommit[];
  /** The changed files (first page; at most COMPARE_FILE_LIMIT). */
  files: { filename: string; status: string }[];
}

/** The URL of rel="next" in an RFC 8288 Link header, if any. */
function nextPageUrl(link: string | undefined): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

type ComparePage = Awaited<ReturnType<GitHubClient['rest']['repos']['compareCommitsWithBasehead']>>;

/**
 * Every commit between `base` and `head` (git's base..head), oldest first, in pages of 100 that
 * follow the Link header. Throws when GitHub's pages end before `total_commits` commits were
 * read, rather than return a history with commits missing.
 */
export async function compareCommits(
  gh: GitHubClient,
  repo: RepoRef,
  base: string,
  head: string,
): Promise<Comparison> {
  const first: ComparePage = await gh.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${base}...${head}`,
    per_page: COMPARE_PAGE_SIZE,
    page: 1,
  });
  const { data } = first;
  const commits: ComparedCommit[] = [];
  const take = (page: ComparePage['data']) => {
    for (const c of page.commits) {
      commits.push({
        sha: c.sha,
        message: c.commit.message,
        parents: c.parents.map((p) => p.sha),
        ...(c.author?.login ? { authorLogin: c.author.login } : {}),
        ...(c.committer?.login ? { committerLogin: c.committer.login } : {}),
      });
    }
  };
  take(data);
  let next = nextPageUrl(first.headers.link);
  const seen = new Set<string>();
  while (next && !seen.has(next)) {
    seen.add(next);
    const page = (await gh.request({ method: 'GET', url: next })) as ComparePage;
    if (!page.data.commits.length) break;
    take(page.data);
    next = nextPageUrl(page.headers.link);
  }
  if (commits.length < data.total_commits) {
    throw new Error(
      `GitHub's compare of ${base.slice(0, 12)}...${head.slice(0, 12)} listed ${commits.length} of ` +
        `${data.total_commits} commits (its pages ended early); re-run the job, and report it if it persists.`,
    );
  }
  return {
    status: data.status,
    aheadBy: data.ahead_by,
    behindBy: data.behind_by,
    totalCommits: data.total_commits,
    commits,
    files: (data.files ?? []).map((f) => ({ filename: f.filename, status: f.status })),
  };
}

/**
 * Whether `ancestorSha` is `targetSha` or one of its ancestors (compare's behind_by 0). No common
 * history (404, e.g. an orphan branch's tag, or a commit gone with a rewritten branch) is false.
 */
export async function isAncestorOf(
  gh: GitHubClient,
  repo: RepoRef,
  ancestorSha: string,
  targetSha: string,
): Promise<boolean> {
  if (ancestorSha === targetSha) return true;
  try {
    const { data } = await gh.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${ancestorSha}...${targetSha}`,
      per_page: 1,
    });
    return data.behind_by === 0;
  } catch (error) {
    if (hasStatus(error, 404)) return false;
    throw error;
  }
}

/**
 * The files base...head changes (one request: files come with the first page only).
 * `maybeTruncated`: GitHub listed its maximum, so the difference may be larger.
 */
export async function compareFiles(
  gh: GitHubClient,
  repo: RepoRef,
  base: string,
  head: string,
): Promise<{ files: { filename: string; status: string }[]; maybeTruncated: boolean }> {
  const { data } = await gh.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${base}...${head}`,
    per_page: 1,
  });
  const files = (data.files ?? []).map((f) => ({ filename: f.filename, status: f.status }));
  return { files, maybeTruncated: files.length >= COMPARE_FILE_LIMIT };
}
