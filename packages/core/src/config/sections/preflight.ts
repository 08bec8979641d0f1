import * as z from 'zod';
import { lazy } from '../lazy.js';
import { duration, glob, ianaTimeZone, timeOfDay } from '../types.js';
import { LABEL_NAME_LIMIT } from '../../github/limits.js';
import { SEVERITIES, WEEKDAYS } from '../keywords.js';

export { SEVERITIES, WEEKDAYS };

/**
 * The `preflight:` section of .github/promotion.yml: one sub-key per gate. Three gates run unless
 * switched off with `enabled: false` (ci, diff-guard, branch-protection: a required check that
 * checks nothing protects nothing, issue #16); every other gate runs when its key is present.
 */

const argv = lazy(() =>
  z
    .array(z.string(), {
      error: 'is not a command; use an argv array, e.g. ["./scripts/check.sh", "--quiet"]',
    })
    .min(1, { error: 'is empty; give at least the program, e.g. ["./scripts/check.sh"]' })
    .describe('Command as an argv array (program first); never a shell string.'),
);

// Whole words only ("friday!" or "fridays" is a typo, not Friday), in lower, Title or UPPER case;
// a plain regex so the JSON Schema (editors) refuses the same words.
const WEEKDAY_WORDS = [
  ...['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
].flatMap((d) => [d, d[0]!.toUpperCase() + d.slice(1), d.toUpperCase()]);
const weekday = lazy(() =>
  z
    .string({ error: 'is not a weekday; use mon..sun or monday..sunday' })
    .regex(new RegExp(`^(?:${WEEKDAY_WORDS.join('|')})$`), {
      error: 'is not a weekday; use mon..sun or monday..sunday',
    })
    .transform((d) => d.toLowerCase().slice(0, 3))
    .pipe(z.enum(WEEKDAYS, { error: 'is not a weekday; use mon..sun or monday..sunday' })),
);

const calendarDate = lazy(() =>
  z
    .string({ error: 'is not a date; use YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'is not a date; use YYYY-MM-DD' })
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), {
      error: 'is not a calendar date; use YYYY-MM-DD',
    }),
);

const severity = lazy(() =>
  z
    .string({ error: `is not a severity; use one of ${SEVERITIES.join(', ')}` })
    // toLowerCase (not a transform): the JSON Schema keeps block-at's default only this way.
    .toLowerCase()
    .pipe(z.enum(SEVERITIES, { error: `is not a severity; use one of ${SEVERITIES.join(', ')}` })),
);

const gateBase = lazy(() => ({
  enabled: z
    .boolean()
    .default(true)
    .describe('Set false to keep the settings but not run the gate.'),
  'on-error': z
    .enum(['fail', 'warn'])
    .default('fail')
    .describe(
      'What a gate that cannot be evaluated (missing report, API error) reports: fail (default) or warn. Never pass.',
    ),
}));

export const weeklyWindow = lazy(() =>
  z
    .object({
      days: z.array(weekday()).min(1).describe('Weekdays the window starts on (mon..sun).'),
      from: timeOfDay().default('00:00').describe('Local start time, HH:MM (default 00:00).'),
      to: timeOfDay()
        .optional()
        .describe(
          'Local end time, HH:MM, exclusive (omitted: end of the day). Earlier than `from` means the window runs past midnight into the next day.',
        ),
      timezone: ianaTimeZone()
        .optional()
        .describe('IANA time zone of this window (default: preflight.timezone).'),
      reason: z
        .string()
        .optional()
        .describe('Shown when the window blocks, e.g. "no Friday afternoon deploys".'),
    })
    .strict(),
);

const dateWindow = lazy(() =>
  z
    .object({
      dates: z
        .object({
          from: calendarDate().describe('First frozen day, YYYY-MM-DD (local, from 00:00).'),
          to: calendarDate().describe('Last frozen day, YYYY-MM-DD (inclusive, until 24:00).'),
        })
        .strict()
        .refine((d) => d.from <= d.to, { error: 'dates.from is after dates.to' })
        .describe('An inclusive range of local dates, e.g. holidays.'),
      timezone: ianaTimeZone()
        .optional()
        .describe('IANA time zone of this window (default: preflight.timezone).'),
      reason: z.string().optional().describe('Shown when the window blocks, e.g. "holidays".'),
    })
    .strict(),
);

const freezeWindow = lazy(() =>
  z.union([weeklyWindow(), dateWindow()], {
    error:
      'is neither a weekly window ({ days, from, to }) nor a date range ({ dates: { from, to } })',
  }),
);

const ciGate = lazy(() =>
  z
    .object({
      ...gateBase(),
      workflows: z
        .array(z.string().min(1))
        .min(1)
        .optional()
        .describe(
          'Workflow names whose latest run for the head SHA must conclude success. Omitted: every workflow that ran for the head SHA, except the one running preflight, must conclude success, skipped or neutral (none ran: a warning).',
        ),
      wait: duration().default('10m').describe('How long to wait for pending runs before failing.'),
      'poll-interval': duration()
        .default('30s')
        .describe('How often to look again while runs are pending.'),
    })
    .strict(),
);

const findingsGate = lazy(() =>
  z
    .object({
      ...gateBase(),
      sarif: z
        .array(z.string())
        .default([])
        .describe('SARIF 2.1.0 files (paths relative to the workspace).'),
      json: z
        .array(z.string())
        .default([])
        .describe(
          'Simple JSON findings lists: [{ "severity", "message", "file", "line", "rule" }].',
        ),
      'block-at': severity()
        .default('high')
        .describe('Lowest severity that fails the gate (critical, high, medium, low, note).'),
    })
    .strict()
    .refine((g) => g.sarif.length + g.json.length > 0, {
      error: 'needs at least one of sarif or json',
    }),
);

const testsGate = lazy(() =>
  z
    .object({
      ...gateBase(),
      junit: z.array(z.string()).default([]).describe('JUnit XML result files.'),
      lcov: z.array(z.string()).default([]).describe('lcov coverage files (lcov.info).'),
      cobertura: z.array(z.string()).default([]).describe('Cobertura XML coverage files.'),
      'min-coverage': z
        .number()
        .min(0)
        .max(100)
        .optional()
        .describe(
          'Minimum percentage of changed (added) lines covered; omit to report coverage without a minimum.',
        ),
    })
    .strict()
    .refine((g) => g.junit.length + g.lcov.length + g.cobertura.length > 0, {
      error: 'needs at least one of junit, lcov or cobertura',
    }),
);

const driftGate = lazy(() =>
  z
    .object({
      ...gateBase(),
      command: argv()
        .optional()
        .describe('A command that reports drift; see clean-pattern / clean-exit-code.'),
      'clean-pattern': z
        .string()
        .optional()
        .describe('Regular expression the command output must match to count as clean.'),
      'clean-exit-code': z
        .number()
        .int()
        .default(0)
        .describe('Exit code that counts as clean (default 0).'),
      compare: z
        .object({
          staging: z.string().min(1).describe('Ref holding what staging runs (e.g. staging).'),
          git: z.string().min(1).describe('Ref to compare it with (e.g. main, or the PR head).'),
        })
        .strict()
        .optional()
        .describe('Compare two refs: files only on staging, only in git, changed.'),
    })
    .strict()
    .refine((g) => Boolean(g.command) !== Boolean(g.compare), {
      error: 'needs exactly one of command or compare',
    }),
);

const backupGate = lazy(() =>
  z
    .object({
      ...gateBase(),
      command: argv()
        .optional()
        .describe(
          'A command printing the latest backup time (ISO 8601 or epoch seconds) as its last line.',
        ),
      file: z
        .object({
          path: z.string().min(1).describe('File whose time tells the backup age.'),
          read: z
            .enum(['mtime', 'contents'])
            .default('mtime')
            .describe(
              'mtime: the file modification time; contents: an ISO time or epoch in the file.',
            ),
        })
        .strict()
        .optional(),
      'max-age': duration().default('24h').describe('Oldest acceptable backup, e.g. 6h.'),
      label: z.string().default('production backup').describe('What the report calls the backup.'),
    })
    .strict()
    .refine((g) => Boolean(g.command) !== Boolean(g.file), {
      error: 'needs exactly one of command or file',
    }),
);

const changeSizeGate = lazy(() =>
  z
    .object({
      ...gateBase(),
      'max-units': z
        .number()
        .int()
        .min(1)
        .default(10)
        .describe('Most distinct units one promotion may bundle.'),
      count: z
        .array(z.enum(['scopes', 'areas', 'issues']))
        .default(['scopes', 'areas', 'issues'])
        .describe(
          'What counts as a unit: conventional-commit scopes, configured path areas, linked issues.',
        ),
      areas: z
        .record(z.string(), z.union([z.string(), z.array(z.string())]))
        .default({})
        .describe(
          'Named path areas: { api: "src/api/**", docs: ["docs/**", "*.md"] } (picomatch globs).',
        ),
    })
    .strict(),
);

const approvalsGate = lazy(() =>
  z
    .object({
      ...gateBase(),
      required: z
        .number()
        .int()
        .min(0)
        .default(1)
        .describe('Approving reviews required (latest review per reviewer counts).'),
      'staging-deployment': z
        .object({
          environment: z
            .string()
            .min(1)
            .default('staging')
            .describe('Deployment environment name.'),
        })
        .strict()
        .optional()
        .describe('Require a successful deployment of the head SHA to this environment.'),
      'state-files': z
        .array(
          z
            .object({
              path: z.string().min(1).describe('YAML or JSON file in the workspace.'),
              key: z
                .string()
                .min(1)
                .describe('Dotted key, e.g. manual_gates.staging_validation.status.'),
              equals: z
                .union([z.string(), z.number(), z.boolean()])
                .describe('Value the key must hold, e.g. approved.'),
            })
            .strict(),
        )
        .default([])
        .describe('Keys in state files that must hold a value.'),
    })
    .strict(),
);

const protectedPath = lazy(() =>
  z
    .object({
      path: glob().describe('Glob of protected files (picomatch), e.g. wrangler.jsonc.'),
      'json-path': z
        .string()
        .optional()
        .describe(
          'Only this part of a JSON/JSONC file is protected (JSONPath, e.g. $.env.production).',
        ),
      'approval-label': z
        .string()
        .max(LABEL_NAME_LIMIT)
        .optional()
        .describe('Label on the PR that approves a change here.'),
      'approved-by': z
        .array(z.string())
        .default([])
        .describe('Logins whose approving review approves a change here.'),
    })
    .strict(),
);

const diffGuardGate = lazy(() =>
  z
    .object({
      ...gateBase(),
      secrets: z
        .boolean()
        .default(true)
        .describe('Scan added lines with secretlint’s recommended rule preset.'),
      'debug-patterns': z
        .array(z.string())
        .default([
          'console\\.log\\(',
          '\\bdebugger\\b',
          'binding\\.pry',
          '\\bpdb\\.set_trace\\(',
          '\\bbreakpoint\\(\\)',
        ])
        .describe('Regular expressions for debug leftovers in added lines.'),
      'protected-paths': z
        .array(protectedPath())
        .default([])
        .describe('Paths that need a named approval to change.'),
      'gate-files': z
        .object({
          protected: z
            .boolean()
            .default(true)
            .describe(
              'A PR that changes the config file or a file a gate command names (custom, drift, backup) needs the approval below. The gates always run the base branch versions of these files.',
            ),
          'approval-label': z
            .string()
            .min(1)
            .default('promote-gates-approved')
            .describe('Label on the PR that approves a change to the gate files.'),
          'approved-by': z
            .array(z.string())
            .default([])
            .describe('Logins whose approving review approves a change to the gate files.'),
        })
        .strict()
        .prefault({})
        .describe(
          'The files that decide the gates: the config file and the scripts gate commands run.',
        ),
    })
    .strict(),
);

const branchProtectionGate = lazy(() =>
  z
    .object({
      ...gateBase(),
      'allow-unprotected': z
        .boolean()
        .default(false)
        .describe(
          'Report success even when the production branch is not protected (not recommended).',
        ),
    })
    .strict(),
);

const customCommand = lazy(() =>
  z
    .object({
      name: z.string().min(1).describe('Shown in the report.'),
      run: argv(),
      timeout: duration().default('10m').describe('Per-command timeout.'),
    })
    .strict(),
);

const customGate = lazy(() =>
  z
    .object({
      ...gateBase(),
      commands: z
        .array(customCommand())
        .min(1)
        .describe('Commands whose exit code decides; output tail shown.'),
    })
    .strict(),
);

const ruleLevel = lazy(() =>
  z
    .enum(['block', 'warn', 'off'])
    .describe('block fails the gate, warn reports, off ignores the rule.'),
);

const migrationsGate = lazy(() =>
  z
    .object({
      ...gateBase(),
      engine: z
        .enum(['postgres', 'sqlite'])
        .optional()
        .describe(
          'SQL dialect of the migrations. Default from migrate.preset: postgres and prisma are postgres, sqlite and d1 are sqlite; the command preset needs it.',
        ),
      dir: z
        .string()
        .min(1)
        .optional()
        .describe(
          'Migrations directory in the repository. Default: migrate.migrations-dir (postgres, sqlite, d1), prisma/migrations (prisma; one folder with a migration.sql per migration); frappe: the app folder holding patches.txt (default: the one top-level folder that has one).',
        ),
      'bench-dir': z
        .string()
        .min(1)
        .optional()
        .describe(
          "frappe: the frappe-bench directory on this runner (a self-hosted runner on the production host). Set, the pending patches are read from the site's Patch Log through bench; unset, only the patches.txt entries the promotion adds are listed.",
        ),
      squawk: argv()
        .default(['squawk'])
        .describe(
          'PostgreSQL: the command that runs Squawk (squawk-cli) on the runner; the preflight workflow installs it when its squawk-version input is set.',
        ),
      'in-transaction': z
        .boolean()
        .optional()
        .describe(
          'PostgreSQL: each migration runs inside a transaction (Squawk --assume-in-transaction). Default: true for the postgres and prisma presets, which wrap each file.',
        ),
      rules: z
        .record(z.string().min(1), ruleLevel())
        .default({})
        .describe(
          'Per rule: block, warn or off, over the defaults (destructive and long-locking rules block, others warn). Rule ids are Squawk’s (https://squawkhq.com/docs/rules) and, for SQLite, the same names plus table-rebuild, update-without-where, delete-without-where, statement-fails.',
        ),
      'default-level': ruleLevel()
        .default('warn')
        .describe('Level of rules neither listed in rules nor blocking by default.'),
      approval: z
        .object({
          label: z
            .string()
            .min(1)
            .max(LABEL_NAME_LIMIT)
            .default('destructive-migration-approved')
            .describe('Label on the PR that approves its destructive migrations.'),
          'approved-by': z
            .array(z.string())
            .default([])
            .describe('Logins whose approving review approves destructive migrations.'),
        })
        .strict()
        .prefault({})
        .describe(
          'Destructive changes (drops, renames, type changes, UPDATE/DELETE without WHERE) block until this approval is on the PR, then warn.',
        ),
      'override-lifts': z
        .array(z.string().min(1))
        .default([])
        .describe(
          'Rules an emergency override (preflight.override) turns from block into warn, audited like the freeze override. Empty: the override lifts nothing here.',
        ),
      timeout: duration().default('5m').describe('Timeout of Squawk and of reading production.'),
    })
    .strict(),
);

/**
 * Gates an emergency override may lift. Never secrets, findings, tests, approvals, protection.
 * `soak` is the stage soak of declared stages (issue #20): it says when, like freeze.
 */
const LIFTABLE_GATES = ['freeze', 'change-size', 'backup', 'drift', 'ci', 'soak'] as const;

export const preflightSection = lazy(() =>
  z
    .object({
      timezone: ianaTimeZone()
        .default('UTC')
        .describe('IANA time zone for freeze windows without their own.'),
      override: z
        .object({
          label: z
            .string()
            .min(1)
            .max(LABEL_NAME_LIMIT)
            .default('emergency-override')
            .describe('PR label that requests an override.'),
          lifts: z
            .array(z.enum(LIFTABLE_GATES))
            .default(['freeze', 'change-size', 'soak'])
            .describe(
              'Gates the override turns from fail into warn (audited). Security gates are never liftable. soak (the stage soak of declared stages) is lifted by default; freeze also lifts the stage allow windows.',
            ),
        })
        .strict()
        .prefault({})
        .describe(
          'Emergency override: a label (or dispatch input) plus a reason, recorded in the check run and a PR comment.',
        ),
      freeze: z
        .array(freezeWindow())
        .optional()
        .describe(
          'Freeze windows: weekly ({ days, from, to }) or date ranges ({ dates: { from, to } }).',
        ),
      ci: ciGate()
        .prefault({})
        .describe(
          'CI green for the head SHA. On by default (every other workflow); `enabled: false` switches it off.',
        ),
      findings: findingsGate()
        .optional()
        .describe('Review findings (SARIF / JSON) below a blocking severity.'),
      tests: testsGate().optional().describe('JUnit results and coverage of changed lines.'),
      drift: driftGate().optional().describe('Staging and production in lock-step.'),
      backup: backupGate().optional().describe('Latest production backup younger than max-age.'),
      'change-size': changeSizeGate()
        .optional()
        .describe('Too many unrelated units in one promotion.'),
      approvals: approvalsGate()
        .optional()
        .describe('Approvals, staging deployment, state-file keys.'),
      'diff-guard': diffGuardGate()
        .prefault({})
        .describe(
          'Added lines: secrets, debug leftovers, protected paths and gate files. On by default; `enabled: false` switches it off.',
        ),
      'branch-protection': branchProtectionGate()
        .prefault({})
        .describe(
          'Production branch protected and requiring this check. On by default; `enabled: false` switches it off.',
        ),
      custom: customGate().optional().describe('Named commands whose exit code decides.'),
      migrations: migrationsGate()
        .optional()
        .describe(
          'The migrations the promotion will run, linted (Squawk for PostgreSQL, SQLite itself for SQLite and D1) before merge.',
        ),
    })
    .strict()
    .describe(
      "The gates preflight-gates judges a pull request by, read from the PR's base branch. With `stages:`, the base branch names the stage the PR promotes into: that stage's settings apply (`stages[].preflight`), its `allow` windows are judged in the freeze row, and past the first stage a `soak` row requires the PR head to be deployed and sealed green on the stage before it for at least that stage's `soak` (read from GitHub deployments and seal statuses; the override lifts it like freeze). A PR into the first stage is not a promotion: no soak. With `apps:`, change-size, tests, drift and migrations run once per app the PR changes, on that app's files with its settings (rows such as `change size (api)`); every other gate runs once for the repository, and files outside every app are judged only by those. Without `stages:` and `apps:` nothing of this applies.",
    ),
);

export type PreflightConfig = z.infer<ReturnType<typeof preflightSection>>;
export type MigrationsGateConfig = z.infer<ReturnType<typeof migrationsGate>>;
export type FreezeWindow = z.infer<ReturnType<typeof freezeWindow>>;
export type WeeklyWindow = z.infer<ReturnType<typeof weeklyWindow>>;
export type { Severity } from '../keywords.js';
