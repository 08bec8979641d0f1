/*
 * Fixed words of promotion.yml that code outside the schema uses too (the freeze gate's weekdays,
 * the findings gate's severities, the migrate steps, the changelog headings). Kept apart from
 * the sections, which import zod: an action that needs a word loads neither zod nor a schema
 * (issue #18).
 */

/** The sections a stage, an app or an app on a stage may override (never branches, stages, environment). */
export const APP_SECTIONS = [
  'preflight',
  'promote',
  'migrate',
  'smoke',
  'release',
  'notify',
] as const;
export type AppSection = (typeof APP_SECTIONS)[number];

/** Steps a preset knows; each can be overridden with a user argv (`overrides.<step>`). */
export const MIGRATE_STEPS = [
  'backup',
  'verify',
  'migrate',
  'restart',
  'post-check',
  'restore',
  'verify-restore',
  'list',
] as const;
export type MigrateStepName = (typeof MIGRATE_STEPS)[number];

export const MIGRATE_PRESETS = ['frappe', 'd1', 'prisma', 'postgres', 'sqlite', 'command'] as const;
export type MigratePresetName = (typeof MIGRATE_PRESETS)[number];

/** Short weekday keys; the long names (friday) are accepted too. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'note'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Keep a Changelog headings (https://keepachangelog.com/en/1.1.0/), in the order they are printed. */
export const CHANGELOG_HEADINGS = [
  'Added',
  'Changed',
  'Deprecated',
  'Removed',
  'Fixed',
  'Security',
] as const;
export type ChangelogHeading = (typeof CHANGELOG_HEADINGS)[number];
