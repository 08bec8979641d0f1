import { ConfigurationError } from '@promote/core/errors';
import { wallClock } from '@promote/core/time';
import { TITLE_LIMIT } from '@promote/core/github/limits';
import { untrusted } from '@promote/core/untrusted-text';
import type { PromoteConfig } from '@promote/core/config/sections/promote';
import { isBranchOfName, promotionBranch, type PromotionName } from './name.js';

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
}

/** A snapshot branch of this name that no PR ever used: what a run that failed mid-way left behind. */
export interface LeftoverBranch {
  ref: string;
  sha: string;
  containedInStaging: boolean;
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
    };

export interface PlanOptions {
  config: PromoteConfig;
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
export function planPromotion(facts: PromotionFacts, { config }: PlanOptions): PromotionPlan {
  const { production, staging, name } = facts;
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
  const title = untrusted(rendered, 'plain');
  if (title.length > TITLE_LIMIT) {
    throw new ConfigurationError(
      `open-promote-pr: the PR title would be ${title.length} characters long; GitHub allows ${TITLE_LIMIT}. ` +
        `It is promote.title (${JSON.stringify(config.title)}) with the promotion name (input \`name\` or promote.name, ` +
        `${name.given.length} characters): shorten the name or the title template. Nothing was changed.`,
    );
  }

  const [existing, ...duplicates] = mine;
  if (existing) {
    if (!existing.containedInStaging) {
      throw new ConfigurationError(
        `open-promote-pr: PR #${existing.number} (${existing.headRef}) has commits that are not on ${staging.branch}: ` +
          `its head ${short(existing.headSha)} is not an ancestor of ${staging.branch} (${short(staging.sha)}), so moving it would drop them. ` +
          `Nothing was changed. Put those commits on ${staging.branch} first, or close PR #${existing.number} and run again to open a fresh promotion.`,
      );
    }
    const refMove: RefMove = existing.headSha === staging.sha ? 'none' : 'fast-forward';
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
    };
  }

  const leftover = facts.leftoverBranch;
  if (leftover && leftover.containedInStaging) {
    return {
      operation: 'create',
      message: `Reusing ${leftover.ref} (left by an earlier run that did not open its PR) at ${staging.branch} ${short(staging.sha)}.`,
      branch: leftover.ref,
      headSha: staging.sha,
      refMove: leftover.sha === staging.sha ? 'none' : 'fast-forward',
      title,
      supersede: [...duplicates, ...superseded],
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
  };
}
