import { ConfigurationError } from '@promote/core/errors';
import type { PromoteConfig } from '@promote/core/config/sections/promote';

export interface Reviewer {
  kind: 'user' | 'team';
  /** Login (user) or team slug (team), as written in config. */
  id: string;
}

export interface RotationPick {
  reviewer: Reviewer | undefined;
  /** Who was passed over on the way and why, for the log and the PR body. */
  skipped: { reviewer: Reviewer; reason: 'away' | 'author' }[];
}

/**
 * The reviewer assigned to a promotion is recorded in its PR body inside the generated block,
 * so the rotation needs no state of its own: the next promotion reads the newest promotion PR's
 * marker (open or closed) and continues after it. Removing someone from config or reordering
 * never breaks it; an unknown last reviewer restarts at the top.
 */
const MARKER = /<!--\s*promote:reviewer=(user|team):([^\s>]+)\s*-->/;

export function reviewerMarker(reviewer: Reviewer | undefined): string {
  return reviewer ? `<!-- promote:reviewer=${reviewer.kind}:${reviewer.id} -->` : '';
}

export function readReviewerMarker(body: string | null | undefined): Reviewer | undefined {
  const m = MARKER.exec(body ?? '');
  if (!m) return undefined;
  return { kind: m[1] as Reviewer['kind'], id: m[2] ?? '' };
}

export function formatReviewer(reviewer: Reviewer, owner: string): string {
  return reviewer.kind === 'user' ? `@${reviewer.id}` : `@${owner}/${reviewer.id}`;
}

const same = (a: Reviewer, b: Reviewer) =>
  a.kind === b.kind && a.id.toLowerCase() === b.id.toLowerCase();

/** The rotation order: users first, then teams, each taking one turn. */
export function rotationOrder(config: PromoteConfig['reviewers']): Reviewer[] {
  return [
    ...config.users.map((id) => ({ kind: 'user' as const, id: id.replace(/^@/, '') })),
    ...config.teams.map((id) => ({
      kind: 'team' as const,
      id: id.replace(/^@/, '').replace(/^[^/]+\//, ''),
    })),
  ];
}

/**
 * Round-robin: the first eligible entry after `last` in rotation order, wrapping around.
 * Never an author (the actor who pressed "promote", the last committer): GitHub refuses a
 * review request from a PR's own author, and a self-review is no review. People in `away`
 * are skipped. With `required`, nobody eligible is a configuration error raised before any write.
 */
export function pickReviewer(input: {
  config: PromoteConfig['reviewers'];
  last: Reviewer | undefined;
  authors: string[];
}): RotationPick {
  const order = rotationOrder(input.config);
  const away = new Set(input.config.away.map((a) => a.replace(/^@/, '').toLowerCase()));
  const authors = new Set(input.authors.filter(Boolean).map((a) => a.toLowerCase()));
  if (order.length === 0) {
    if (input.config.required) {
      throw new ConfigurationError(
        'open-promote-pr: promote.reviewers.required is true but the rotation is empty; ' +
          'list logins under promote.reviewers.users (or team slugs under promote.reviewers.teams) in .github/promotion.yml.',
      );
    }
    return { reviewer: undefined, skipped: [] };
  }
  const lastIndex = input.last ? order.findIndex((r) => same(r, input.last as Reviewer)) : -1;
  const skipped: RotationPick['skipped'] = [];
  for (let step = 1; step <= order.length; step += 1) {
    const candidate = order[(lastIndex + step + order.length) % order.length] as Reviewer;
    if (away.has(candidate.id.toLowerCase())) {
      skipped.push({ reviewer: candidate, reason: 'away' });
    } else if (candidate.kind === 'user' && authors.has(candidate.id.toLowerCase())) {
      skipped.push({ reviewer: candidate, reason: 'author' });
    } else {
      return { reviewer: candidate, skipped };
    }
  }
  if (input.config.required) {
    const why = skipped.map((s) => `${s.reviewer.id} (${s.reason})`).join(', ');
    throw new ConfigurationError(
      `open-promote-pr: promote.reviewers.required is true but nobody in the rotation can review this promotion: ${why}; ` +
        'add reviewers to promote.reviewers.users or remove someone from promote.reviewers.away.',
    );
  }
  return { reviewer: undefined, skipped };
}
