import * as z from 'zod';
import { lazy } from '../lazy.js';
import { DEFAULT_ROLLBACK_WORKFLOW } from '../../rollback-command.js';
import { LABEL_NAME_LIMIT } from '../../github/limits.js';
import { ianaTimeZone } from '../types.js';

/** Placeholders the PR title template may use; anything else is a config error before any write. */
const PROMOTE_TITLE_PLACEHOLDERS = ['name', 'date', 'staging', 'production', 'sha'] as const;

/** `{word}` tokens of a title template that are not known placeholders. */
function unknownTitlePlaceholders(template: string): string[] {
  const known = new Set<string>(PROMOTE_TITLE_PLACEHOLDERS);
  return [...template.matchAll(/\{([^{}]*)\}/g)]
    .map((m) => m[1] ?? '')
    .filter((word) => !known.has(word));
}

const argv = lazy(() =>
  z
    .array(z.string().min(1))
    .min(1)
    .describe(
      'A command as an argv array (never a shell string), e.g. ["npx", "wrangler", "d1", "migrations", "list", "DB"].',
    ),
);

const reviewersSection = lazy(() =>
  z
    .object({
      users: z
        .array(z.string().min(1))
        .default([])
        .describe('GitHub logins in rotation order (without "@").'),
      teams: z
        .array(z.string().min(1))
        .default([])
        .describe(
          'Team slugs (without the org) that take their turn after the users, requested as team reviewers.',
        ),
      away: z
        .array(z.string().min(1))
        .default([])
        .describe(
          'Logins or team slugs skipped by the rotation (holidays, leave); keep them in `users` so their place is kept.',
        ),
      strategy: z
        .literal('round-robin')
        .default('round-robin')
        .describe(
          'How the next reviewer is chosen: round-robin continues after the reviewer recorded in the newest promotion PR.',
        ),
      required: z
        .boolean()
        .default(false)
        .describe(
          'Fail (before any write) when nobody in the rotation can review: empty, everyone away, or only the author.',
        ),
    })
    .strict(),
);

const migrationsSection = lazy(() =>
  z
    .union([
      z
        .object({
          command: argv().describe(
            'Command whose output lists pending migrations, e.g. ["npx", "wrangler", "d1", "migrations", "list", "DB", "--remote"].',
          ),
          'max-lines': z
            .number()
            .int()
            .positive()
            .default(60)
            .describe('Lines of the command output shown in the PR body.'),
        })
        .strict(),
      z
        .object({
          paths: z
            .array(z.string().min(1))
            .min(1)
            .describe(
              'Globs of migration files; the files the promotion adds that match are listed, and the section says production was not asked.',
            ),
        })
        .strict(),
      z
        .object({
          from: z
            .literal('migrate')
            .describe(
              'The migrations of migrate.preset, read as the preflight migrations gate reads them (preflight.migrations dir and bench-dir apply), from staging: what production has still to run, in order, when this job can ask it (the database URL in migrate.database-url-env, the sqlite file, CLOUDFLARE_API_TOKEN, bench); otherwise the migrations the promotion adds, and the section says it claims no more.',
            ),
        })
        .strict(),
    ])
    .describe(
      'Where the PR body gets the migrations that will run on merge: the migrate preset (from: migrate), a command, or migration file globs.',
    ),
);

const auditSection = lazy(() =>
  z
    .union([
      z
        .object({
          file: z
            .string()
            .min(1)
            .describe(
              'Path (in the checkout) of an audit log; its last lines are quoted in the PR body.',
            ),
          'max-lines': z
            .number()
            .int()
            .positive()
            .default(20)
            .describe('How many of the last lines to quote.'),
        })
        .strict(),
      z
        .object({
          command: argv().describe(
            'Command printing the audit log, e.g. ["git", "log", "--format=%h %an %s", "-n", "20"].',
          ),
          'max-lines': z
            .number()
            .int()
            .positive()
            .default(20)
            .describe('How many of the last output lines to quote.'),
        })
        .strict(),
    ])
    .describe('Audit-log excerpt quoted in the PR body: a file or a command.'),
);

const PROMOTE_GATES = ['drift', 'change-size', 'findings'] as const;

/** The `promote:` section of .github/promotion.yml (open-promote-pr). */
export const promoteSection = lazy(() =>
  z
    .object({
      name: z
        .string()
        .min(1)
        .default('release')
        .describe(
          'Promotion name used when the `name` input is empty; part of the branch name promote/<name>-<yyyymmdd-hhmm>.',
        ),
      'branch-prefix': z
        .string()
        .min(1)
        .regex(/^[A-Za-z0-9._-]+\/$/, 'use one path segment ending in "/", e.g. "promote/"')
        .default('promote/')
        .describe('Prefix of promotion branches; promotion PRs are recognised by it.'),
      timezone: ianaTimeZone()
        .default('UTC')
        .describe('IANA time zone of the yyyymmdd-hhmm stamp in the branch name.'),
      title: z
        .string()
        .min(1)
        .default('Promote {name} to {production}')
        .superRefine((template, ctx) => {
          const unknown = unknownTitlePlaceholders(template);
          if (unknown.length > 0) {
            ctx.addIssue({
              code: 'custom',
              message: `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; use ${PROMOTE_TITLE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
            });
          }
        })
        .describe(
          'PR title template; placeholders {name}, {date} (yyyy-mm-dd hh:mm), {staging}, {production}, {sha} (short staging SHA).',
        ),
      labels: z
        .array(z.string().min(1).max(LABEL_NAME_LIMIT))
        .default(['promotion'])
        .describe('Labels put on the promotion PR.'),
      assignees: z
        .array(z.string().min(1))
        .default([])
        .describe('Logins assigned to the promotion PR.'),
      draft: z.boolean().default(false).describe('Open the promotion PR as a draft.'),
      reviewers: reviewersSection()
        .prefault({})
        .describe('Reviewer rotation: one reviewer (user or team) per promotion.'),
      areas: z
        .record(z.string().min(1), z.array(z.string().min(1)).min(1))
        .default({})
        .describe(
          'Named areas as path globs (picomatch), e.g. { database: ["migrations/**"] }; the PR body lists the areas a promotion touches.',
        ),
      migrations: migrationsSection().optional(),
      audit: auditSection().optional(),
      'close-superseded': z
        .boolean()
        .default(true)
        .describe(
          'Close other open promotion PRs whose head is contained in the new one, with a comment linking to it.',
        ),
      gates: z
        .array(z.enum(PROMOTE_GATES))
        .default([...PROMOTE_GATES])
        .describe(
          'Preflight gates run in-process before opening (configured under `preflight:`); a failure refuses unless `override-reason` is given.',
        ),
      'rollback-workflow': z
        .string()
        .min(1)
        .default(DEFAULT_ROLLBACK_WORKFLOW)
        .describe(
          "File name of your repository's rollback workflow (the caller with `workflow_dispatch` in .github/workflows that uses Promote's rollback.yml). Named in every printed rollback command and dispatched by prod-smoke-seal's `on-failure: rollback` (unless smoke.rollback.workflow says otherwise). Default promote-rollback.yml, the name the examples use.",
        ),
      checklist: z
        .array(z.string().min(1))
        .default([
          'The changes listed are the ones intended for production',
          'Only the expected migrations are pending',
          'The rollback command below is understood',
        ])
        .describe('Review checklist items rendered as task-list entries in the PR body.'),
    })
    .strict(),
);

export type PromoteConfig = z.infer<ReturnType<typeof promoteSection>>;
