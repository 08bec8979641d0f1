import * as z from 'zod';
import { lazy } from '../lazy.js';
import { MIGRATE_PRESETS, MIGRATE_STEPS, type MigrateStepName } from '../keywords.js';
import { duration } from '../types.js';

export { MIGRATE_STEPS };
export type { MigratePresetName, MigrateStepName } from '../keywords.js';

const envName = lazy(() =>
  z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable NAME such as DATABASE_URL'),
);

const argv = lazy(() =>
  z
    .array(z.string())
    .min(1)
    .describe(
      'Command as an argv array (never a shell string). Placeholders such as {site}, {database}, ' +
        '{backupPath}, {backupDir}, {migrationsDir}, {migrationFile}, {sqlitePath}, {bookmark} are substituted per element.',
    ),
);

const stepOverride = lazy(() =>
  z
    .object({
      run: argv(),
      env: z
        .record(z.string(), envName())
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
    .strict(),
);

/** What the keys that took bare milliseconds before issue #17 say about them (deprecations.ts). */
const BARE_MS_DEPRECATED =
  'Deprecated: a bare number is still read as milliseconds, with a warning; refused from v2.0.0.';

const stepTimeout = (step: MigrateStepName, fallback: string) =>
  duration().default(fallback).describe(`Timeout of the ${step} step.`);

/** An age X25519 or post-quantum hybrid recipient (public key); checked again by the age library. */
const ageRecipient = lazy(() =>
  z
    .string()
    .regex(
      /^age1[0-9a-z]{20,}$/,
      'an age public key (age1...; make one with age-keygen, the public key is on its "# public key:" line)',
    ),
);

const encryption = lazy(() =>
  z
    .union([
      z.literal('none').describe('Explicit opt-out: dumps leave the runner unencrypted.'),
      z
        .object({
          recipients: z
            .array(ageRecipient())
            .min(1)
            .describe(
              'age public keys (age1...) every backup is encrypted to before it leaves the runner. Public: they belong in this file.',
            ),
          'identity-env': envName()
            .default('AGE_SECRET_KEY')
            .describe(
              'NAME of the environment variable holding the age identity (AGE-SECRET-KEY-1...) that decrypts a backup for a restore; map it from a production environment secret in the rollback job.',
            ),
        })
        .strict(),
    ])
    .describe(
      'age encryption of backups sent to a remote store: { recipients: [age1...], identity-env: AGE_SECRET_KEY }, or none to opt out.',
    ),
);

/**
 * Where verified backups live. `local`: a directory (backup-dir) on the runner, for self-hosted
 * runners whose disk outlives the job. `s3`: any S3-compatible object store, so a rollback on a
 * fresh GitHub-hosted runner finds the backup; encrypted with age before a byte leaves the runner.
 */
const storeSection = lazy(() =>
  z
    .object({
      kind: z
        .enum(['local', 's3'])
        .default('local')
        .describe(
          "local (backup-dir on the runner's disk; self-hosted runners) or s3 (AWS S3, Cloudflare R2, GCS interoperability, MinIO, ...).",
        ),
      bucket: z.string().min(1).optional().describe('s3: the bucket name.'),
      prefix: z
        .string()
        .regex(
          /^([A-Za-z0-9._-]+\/)*$/,
          'empty, or path segments each ending in / (e.g. promote/backups/)',
        )
        .default('')
        .describe('s3: key prefix; backups are stored under <prefix><environment>/.'),
      endpoint: z
        .url({ protocol: /^https?$/ })
        .optional()
        .describe(
          's3: endpoint URL for non-AWS stores (https://<account>.r2.cloudflarestorage.com, https://storage.googleapis.com, a MinIO URL). Default: AWS for the region.',
        ),
      region: z
        .string()
        .min(1)
        .default('us-east-1')
        .describe('s3: region used for signing (R2: auto).'),
      'force-path-style': z
        .boolean()
        .default(false)
        .describe(
          's3: address the bucket as <endpoint>/<bucket> (MinIO and most self-hosted stores).',
        ),
      'access-key-id-env': envName()
        .default('AWS_ACCESS_KEY_ID')
        .describe(
          's3: NAME of the environment variable holding the access key id (never the value).',
        ),
      'secret-access-key-env': envName()
        .default('AWS_SECRET_ACCESS_KEY')
        .describe('s3: NAME of the environment variable holding the secret access key.'),
      'session-token-env': envName()
        .default('AWS_SESSION_TOKEN')
        .describe(
          's3: NAME of the variable holding a session token (used when set, e.g. from OIDC).',
        ),
      'part-size-mb': z
        .number()
        .int()
        .min(5)
        .max(5120)
        .default(16)
        .describe(
          's3: multipart part size in MiB (S3 needs at least 5). Memory used: about three parts (one uploading, two filling).',
        ),
      encryption: encryption().optional(),
      retention: z
        .object({
          keep: z
            .number()
            .int()
            .min(1)
            .default(10)
            .describe(
              'Backups kept per environment; older ones are deleted after a successful migrate, never one a current deployment names.',
            ),
        })
        .strict()
        .prefault({}),
    })
    .strict()
    .superRefine((s, ctx) => {
      if (s.kind === 's3' && !s.bucket)
        ctx.addIssue({
          code: 'custom',
          path: ['bucket'],
          message: 'store kind s3 needs a bucket: add migrate.store.bucket: <bucket name>',
        });
      if (s.kind === 's3' && s.encryption === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['encryption'],
          message:
            "a dump holds your users' data: a remote store needs migrate.store.encryption.recipients: [age1...] (age-keygen prints one), or encryption: none to send it unencrypted on purpose",
        });
      if (s.kind === 'local' && s.encryption !== undefined && s.encryption !== 'none')
        ctx.addIssue({
          code: 'custom',
          path: ['encryption'],
          message:
            "encryption applies to remote stores (kind: s3); the local store keeps the dump on the runner's disk beside the database: remove migrate.store.encryption or set kind: s3",
        });
    })
    .describe('Where verified backups are kept so a later job can restore them.'),
);

export const migrateSection = lazy(() =>
  z
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
      'database-url-env': envName()
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
          'Local store: where backups and their manifest (<backup-id>.manifest.json) are kept; use a ' +
            "persistent location (a mounted volume): a runner's temp dir disappears with the job. " +
            'Remote stores (store.kind s3): the scratch dir the dump is written to before it is encrypted and uploaded.',
        ),
      store: storeSection().prefault({}),
      'with-files': z
        .boolean()
        .default(false)
        .describe('frappe: back up public/private files too.'),
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
          Object.fromEntries(MIGRATE_STEPS.map((s) => [s, stepOverride().optional()])) as {
            [K in MigrateStepName]: z.ZodOptional<ReturnType<typeof stepOverride>>;
          },
        )
        .strict()
        .prefault({})
        .describe(
          "Per-step commands replacing the preset's (the command preset needs backup, migrate and restore).",
        ),
      timeouts: z
        .object({
          backup: stepTimeout('backup', '30m'),
          verify: stepTimeout('verify', '10m'),
          migrate: stepTimeout('migrate', '30m'),
          restart: stepTimeout('restart', '5m'),
          'post-check': stepTimeout('post-check', '5m'),
          // Rollback gets its own timeout: Helm's shares the upgrade's and times out.
          restore: stepTimeout('restore', '30m'),
          'verify-restore': stepTimeout('verify-restore', '10m'),
          list: stepTimeout('list', '1m'),
        })
        .strict()
        .prefault({})
        .describe(
          `Per-step timeouts (durations, e.g. 45m or 1h30m); restore has its own. ${BARE_MS_DEPRECATED}`,
        ),
      lock: z
        .object({
          ref: z
            .string()
            .regex(/^refs\/[A-Za-z0-9._/-]+$/)
            .optional()
            .describe('Git ref used as the lock; default refs/promote-locks/<environment>.'),
          ttl: duration()
            .default('1h')
            .describe(
              `A lock older than this is stale and taken over (reported). ${BARE_MS_DEPRECATED}`,
            ),
          'wait-timeout': duration()
            .default('15m')
            .describe(
              `How long to wait for a held lock before failing with the holder's run URL. ${BARE_MS_DEPRECATED}`,
            ),
          'poll-interval': duration()
            .default('10s')
            .describe(`How often to re-try a held lock. ${BARE_MS_DEPRECATED}`),
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
    .strict(),
);

export type MigrateConfig = z.infer<ReturnType<typeof migrateSection>>;
export type StoreConfig = z.infer<ReturnType<typeof storeSection>>;
