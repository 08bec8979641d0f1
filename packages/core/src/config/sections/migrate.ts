import { z } from 'zod';

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

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable NAME such as DATABASE_URL');

const argv = z
  .array(z.string())
  .min(1)
  .describe(
    'Command as an argv array (never a shell string). Placeholders such as {site}, {database}, ' +
      '{backupPath}, {backupDir}, {migrationsDir}, {migrationFile}, {sqlitePath}, {bookmark} are substituted per element.',
  );

const stepOverride = z
  .object({
    run: argv,
    env: z
      .record(z.string(), envName)
      .default({})
      .describe(
        'Environment for the command: { CHILD_VAR: RUNNER_VAR } copies the runner variable RUNNER_VAR ' +
          '(for example a secret mapped in the workflow) into CHILD_VAR; values are masked.',
      ),
    'error-markers': z
      .array(z.string())
      .optional()
      .describe(
        "Regexes checked against the output even when the command exits 0 (replace the preset's).",
      ),
  })
  .strict();

const durationMs = z.number().int().positive().describe('Milliseconds.');

export const migrateSection = z
  .object({
    preset: z
      .enum(MIGRATE_PRESETS)
      .default('command')
      .describe(
        'Which tool drives backup/migrate/restore: frappe (bench), d1 (wrangler), prisma, postgres ' +
          '(pg_dump/psql/pg_restore), sqlite (sqlite3), command (every step is yours).',
      ),
    site: z.string().optional().describe('frappe: the bench site name (bench --site <site>).'),
    database: z
      .string()
      .optional()
      .describe('d1: the D1 database name. postgres/prisma: informative only (the URL decides).'),
    'database-url-env': envName
      .default('DATABASE_URL')
      .describe(
        'NAME of the environment variable holding the database URL (postgres, prisma). The URL is a ' +
          'secret: it never goes in this file, an argv, or a log; it reaches tools as PG* variables.',
      ),
    'sqlite-path': z.string().optional().describe('sqlite: path of the database file.'),
    'migrations-dir': z
      .string()
      .default('migrations')
      .describe('postgres/sqlite: directory of *.sql migration files, applied in name order.'),
    'backup-dir': z
      .string()
      .default('.promote/backups')
      .describe(
        'Where backups and their manifest (<backup-id>.manifest.json) are written. Use a persistent ' +
          "location (a mounted volume) in production: a runner's temp dir disappears with the job.",
      ),
    'with-files': z.boolean().default(false).describe('frappe: back up public/private files too.'),
    'min-backup-bytes': z
      .number()
      .int()
      .nonnegative()
      .default(1024)
      .describe(
        'A backup smaller than this is rejected before migrating (a 20-byte "backup" happened).',
      ),
    overrides: z
      .object(
        Object.fromEntries(MIGRATE_STEPS.map((s) => [s, stepOverride.optional()])) as {
          [K in MigrateStepName]: z.ZodOptional<typeof stepOverride>;
        },
      )
      .strict()
      .prefault({})
      .describe(
        "Per-step commands replacing the preset's (the command preset needs backup, migrate and restore).",
      ),
    timeouts: z
      .object({
        backup: durationMs.default(30 * 60_000),
        verify: durationMs.default(10 * 60_000),
        migrate: durationMs.default(30 * 60_000),
        restart: durationMs.default(5 * 60_000),
        'post-check': durationMs.default(5 * 60_000),
        // Rollback gets its own timeout: Helm's shares the upgrade's and times out.
        restore: durationMs.default(30 * 60_000),
        'verify-restore': durationMs.default(10 * 60_000),
        list: durationMs.default(60_000),
      })
      .strict()
      .prefault({})
      .describe('Per-step timeouts in milliseconds; restore has its own.'),
    lock: z
      .object({
        ref: z
          .string()
          .regex(/^refs\/[A-Za-z0-9._/-]+$/)
          .optional()
          .describe('Git ref used as the lock; default refs/promote-locks/<environment>.'),
        ttl: durationMs
          .default(60 * 60_000)
          .describe('A lock older than this (ms) is stale and taken over (reported).'),
        'wait-timeout': durationMs
          .default(15 * 60_000)
          .describe(
            "How long (ms) to wait for a held lock before failing with the holder's run URL.",
          ),
        'poll-interval': durationMs
          .default(10_000)
          .describe('How often (ms) to re-try a held lock.'),
      })
      .strict()
      .prefault({}),
    'error-markers': z
      .partialRecord(z.enum(MIGRATE_STEPS), z.array(z.string()))
      .default({})
      .describe(
        'Extra regexes per step that mean failure even on exit code 0 (wrangler has exited 0 on error).',
      ),
  })
  .strict();

export type MigrateConfig = z.infer<typeof migrateSection>;
export type MigrateStepOverride = z.infer<typeof stepOverride>;
