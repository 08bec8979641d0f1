import { ConfigurationError } from '@promote/core/errors';
import { wallClock } from '@promote/core/time';
import { TITLE_LIMIT } from '@promote/core/github/limits';
import { untrusted } from '@promote/core/untrusted-text';
import type { PromoteConfig } from '@promote/core/config/sections/promote';
import { isBranchOfName, promotionBranch, type PromotionName } from './name.js';
import type { SnapshotMarker } from './app-snapshot.js';

/** An open PR into production whose head is a promotion branch (any name). */
export interface OpenPromotionPr {
  number: number;
  url: string;
  title: string;
  headRef: string;
  headSha: string;
  body: string;
  /** Head is staging's SHA or an ancestor of it (compare head...staging is identical or ahead). */
  containedInStaging: boolean;
  /** What the PR already has, so a re-run with nothing new writes nothing. */
  labels?: string[];
  assignees?: string[];
  requestedReviewers?: string[];
  requestedTeams?: string[];
  /** One app's promotion: what the head commit (made by this action) snapshots. */
  snapshot?: SnapshotMarker;
}

/** A snapshot branch of this name that no PR ever used: what a run that failed mid-way left behind. */
export interface LeftoverBranch {
  ref: string;
  sha: string;
  containedInStaging: boolean;
  snapshot?: SnapshotMarker;
}

/** What the planner needs, read once from GitHub. */
export interface PromotionFacts {
  name: PromotionName;
  production: { branch: string; sha: string };
  staging: { branch: string; sha: string };
  /** Commits on staging not on production (compare production...staging). */
  aheadBy: number;
  openPromotions: OpenPromotionPr[];
  leftoverBranch?: LeftoverBranch;
  now: Date;
}

export type RefMove = 'create' | 'fast-forward' | 'none';

export type PromotionPlan =
  | { operation: 'none'; message: string; headSha: string; supersede: [] }
  | {
      operation: 'create' | 'update';
      message: string;
      branch: string;
      headSha: string;
      /** How the branch gets to headSha: created, fast-forwarded (never forced), or already there. */
      refMove: RefMove;
      /** The PR being updated (operation update). */
      pr?: OpenPromotionPr;
      title: string;
      supersede: OpenPromotionPr[];
      /**
       * One app's promotion: the branch moves to a new snapshot commit (made on apply) on these
       * parents: the target alone for a new branch; the branch's head and the target to move an
       * existing one forward (a fast-forward that brings the target's newer commits in).
       */
      snapshot?: { parents: string[] };
    };

export interface PlanOptions {
  config: PromoteConfig;
  /** Added after the rendered title: the stages and the app ('' or absent for the classic pair). */
  titleSuffix?: string;
  /** One app's promotion (its branches hold snapshot commits, judged by their marker). */
  app?: string;
}

const short = (sha: string) => sha.slice(0, 7);

export function renderTitle(
  template: string,
  values: { name: string; date: string; staging: string; production: string; sha: string },
): string {
  return template.replace(
    /\{(name|date|staging|production|sha)\}/g,
    (_m, key: keyof typeof values) => values[key],
  );
}

/**
 * Decides what this run does, from facts only (no network):
 * - nothing ahead of production: no branch, no PR;
 * - an open promotion PR of this name exists: update it. GitHub cannot change a PR's head
 *   branch, so the PR keeps its branch (whose date stamp is the first snapshot's) and the branch
 *   is fast-forwarded to staging. A branch with commits staging does not have is refused, never
 *   force-pushed over (someone pushed review fixes there, or staging was rewritten);
 * - otherwise create promote/<name>-<stamp> at staging, reusing a leftover branch of this name
 *   from a run that failed before opening its PR, so a re-run opens exactly one PR.
 */
export function planPromotion(
  facts: PromotionFacts,
  { config, titleSuffix = '', app }: PlanOptions,
): PromotionPlan {
  const { production, staging, name } = facts;
  // Whether a branch head already promotes what this run would: the source SHA itself, or for an
  // app a snapshot of this source SHA on this target SHA.
  const upToDate = (head: { sha: string; snapshot?: SnapshotMarker }) =>
    app === undefined
      ? head.sha === staging.sha
      : head.snapshot?.source === staging.sha && head.snapshot.target === production.sha;
  const snapshot = (refMove: RefMove, oldHead?: string) =>
    app === undefined || refMove === 'none'
      ? {}
      : { snapshot: { parents: oldHead ? [oldHead, production.sha] : [production.sha] } };
  if (facts.aheadBy === 0) {
    return {
      operation: 'none',
      message: `Nothing ahead of production: ${staging.branch} (${short(staging.sha)}) is already in ${production.branch} (${short(production.sha)}); no branch, no PR.`,
      headSha: staging.sha,
      supersede: [],
    };
  }
  const prefix = config['branch-prefix'];
  const mine = facts.openPromotions
    .filter((pr) => isBranchOfName(pr.headRef, prefix, name))
    .sort((a, b) => a.number - b.number);
  const others = facts.openPromotions.filter((pr) => !isBranchOfName(pr.headRef, prefix, name));
  const superseded = config['close-superseded'] ? others.filter((pr) => pr.containedInStaging) : [];
  const local = wallClock(facts.now, config.timezone);
  const rendered = renderTitle(config.title, {
    name: name.given,
    date: `${local.date} ${local.time}`,
    staging: staging.branch,
    production: production.branch,
    sha: short(staging.sha),
  });
  const title = untrusted(`${rendered}${titleSuffix}`, 'plain');
  if (title.length > TITLE_LIMIT) {
    throw new ConfigurationError(
      `open-promote-pr: the PR title would be ${title.length} characters long; GitHub allows ${TITLE_LIMIT}. ` +
        `It is promote.title (${JSON.stringify(config.title)}) with the promotion name (input \`name\` or promote.name, ` +
        `${name.given.length} characters): shorten the name or the title template. Nothing was changed.`,
    );
  }

  const [existing, ...duplicates] = mine;
  if (existing) {
    if (!existing.containedInStaging && app !== undefined) {
      throw new ConfigurationError(
        `open-promote-pr: PR #${existing.number} (${existing.headRef}) has a head that is not a snapshot of app ${app} made by open-promote-pr ` +
          `(someone pushed to it), so moving it would drop those commits. Nothing was changed. ` +
          `Put those changes on ${staging.branch} first, or close PR #${existing.number} and run again to open a fresh promotion.`,
      );
    }
    if (!existing.containedInStaging) {
      throw new ConfigurationError(
        `open-promote-pr: PR #${existing.number} (${existing.headRef}) has commits that are not on ${staging.branch}: ` +
          `its head ${short(existing.headSha)} is not an ancestor of ${staging.branch} (${short(staging.sha)}), so moving it would drop them. ` +
          `Nothing was changed. Put those commits on ${staging.branch} first, or close PR #${existing.number} and run again to open a fresh promotion.`,
      );
    }
    const refMove: RefMove = upToDate({
      sha: existing.headSha,
      ...(existing.snapshot ? { snapshot: existing.snapshot } : {}),
    })
      ? 'none'
      : 'fast-forward';
    return {
      operation: 'update',
      message:
        refMove === 'none'
          ? `PR #${existing.number} already has ${staging.branch} at ${short(staging.sha)}; refreshing its description.`
          : `Moving ${existing.headRef} from ${short(existing.headSha)} to ${staging.branch} at ${short(staging.sha)} (fast-forward) for PR #${existing.number}.`,
      branch: existing.headRef,
      headSha: staging.sha,
      refMove,
      pr: existing,
      title: existing.title,
      // Two open PRs of one name only happen when two runs raced; keep the oldest.
      supersede: [...duplicates, ...superseded],
      ...snapshot(refMove, existing.headSha),
    };
  }

  const leftover = facts.leftoverBranch;
  if (leftover && leftover.containedInStaging) {
    const refMove: RefMove = upToDate(leftover) ? 'none' : 'fast-forward';
    return {
      operation: 'create',
      message: `Reusing ${leftover.ref} (left by an earlier run that did not open its PR) at ${staging.branch} ${short(staging.sha)}.`,
      branch: leftover.ref,
      headSha: staging.sha,
      refMove,
      title,
      supersede: [...duplicates, ...superseded],
      ...snapshot(refMove, leftover.sha),
    };
  }
  const branch = promotionBranch(prefix, name, facts.now, config.timezone);
  if (leftover && leftover.ref === branch) {
    throw new ConfigurationError(
      `open-promote-pr: branch ${branch} already exists at ${short(leftover.sha)}, which is not on ${staging.branch}; ` +
        'refusing to overwrite it. Delete that branch or wait a minute for a new snapshot name.',
    );
  }
  return {
    operation: 'create',
    message: `Snapshotting ${staging.branch} to ${branch} at ${short(staging.sha)}.`,
    branch,
    headSha: staging.sha,
    refMove: 'create',
    title,
    supersede: [...duplicates, ...superseded],
    ...snapshot('create'),
  };
}
