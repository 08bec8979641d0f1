import { ConfigurationError } from '@promote/core/errors';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { hasStatus } from '@promote/core/github/request-errors';
import { COMPARE_FILE_LIMIT, compareCommits, isAncestorOf } from '@promote/core/github/compare';
import type { PromoteConfig } from '@promote/core/config/sections/promote';
import type { CommitFact } from './body.js';
import { isBranchOfName, type PromotionName } from './name.js';
import type { LeftoverBranch, OpenPromotionPr, PromotionFacts } from './plan.js';
import { readReviewerMarker, type Reviewer } from './rotation.js';
import type { ReadyChoice } from './ready-commit.js';
import { readSnapshotMarker, type SnapshotMarker } from './app-snapshot.js';

/** Everything read from GitHub before planning: the plan's facts plus what the body shows. */
export interface GatheredFacts extends PromotionFacts {
  commits: CommitFact[];
  files: string[];
  /** Files the promotion changes, with GitHub's status (added, modified, renamed …). */
  changedFiles: { filename: string; status: string }[];
  filesMaybeTruncated: boolean;
  /** Logins of the last commit's author and committer: never asked to review their own change. */
  lastCommitters: string[];
  /** Declared stages: why the promoted commit may leave the source stage (its seal and soak). */
  readyVerdict?: string;
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

/** Nothing on the source stage may move on yet (declared stages: not deployed, sealed or soaked). */
export interface NotReady {
  notReady: Extract<ReadyChoice, { ready: false }>;
  production: { branch: string; sha: string };
  staging: { branch: string; sha: string };
  aheadBy: number;
}

export async function gatherFacts(input: {
  gh: GitHubClient;
  repo: RepoRef;
  config: PromoteConfig;
  name: PromotionName;
  productionBranch: string;
  stagingBranch: string;
  now: Date;
  /**
   * Declared stages: which commit of the source may move on, given the commits ahead of the
   * target (oldest first). Without it the tip of the source branch is promoted, as before.
   */
  chooseHead?: (ahead: string[]) => Promise<ReadyChoice>;
  /**
   * One app's promotion: its snapshot branches hold commits made by this action (recorded in
   * the commit message), never source commits, so those are what an existing branch is judged by.
   */
  app?: string;
}): Promise<GatheredFacts | NotReady> {
  const { gh, repo, config, name } = input;
  const prefix = config['branch-prefix'];
  const productionSha = await branchSha(
    gh,
    repo,
    input.productionBranch,
    'production',
    'branches.production',
  );
  const tipSha = await branchSha(gh, repo, input.stagingBranch, 'staging', 'branches.staging');
  let stagingSha = tipSha;
  let readyVerdict: string | undefined;
  let compare = await readCompare(gh, repo, productionSha, tipSha);
  if (input.chooseHead && compare.aheadBy > 0) {
    const choice = await input.chooseHead(compare.commits.map((c) => c.sha));
    if (!choice.ready)
      return {
        notReady: choice,
        production: { branch: input.productionBranch, sha: productionSha },
        staging: { branch: input.stagingBranch, sha: tipSha },
        aheadBy: compare.aheadBy,
      };
    readyVerdict = choice.verdict.text;
    if (choice.sha !== tipSha) {
      stagingSha = choice.sha;
      compare = await readCompare(gh, repo, productionSha, stagingSha);
    }
  }
  const owns = async (
    headSha: string,
  ): Promise<{ contained: boolean; snapshot?: SnapshotMarker }> => {
    if (input.app === undefined)
      return {
        contained:
          compare.aheadBy === 0 ? false : await isAncestorOf(gh, repo, headSha, stagingSha),
      };
    const snapshot = await snapshotAt(gh, repo, headSha);
    return { contained: snapshot?.app === input.app, ...(snapshot ? { snapshot } : {}) };
  };

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
    const held = compare.aheadBy === 0 ? { contained: false } : await owns(pr.head.sha);
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
      containedInStaging: held.contained,
      ...(held.snapshot ? { snapshot: held.snapshot } : {}),
    });
  }

  let leftoverBranch: LeftoverBranch | undefined;
  const hasOwn = openPromotions.some((pr) => isBranchOfName(pr.headRef, prefix, name));
  if (!hasOwn && compare.aheadBy > 0)
    leftoverBranch = await findLeftover(gh, repo, prefix, name, owns);

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
    ...(readyVerdict ? { readyVerdict } : {}),
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
  owns: (sha: string) => Promise<{ contained: boolean; snapshot?: SnapshotMarker }>,
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
  const held = await owns(newest.sha);
  return {
    ...newest,
    containedInStaging: held.contained,
    ...(held.snapshot ? { snapshot: held.snapshot } : {}),
  };
}

/** The snapshot marker of the commit at `sha` (one request), if this action made it. */
async function snapshotAt(
  gh: GitHubClient,
  repo: RepoRef,
  sha: string,
): Promise<SnapshotMarker | undefined> {
  const { data } = await gh.rest.git.getCommit({ ...repo, commit_sha: sha });
  return readSnapshotMarker(data.message);
}

/**
 * The reviewer recorded in the newest promotion PR (open or closed) that has one: where the
 * round-robin continues. Reads newest first and stops at the first marker.
 */
export async function lastAssignedReviewer(
  gh: GitHubClient,
  repo: RepoRef,
  prefix: string,
  /** Only PRs whose body this accepts (an app with its own rotation: that app's PRs). */
  accepts: (body: string) => boolean = () => true,
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
      if (!pr.head.ref.startsWith(prefix) || !accepts(pr.body ?? '')) continue;
      const reviewer = readReviewerMarker(pr.body);
      if (reviewer) return reviewer;
    }
    pages += 1;
    if (pages >= MAX_HISTORY_PAGES) break;
  }
  return undefined;
}
