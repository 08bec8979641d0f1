import { ConfigurationError } from '@promote/core/errors';
import { wallClock } from '@promote/core/time';

export interface PromotionName {
  /** What the user typed (input `name` or config `promote.name`). */
  given: string;
  /** The ref-safe form used in branch names; equal to `given` when nothing had to change. */
  slug: string;
}

/**
 * Turns a free-text promotion name ("Sprint 15: beneficiary") into one ref segment that passes
 * `git check-ref-format` ("sprint-15-beneficiary"): lower case so "Sprint 15" and "sprint 15"
 * are the same promotion; every run of characters git refuses (space, ~ ^ : ? * [ \ control,
 * "..", "@{", "/") becomes one "-"; no leading/trailing "-" or "."; no ".lock" suffix.
 * A name with nothing left is refused rather than silently replaced.
 */
export function sanitizePromotionName(given: string): PromotionName {
  const slug = given
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .replace(/\.lock$/, '-lock')
    .slice(0, 80)
    .replace(/[-.]+$/g, '');
  if (!slug) {
    throw new ConfigurationError(
      `open-promote-pr: the promotion name "${given}" has no letters or digits left after making it a branch name; ` +
        'set the `name` input (or promote.name in .github/promotion.yml) to something like "sprint-15".',
    );
  }
  return { given, slug };
}

/** yyyymmdd-hhmm in the configured zone: the snapshot stamp in promote/<name>-<stamp>. */
export function snapshotStamp(now: Date, timezone: string): string {
  const local = wallClock(now, timezone);
  return `${local.date.replace(/-/g, '')}-${local.time.replace(':', '')}`;
}

export function promotionBranch(
  prefix: string,
  name: PromotionName,
  now: Date,
  timezone: string,
): string {
  return `${prefix}${name.slug}-${snapshotStamp(now, timezone)}`;
}

/** Whether a head ref is a snapshot branch of this promotion name (and not of "name-longer"). */
export function isBranchOfName(ref: string, prefix: string, name: PromotionName): boolean {
  if (!ref.startsWith(`${prefix}${name.slug}-`)) return false;
  return /^\d{8}-\d{4}$/.test(ref.slice(prefix.length + name.slug.length + 1));
}

/** The promotion name slug encoded in a snapshot branch, or undefined for other branches. */
export function nameOfBranch(ref: string, prefix: string): string | undefined {
  if (!ref.startsWith(prefix)) return undefined;
  const m = /^(.+)-\d{8}-\d{4}$/.exec(ref.slice(prefix.length));
  return m?.[1];
}
