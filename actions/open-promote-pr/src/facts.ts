import { ConfigurationError } from '@promote/core/errors';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { hasStatus } from '@promote/core/github/request-errors';
import { COMPARE_FILE_LIMIT, compareCommits, isAncestorOf } from '@promote/core/github/compare';
import type { PromoteConfig } from '@promote/core/config/sections/promote';
import type { CommitFact } from './body.js';
import { isBranchOfName, type PromotionName } from './name.js';
import type { LeftoverBranch, OpenPromotionPr, PromotionFacts } from './plan.js';
import { readReviewerMarker, type Reviewer } from './rotation.js';

/** Everything read from GitHub before planning: the plan's facts plus what the body shows. */
export interface GatheredFacts extends PromotionFacts {
  commits: CommitFact[];
  files: string[];
  /** Files the promotion changes, with GitHub's status (added, modified, renamed …). */
  changedFiles: { filename: string; status: string }[];
  filesMaybeTruncated: boolean;
  /** Logins of the last commit's author and committer: never asked to review their own change. */
  lastCommitters: string[];
}

// Rotation history: newest promotion PRs first, at most this many pages of 100.
const MAX_HISTORY_PAGES = 10;

async function branchSha(
  gh: GitHubClient,
  repo: RepoRef,
  branch: string,
  role: string,
  key: string,
): Promise<string> {
  try {
    const { data } = await gh.rest.repos.getBranch({ ...repo, branch });
    return data.commit.sha;
  } catch (error) {
    if (hasStatus(error, 404)) {
      throw new ConfigurationError(
        `open-promote-pr: the ${role} branch "${branch}" does not exist in ${repo.owner}/${repo.repo}; ` +
          `set ${key} in .github/promotion.yml (or the matching input) to an existing branch.`,
      );
    }
    throw error;
  }
}

/**
 * What production...staging holds: every commit (pages of 100 following the Link header), the
 * files (first page, at most 300), and who made the newest commit.
 */
async function readCompare(gh: GitHubClient, repo: RepoRef, base: string, head: string) {
  const comparison = await compareCommits(gh, repo, base, head);
  const newest = comparison.commits.at(-1);
  return {
    aheadBy: comparison.aheadBy,
    commits: comparison.commits.map((c): CommitFact => ({ sha: c.sha, message: c.message })),
    files: comparison.files.map((f) => f.filename),
    changedFiles: comparison.files.map((f) => ({ filename: f.filename, status: f.status })),
    last: { author: newest?.authorLogin, committer: newest?.committerLogin },
  };
}

export async function gatherFacts(input: {
  gh: GitHubClient;
  repo: RepoRef;
  config: PromoteConfig;
  name: PromotionName;
  productionBranch: string;
  stagingBranch: string;
  now: Date;
}): Promise<GatheredFacts> {
  const { gh, repo, config, name } = input;
  const prefix = config['branch-prefix'];
  const productionSha = await branchSha(
    gh,
    repo,
    input.productionBranch,
    'production',
    'branches.production',
  );
  const stagingSha = await branchSha(gh, repo, input.stagingBranch, 'staging', 'branches.staging');
  const compare = await readCompare(gh, repo, productionSha, stagingSha);

  const open = await gh.paginate(gh.rest.pulls.list, {
    ...repo,
    state: 'open',
    base: input.productionBranch,
    per_page: 100,
  });
  const openPromotions: OpenPromotionPr[] = [];
  for (const pr of open) {
    if (!pr.head.ref.startsWith(prefix) || pr.head.repo?.full_name !== `${repo.owner}/${repo.repo}`)
      continue;
    openPromotions.push({
      number: pr.number,
      url: pr.html_url,
      title: pr.title,
      headRef: pr.head.ref,
      headSha: pr.head.sha,
      body: pr.body ?? '',
      labels: pr.labels.map((l) => l.name ?? '').filter(Boolean),
      assignees: (pr.assignees ?? []).map((a) => a.login),
      requestedReviewers: (pr.requested_reviewers ?? []).map((u) => u.login),
      requestedTeams: (pr.requested_teams ?? []).map((t) => t.slug),
      containedInStaging:
        compare.aheadBy === 0 ? false : await isAncestorOf(gh, repo, pr.head.sha, stagingSha),
    });
  }

  let leftoverBranch: LeftoverBranch | undefined;
  const hasOwn = openPromotions.some((pr) => isBranchOfName(pr.headRef, prefix, name));
  if (!hasOwn && compare.aheadBy > 0)
    leftoverBranch = await findLeftover(gh, repo, prefix, name, stagingSha);

  return {
    name,
    production: { branch: input.productionBranch, sha: productionSha },
    staging: { branch: input.stagingBranch, sha: stagingSha },
    aheadBy: compare.aheadBy,
    openPromotions,
    leftoverBranch,
    now: input.now,
    commits: compare.commits,
    files: compare.files,
    changedFiles: compare.changedFiles,
    filesMaybeTruncated: compare.files.length >= COMPARE_FILE_LIMIT,
    lastCommitters: [compare.last.author, compare.last.committer].filter(
      (l): l is string => !!l && l !== 'web-flow',
    ),
  };
}

/**
 * The newest snapshot branch of this name that no PR (open or closed) ever used: a run that
 * created its branch and then failed before the PR existed. Reusing it keeps a re-run from
 * leaving a second branch behind.
 */
async function findLeftover(
  gh: GitHubClient,
  repo: RepoRef,
  prefix: string,
  name: PromotionName,
  stagingSha: string,
): Promise<LeftoverBranch | undefined> {
  const refs = await gh.paginate(gh.rest.git.listMatchingRefs, {
    ...repo,
    ref: `heads/${prefix}${name.slug}-`,
    per_page: 100,
  });
  const candidates = refs
    .map((r) => ({ ref: r.ref.replace(/^refs\/heads\//, ''), sha: r.object.sha }))
    .filter((r) => isBranchOfName(r.ref, prefix, name))
    .sort((a, b) => (a.ref < b.ref ? 1 : -1));
  const newest = candidates[0];
  if (!newest) return undefined;
  const prs = await gh.rest.pulls.list({
    ...repo,
    state: 'all',
    head: `${repo.owner}:${newest.ref}`,
    per_page: 1,
  });
  if (prs.data.length > 0) return undefined;
  return { ...newest, containedInStaging: await isAncestorOf(gh, repo, newest.sha, stagingSha) };
}

/**
 * The reviewer recorded in the newest promotion PR (open or closed) that has one: where the
 * round-robin continues. Reads newest first and stops at the first marker.
 */
export async function lastAssignedReviewer(
  gh: GitHubClient,
  repo: RepoRef,
  prefix: string,
): Promise<Reviewer | undefined> {
  let pages = 0;
  for await (const { data } of gh.paginate.iterator(gh.rest.pulls.list, {
    ...repo,
    state: 'all',
    sort: 'created',
    direction: 'desc',
    per_page: 100,
  })) {
    for (const pr of data) {
      if (!pr.head.ref.startsWith(prefix)) continue;
      const reviewer = readReviewerMarker(pr.body);
      if (reviewer) return reviewer;
    }
    pages += 1;
    if (pages >= MAX_HISTORY_PAGES) break;
  }
  return undefined;
}
